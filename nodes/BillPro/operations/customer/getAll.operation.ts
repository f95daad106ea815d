import { QUERY } from '../../shared/api';
import { simplifyCustomer } from '../../shared/simplify';
import { getManyFields, readList, type Filter } from '../getMany';
import type { Operation } from '../../run/operation';

const filters: Filter[] = [
	{
		displayName: 'Merchant Customer ID',
		name: 'customerId',
		placeholder: 'e.g. 4F7Q2K9XAB',
		description: "Only the customers with this merchant customer ID ('customer_id')",
		query: QUERY.customerFilter,
	},
];

export const getManyCustomers: Operation = {
	resource: 'customer',
	value: 'getAll',
	method: 'GET',
	record: 'customer',
	fields: getManyFields(filters),
	async execute(item, send) {
		return await readList(item, send, {
			endpoint: 'listCustomers',
			record: 'customer',
			simplifier: simplifyCustomer,
			filters,
		});
	},
};
