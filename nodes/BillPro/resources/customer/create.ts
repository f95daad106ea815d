import type { INodeProperties } from 'n8n-workflow';
import { bulkCreate } from '../../request/bulkCreate';
import { customerDetailFields, customerNameFields } from '../../shared/descriptions';
import { createCustomerBody } from './body';

const show = { resource: ['customer'], operation: ['create'] };

export const customerCreateDescription: INodeProperties[] = [
	...customerNameFields.map((field) => ({ ...field, required: true, displayOptions: { show } })),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: customerDetailFields,
	},
];

/** Customer → Create over many items (a bulk import), as the node's custom operation. */
export const createCustomers = bulkCreate({
	resource: 'customer',
	endpoint: () => 'createCustomer',
	body: createCustomerBody,
});
