import type { IDataObject } from 'n8n-workflow';
import { createCustomerBody } from './customerBody';
import { customerDetailFields, customerNameFields } from '../../shared/descriptions';
import type { Operation } from '../../run/operation';

export const createCustomer: Operation = {
	resource: 'customer',
	value: 'create',
	method: 'POST',
	record: 'customer',
	fields: [
		...customerNameFields.map((field) => ({ ...field, required: true })),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: customerDetailFields,
		},
	],
	async execute(item, send) {
		const body = createCustomerBody(item);
		return [(await send('createCustomer', { body, resource: 'customer' })) as IDataObject];
	},
};
