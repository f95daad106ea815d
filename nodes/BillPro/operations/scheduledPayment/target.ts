import type { INodeProperties } from 'n8n-workflow';
import type { ItemContext } from '../../shared/itemContext';
import { orderIdField, scheduledPaymentLocator } from '../../shared/descriptions';
import { orderIdOf, scheduledPaymentIdOf } from '../recordIds';

/** Order ID and Scheduled Payment: the two IDs every management operation names. */
export const paymentTargetFields: INodeProperties[] = [orderIdField, scheduledPaymentLocator];

/** The path of the scheduled payment the item names, both IDs checked. */
export function paymentTarget(item: ItemContext): { id: string; path: { orderId: string } } {
	const orderId = orderIdOf(item);
	const id = scheduledPaymentIdOf(item);
	return { id, path: { orderId } };
}
