import type { IDataObject } from 'n8n-workflow';
import { orderIdField } from '../../shared/descriptions';
import { orderIdOf } from '../recordIds';
import type { Operation } from '../../run/operation';

// Custom checkout and the payment iframe are for CardCorp merchants; a checkout lasts 25 minutes.
export const renewCheckout: Operation = {
	resource: 'checkout',
	value: 'renew',
	method: 'POST',
	record: 'order',
	fields: [
		{
			...orderIdField,
			description: "The system ID of an order created with 'Create Checkout' and still pending",
		},
	],
	async execute(item, send) {
		const orderId = orderIdOf(item);
		return [(await send('renewCheckout', { id: orderId, resource: 'order' })) as IDataObject];
	},
};
