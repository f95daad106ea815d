import { searchPages } from './searchPages';

export const searchCustomers = searchPages('listCustomers', 'customer', (customer) => {
	const name = `${customer.first_name ?? ''} ${customer.last_name ?? ''}`.trim();
	return {
		name: `${name} (${customer.email ?? customer.customer_id})`,
		value: String(customer.id),
		searchText: `${name} ${customer.email ?? ''} ${customer.customer_id ?? ''}`,
	};
});
