/** Validated customer input and the stored records built from it (used by the API and the seed). */
import { CODE_SALT, merchantCode, type IdKind } from '../../ids';
import {
	ADDRESS_TYPES,
	type AddressType,
	type CustomerStatus,
	type StoredAddress,
	type StoredCustomer,
	type StoredOrganisation,
} from '../../types';

export interface AddressInput {
	street: string;
	city: string;
	state: string | null;
	country: string;
	postal_code: string | null;
}

export interface OrganisationInput {
	name: string;
	registration_number: string | null;
	web_url: string | null;
	vat: string | null;
	description: string | null;
}

/** The PUT/POST format: addresses keyed by type, not the GET response's array. */
export type AddressesInput = Partial<Record<AddressType, AddressInput>>;

export interface CustomerInput {
	first_name: string;
	last_name: string;
	email: string;
	phone: string | null;
	date_of_birth: string | null;
	/** undefined: not sent (an update keeps the current one); null: none. */
	organisation: OrganisationInput | null | undefined;
	addresses: AddressesInput;
}

export type NextId = (kind: IdKind) => number;

export function newOrganisation(
	nextId: NextId,
	input: OrganisationInput,
	at: string,
): StoredOrganisation {
	return { id: nextId('organisation'), ...input, created_at: at, updated_at: at };
}

/** "Each time you update an address, it is saved as a new address": always a new id. */
export function newAddresses(
	nextId: NextId,
	addresses: AddressesInput,
	at: string,
): StoredAddress[] {
	const saved: StoredAddress[] = [];
	for (const type of ADDRESS_TYPES) {
		const input = addresses[type];
		if (!input) continue;
		saved.push({
			id: nextId('address'),
			address_type: type,
			street: input.street,
			city: input.city,
			state: input.state,
			country: input.country,
			postal_code: input.postal_code,
			created_at: at,
			updated_at: at,
		});
	}
	return saved;
}

export function newCustomer(
	nextId: NextId,
	profileId: number,
	input: CustomerInput,
	at: string,
	status: CustomerStatus = 'active',
): StoredCustomer {
	const id = nextId('customer');
	return {
		id,
		// Auto-generated and not settable through the API [V]; derived from the id, so deterministic.
		customer_id: merchantCode(id, CODE_SALT.customer),
		profile_id: profileId,
		status,
		first_name: input.first_name,
		last_name: input.last_name,
		email: input.email,
		phone: input.phone,
		date_of_birth: input.date_of_birth,
		organisation: input.organisation ? newOrganisation(nextId, input.organisation, at) : null,
		addresses: newAddresses(nextId, input.addresses, at),
		created_at: at,
		updated_at: at,
	};
}
