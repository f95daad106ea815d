/**
 * Validation of the `{"customer": {...}}` body, shared by create and update. Every field error is
 * collected so one 422 lists them all, keyed like `addresses.billing_address.country`.
 */
import { MESSAGES } from '../../config';
import { ErrorCollector, isJsonObject, unprocessable, type JsonObject } from '../../http';
import { ADDRESS_TYPES } from '../../types';
import {
	ISO_COUNTRIES,
	checkString,
	isHttpUrl,
	isValidBirthDate,
	isValidEmail,
	isValidPhone,
} from '../../validation';
import type { AddressInput, AddressesInput, CustomerInput, OrganisationInput } from './records';

/** Scalar fields: an update keeps the ones it does not send. */
export const SCALAR_FIELDS = [
	'first_name',
	'last_name',
	'email',
	'phone',
	'date_of_birth',
] as const;

/** The body's `customer` object; anything else is 422 {"customer":["is required"]}. */
export function customerPayload(body: unknown): JsonObject {
	const customer = isJsonObject(body) ? body.customer : undefined;
	if (!isJsonObject(customer)) throw unprocessable('customer', MESSAGES.required);
	return customer;
}

/**
 * Checks every field of `raw` (unknown keys, customer_id and status are ignored here) and returns
 * the values to store. Email uniqueness needs the store, so callers check it.
 */
export function validateCustomer(
	raw: JsonObject,
	errors: ErrorCollector,
	today: Date,
): CustomerInput {
	const first_name = checkString(errors, 'first_name', raw.first_name, true) ?? '';
	const last_name = checkString(errors, 'last_name', raw.last_name, true) ?? '';
	const email = checkString(errors, 'email', raw.email, true);
	if (email !== null && !isValidEmail(email)) errors.add('email', MESSAGES.invalid);

	// The phone rule needs the address country, so addresses are read first; their errors are
	// merged last to keep the body in field order.
	const nested = new ErrorCollector();
	const organisation = validateOrganisation(raw.organisation, nested);
	const addresses = validateAddresses(raw.addresses, nested);

	const phone = checkString(errors, 'phone', raw.phone, false);
	if (phone !== null && !isValidPhone(phone, phoneCountry(addresses))) {
		errors.add('phone', MESSAGES.invalid);
	}
	const date_of_birth = checkString(errors, 'date_of_birth', raw.date_of_birth, false);
	if (date_of_birth !== null && !isValidBirthDate(date_of_birth, today)) {
		errors.add('date_of_birth', MESSAGES.invalid);
	}
	errors.merge(nested);
	return {
		first_name,
		last_name,
		email: email ?? '',
		phone,
		date_of_birth,
		organisation,
		addresses,
	};
}

/** The billing address's country, else the shipping address's (only valid codes count). */
function phoneCountry(addresses: AddressesInput): string | undefined {
	return ADDRESS_TYPES.map((type) => addresses[type]?.country).find(
		(country): country is string => country !== undefined && ISO_COUNTRIES.has(country),
	);
}

/** undefined: not sent; null: sent as null (no organisation). */
function validateOrganisation(
	value: unknown,
	errors: ErrorCollector,
): OrganisationInput | null | undefined {
	if (value === undefined || value === null) return value;
	if (!isJsonObject(value)) {
		errors.add('organisation', MESSAGES.invalid);
		return undefined;
	}
	const web_url = checkString(errors, 'organisation.web_url', value.web_url, false);
	if (web_url !== null && !isHttpUrl(web_url)) errors.add('organisation.web_url', MESSAGES.invalid);
	return {
		name: checkString(errors, 'organisation.name', value.name, true) ?? '',
		registration_number: checkString(
			errors,
			'organisation.registration_number',
			value.registration_number,
			false,
		),
		web_url,
		vat: checkString(errors, 'organisation.vat', value.vat, false),
		description: checkString(errors, 'organisation.description', value.description, false),
	};
}

/** The request format: `{billing_address: {...}, shipping_address: {...}}`. Other keys are ignored. */
function validateAddresses(value: unknown, errors: ErrorCollector): AddressesInput {
	if (value === undefined || value === null) return {};
	if (!isJsonObject(value)) {
		// Includes the GET response's array format, which requests do not use.
		errors.add('addresses', MESSAGES.invalid);
		return {};
	}
	const addresses: AddressesInput = {};
	for (const type of ADDRESS_TYPES) {
		const address = value[type];
		const prefix = `addresses.${type}`;
		if (address === undefined || address === null) continue;
		if (!isJsonObject(address)) {
			errors.add(prefix, MESSAGES.invalid);
			continue;
		}
		addresses[type] = validateAddress(address, prefix, errors);
	}
	return addresses;
}

function validateAddress(
	address: JsonObject,
	prefix: string,
	errors: ErrorCollector,
): AddressInput {
	const country = checkString(errors, `${prefix}.country`, address.country, true);
	if (country !== null && !ISO_COUNTRIES.has(country))
		errors.add(`${prefix}.country`, MESSAGES.badCountry);
	return {
		street: checkString(errors, `${prefix}.street`, address.street, true) ?? '',
		city: checkString(errors, `${prefix}.city`, address.city, true) ?? '',
		state: checkString(errors, `${prefix}.state`, address.state, false),
		country: country ?? '',
		postal_code: checkString(errors, `${prefix}.postal_code`, address.postal_code, false),
	};
}
