import type { INodeProperties } from 'n8n-workflow';
import type { ItemContext } from '../../request/itemContext';
import { orderIdField, scheduledPaymentLocator } from '../../shared/descriptions';
import { requireSystemId } from '../../shared/validation';

/** Order ID and Scheduled Payment: the two IDs every management operation names. */
export const paymentTargetFields: INodeProperties[] = [orderIdField, scheduledPaymentLocator];

/** The path of the scheduled payment the item names, both IDs checked. */
export function paymentTarget(item: ItemContext): { id: string; path: { orderId: string } } {
	const orderId = requireSystemId(item, 'Order ID', item.getNodeParameter('orderId'), 'order');
	const id = requireSystemId(
		item,
		'Scheduled Payment',
		item.getNodeParameter('scheduledPayment', undefined, { extractValue: true }),
		'scheduledPayment',
	);
	return { id, path: { orderId } };
}
