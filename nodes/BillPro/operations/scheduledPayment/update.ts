import type { IDataObject } from 'n8n-workflow';
import type { ItemContext } from '../../shared/itemContext';
import { BODY_ROOT } from '../../shared/api';
import type { BillProRequest } from '../../transport/send';
import { paymentTarget } from './target';

/**
 * Sends a scheduled payment's update, {"scheduled_payment": {...}}, once its two IDs and then
 * `fields` (which checks the operation's own fields) have passed.
 */
export async function updatePayment(
	item: ItemContext,
	send: BillProRequest,
	fields: () => IDataObject,
): Promise<IDataObject[]> {
	const target = paymentTarget(item);
	const body = { [BODY_ROOT.scheduledPayment]: fields() };
	return [
		(await send('updateScheduledPayment', {
			...target,
			body,
			resource: 'scheduled payment',
		})) as IDataObject,
	];
}
