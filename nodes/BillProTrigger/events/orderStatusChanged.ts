import type { IDataObject } from 'n8n-workflow';
import { isMissingList, missingAfter, readWatchedOrders } from './watchedOrders';
import { isRecord, isWholeNumber, type TriggerEvent } from './event';

/**
 * Each watched order's last seen status, by order ID; where the next poll starts reading; the
 * watched orders BillPro did not find (reported once).
 */
export interface OrderStatuses {
	statuses: Record<string, string>;
	nextStart: number;
	missing?: string[];
}

const changed = (order: IDataObject, previousStatus: string | null) => ({
	event: 'orderStatusChanged',
	previousStatus,
	...order,
});

export const orderStatusChangedEvent: TriggerEvent<OrderStatuses> = {
	option: {
		name: 'Order Status Changed',
		value: 'orderStatusChanged',
		description: 'A watched order changed status, such as pending to active, or active to failed',
	},
	async poll(source, settings, known) {
		const polled = await readWatchedOrders(
			source,
			settings.watchedOrders,
			known?.nextStart ?? 0,
			async (id) => (await source.request('getOrder', { id, resource: 'order' })) as IDataObject,
		);
		const { read, nextStart } = polled;
		const { missing, findings } = missingAfter(settings.watchedOrders, polled, known?.missing);
		const events: IDataObject[] = [];
		const statuses: Record<string, string> = {};
		for (const id of settings.watchedOrders) {
			if (missing.has(id)) continue;
			const before = known?.statuses[id];
			const order = read.get(id);
			if (!order) {
				if (before !== undefined) statuses[id] = before;
				continue;
			}
			const status = String(order.status);
			statuses[id] = status;
			// An order watched for the first time sets its baseline, unless the user asked for history.
			const isNew = before === undefined && (known !== undefined || !settings.includeExisting);
			if (isNew || before === status) continue;
			if (settings.orderStatuses.length && !settings.orderStatuses.includes(status)) continue;
			events.push(changed(order, before ?? null));
		}
		return { events, state: { statuses, nextStart, missing: [...missing] }, findings };
	},
	isState: (kept): kept is OrderStatuses =>
		isRecord(kept) &&
		isWholeNumber(kept.nextStart) &&
		isMissingList(kept) &&
		isRecord(kept.statuses) &&
		Object.values(kept.statuses).every((status) => typeof status === 'string'),
	async sample(source, settings) {
		const id = settings.watchedOrders[0];
		const order = (await source.request('getOrder', { id, resource: 'order' })) as IDataObject;
		return [changed(order, null)];
	},
};
