import type { INodeProperties } from 'n8n-workflow';
import { QUERY } from '../../shared/api';
import { getManyFields } from '../../shared/getManyFields';
import { simplifyCustomer } from '../../shared/simplify';

const show = { resource: ['customer'], operation: ['getAll'] };

export const customerGetManyDescription: INodeProperties[] = getManyFields(show, {
	simplifier: simplifyCustomer,
	filters: [
		{
			displayName: 'Merchant Customer ID',
			name: 'customerId',
			placeholder: 'e.g. 4F7Q2K9XAB',
			description: "Only the customers with this merchant customer ID ('customer_id')",
			query: QUERY.customerFilter,
		},
	],
});
