import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { BODY_ROOT } from '../../shared/api';
import { orderIdField, scheduledPaymentLocator } from '../../shared/descriptions';
import type { ItemContext } from '../../shared/itemContext';
import type { BillProRequest } from '../../transport/send';
import { orderIdOf, scheduledPaymentIdOf } from '../recordIds';

/** Order ID and Scheduled Payment: the two IDs every operation that changes a payment names. */
export const paymentTargetFields: INodeProperties[] = [orderIdField, scheduledPaymentLocator];

/**
 * Sends a scheduled payment's update, {"scheduled_payment": {...}}, to
 * `/orders/{orderId}/scheduled_payments/{id}`, once its two IDs and then `fields` (which checks
 * the operation's own fields) have passed.
 */
export async function updatePayment(
	item: ItemContext,
	send: BillProRequest,
	fields: () => IDataObject,
): Promise<IDataObject[]> {
	const path = { orderId: orderIdOf(item) };
	const id = scheduledPaymentIdOf(item);
	const body = { [BODY_ROOT.scheduledPayment]: fields() };
	return [
		(await send('updateScheduledPayment', {
			id,
			path,
			body,
			resource: 'scheduled payment',
		})) as IDataObject,
	];
}
