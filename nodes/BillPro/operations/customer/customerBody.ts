import type { IDataObject } from 'n8n-workflow';
import type { ItemContext } from '../../shared/itemContext';
import { compact } from '../../shared/body';
import {
	isNotSet,
	requireBillProDate,
	requireCollection,
	requireCountryCode,
	requireEmail,
	requireHttpUrl,
	requireText,
} from '../../shared/validation';

/**
 * Builds BillPro's customer body ({"customer": {...}}, the PUT/POST format) from the node's
 * fields. Optional fields left empty are not sent; everything entered is sent as entered.
 */

type Fields = IDataObject;

/** Customer → Update's Addresses: keep the customer's other addresses, or send only those given. */
export const ADDRESS_HANDLING = ['keep', 'replace'] as const;

const ADDRESSES = [
	{ field: 'billingAddress', label: 'Billing Address', key: 'billing_address' },
	{ field: 'shippingAddress', label: 'Shipping Address', key: 'shipping_address' },
] as const;

function optional(context: ItemContext, label: string, value: unknown) {
	return isNotSet(value) ? undefined : requireText(context, label, value);
}

function addressBody(context: ItemContext, label: string, entry: unknown) {
	const address = ((entry as Fields | undefined)?.address ?? {}) as Fields;
	return compact({
		street: requireText(context, `${label} › Street`, address.street),
		city: requireText(context, `${label} › City`, address.city),
		state: optional(context, `${label} › State`, address.state),
		country: requireCountryCode(context, `${label} › Country`, address.country),
		postal_code: optional(context, `${label} › Postal Code`, address.postalCode),
	});
}

function organisationBody(context: ItemContext, entry: unknown) {
	const details = ((entry as Fields | undefined)?.details ?? {}) as Fields;
	return compact({
		name: requireText(context, 'Organisation › Name', details.name),
		registration_number: optional(
			context,
			'Organisation › Registration Number',
			details.registrationNumber,
		),
		web_url: isNotSet(details.webUrl)
			? undefined
			: requireHttpUrl(context, 'Organisation › Website URL', details.webUrl),
		vat: optional(context, 'Organisation › VAT Number', details.vat),
		description: optional(context, 'Organisation › Description', details.description),
	});
}

/** Not set: undefined, null, '' or an empty collection, alike. */
function hasValue(fields: Fields, name: string): boolean {
	const value = fields[name];
	return !isNotSet(value) && !(typeof value === 'object' && !Object.keys(value).length);
}

/** The optional details (and, on Update, the names) that are set in `fields`. */
export function customerDetails(context: ItemContext, fields: Fields): IDataObject {
	const addresses = Object.fromEntries(
		ADDRESSES.filter(({ field }) => hasValue(fields, field)).map(({ field, label, key }) => [
			key,
			addressBody(context, label, fields[field]),
		]),
	);
	return compact({
		first_name: hasValue(fields, 'firstName')
			? requireText(context, 'First Name', fields.firstName)
			: undefined,
		last_name: hasValue(fields, 'lastName')
			? requireText(context, 'Last Name', fields.lastName)
			: undefined,
		email: hasValue(fields, 'email') ? requireEmail(context, 'Email', fields.email) : undefined,
		date_of_birth: hasValue(fields, 'dateOfBirth')
			? requireBillProDate(context, 'Date of Birth', fields.dateOfBirth)
			: undefined,
		phone: hasValue(fields, 'phone') ? requireText(context, 'Phone', fields.phone) : undefined,
		organisation: hasValue(fields, 'organisation')
			? organisationBody(context, fields.organisation)
			: undefined,
		addresses: Object.keys(addresses).length ? addresses : undefined,
	});
}

/** Customer → Create's body, {"customer": {...}}, from the item's fields. */
export function createCustomerBody(item: ItemContext): IDataObject {
	const customer = {
		first_name: requireText(item, 'First Name', item.getNodeParameter('firstName')),
		last_name: requireText(item, 'Last Name', item.getNodeParameter('lastName')),
		email: requireEmail(item, 'Email', item.getNodeParameter('email')),
		...customerDetails(
			item,
			requireCollection(item, 'Additional Fields', item.getNodeParameter('additionalFields', {})),
		),
	};
	return { customer };
}

/**
 * A customer as BillPro's GET answers (addresses as a list with `address_type`) gives its
 * addresses in the PUT format (an object keyed by address type). The GET shape is an
 * assumption (api.ts): this is the one place that reads it.
 */
export function addressesForUpdate(customer: IDataObject): IDataObject {
	const list = Array.isArray(customer.addresses) ? (customer.addresses as IDataObject[]) : [];
	return Object.fromEntries(
		list
			.filter((address) => ADDRESSES.some(({ key }) => key === address.address_type))
			.map((address) => [
				address.address_type as string,
				compact({
					street: address.street ?? undefined,
					city: address.city ?? undefined,
					state: address.state ?? undefined,
					country: address.country ?? undefined,
					postal_code: address.postal_code ?? undefined,
				}),
			]),
	);
}
