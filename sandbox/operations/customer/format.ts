/**
 * Stored record -> GET response. A fresh copy with a fixed key order, so callers cannot mutate
 * the store through a response. (The docs say the PUT format differs from GET: addresses are an
 * object keyed by type in requests, an array here.)
 */
import type { CustomerResponse, StoredCustomer } from '../../types';

export function formatCustomer(customer: StoredCustomer): CustomerResponse {
	const { organisation } = customer;
	return {
		id: customer.id,
		customer_id: customer.customer_id,
		profile_id: customer.profile_id,
		status: customer.status,
		first_name: customer.first_name,
		last_name: customer.last_name,
		email: customer.email,
		phone: customer.phone,
		date_of_birth: customer.date_of_birth,
		organisation: organisation && {
			id: organisation.id,
			name: organisation.name,
			registration_number: organisation.registration_number,
			web_url: organisation.web_url,
			vat: organisation.vat,
			description: organisation.description,
			created_at: organisation.created_at,
			updated_at: organisation.updated_at,
		},
		addresses: customer.addresses.map((address) => ({
			id: address.id,
			address_type: address.address_type,
			street: address.street,
			city: address.city,
			state: address.state,
			country: address.country,
			postal_code: address.postal_code,
			created_at: address.created_at,
			updated_at: address.updated_at,
		})),
		created_at: customer.created_at,
		updated_at: customer.updated_at,
	};
}
