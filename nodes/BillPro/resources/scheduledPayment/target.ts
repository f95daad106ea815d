import type { INodeProperties } from 'n8n-workflow';
import { orderIdField, scheduledPaymentLocator } from '../../shared/descriptions';

/** Order ID and Scheduled Payment: the two IDs every management operation names. */
export function paymentTarget(operation: string): INodeProperties[] {
	const show = { resource: ['scheduledPayment'], operation: [operation] };
	return [
		{ ...orderIdField, displayOptions: { show } },
		{ ...scheduledPaymentLocator, displayOptions: { show } },
	];
}
