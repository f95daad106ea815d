import type { IDataObject } from 'n8n-workflow';
import type { ItemContext } from '../../request/itemContext';
import { BODY_ROOT } from '../../shared/api';
import type { SendToBillPro } from '../operation';
import { paymentTarget } from './target';

/**
 * Sends a scheduled payment's update, {"scheduled_payment": {...}}, once its two IDs and then
 * `fields` (which checks the operation's own fields) have passed.
 */
export async function updatePayment(
	item: ItemContext,
	send: SendToBillPro,
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
