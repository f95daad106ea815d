import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { isMissingList, missingAfter, readWatchedOrders } from './watchedOrders';
import { isPageSize, isRecord, isWholeNumber, type TriggerEvent } from './event';
import type { ListRead, PollSource } from '../pollSource';

/**
 * Each watched order's scheduled payments' last seen status, by order ID then payment ID; where
 * the next poll starts reading; the watched orders BillPro did not find (reported once); a full
 * page of payments' length once a poll saw one (then a short page 1 is the whole list). Bounded
 * by the watched orders and their payments.
 */
export interface PaymentStatuses {
	orders: Record<string, Record<string, string>>;
	nextStart: number;
	missing?: string[];
	pageSize?: number;
}

const changed = (orderId: string, payment: IDataObject, previousStatus: string | null) => ({
	event: 'scheduledPaymentStatusChanged',
	orderId: Number(orderId),
	previousStatus,
	...payment,
});

async function paymentsOf(source: PollSource, id: string, pageSize?: number): Promise<ListRead> {
	const walked = await source.readList('listScheduledPayments', { id, pageSize });
	if (!walked.ended) {
		throw new NodeOperationError(
			source.poll.getNode(),
			`The scheduled payments of order ${id} could not be read to their end within n8n's poll budget`,
			{ description: 'Nothing was lost: the next poll reads them again.' },
		);
	}
	return walked;
}

/** The page size the orders read this poll showed, else the one kept. */
function pageSizeAfter(read: Map<string, ListRead>, kept?: number): number | undefined {
	const seen = [...read.values()].map((walked) => walked.pageSize ?? 0);
	const pageSize = Math.max(kept ?? 0, ...seen);
	return pageSize > 0 ? pageSize : undefined;
}

export const scheduledPaymentStatusChangedEvent: TriggerEvent<PaymentStatuses> = {
	option: {
		name: 'Scheduled Payment Status Changed',
		value: 'scheduledPaymentStatusChanged',
		description:
			'A scheduled payment of a watched order changed status, such as scheduled to soft-declined, or was added',
	},
	async poll(source, settings, known) {
		const polled = await readWatchedOrders(
			source,
			settings.watchedOrders,
			known?.nextStart ?? 0,
			async (id) => await paymentsOf(source, id, known?.pageSize),
		);
		const { read, nextStart } = polled;
		const { missing, findings } = missingAfter(settings.watchedOrders, polled, known?.missing);
		const events: IDataObject[] = [];
		const orders: PaymentStatuses['orders'] = {};
		for (const orderId of settings.watchedOrders) {
			if (missing.has(orderId)) continue;
			const before = known?.orders[orderId];
			const payments = read.get(orderId)?.records;
			if (!payments) {
				if (before) orders[orderId] = before;
				continue;
			}
			orders[orderId] = Object.fromEntries(
				payments.map((payment) => [String(payment.id), String(payment.status)]),
			);
			// An order watched for the first time sets its baseline, unless the user asked for history.
			if (!before && (known !== undefined || !settings.includeExisting)) continue;
			for (const payment of payments) {
				const previous = before?.[String(payment.id)];
				const status = String(payment.status);
				if (previous === status) continue;
				if (settings.paymentStatuses.length && !settings.paymentStatuses.includes(status)) continue;
				events.push(changed(orderId, payment, previous ?? null));
			}
		}
		const pageSize = pageSizeAfter(read, known?.pageSize);
		const state = { orders, nextStart, missing: [...missing] };
		return { events, state: pageSize ? { ...state, pageSize } : state, findings };
	},
	isState: (kept): kept is PaymentStatuses =>
		isRecord(kept) &&
		isWholeNumber(kept.nextStart) &&
		isMissingList(kept) &&
		isPageSize(kept.pageSize) &&
		isRecord(kept.orders) &&
		Object.values(kept.orders).every(
			(payments) =>
				isRecord(payments) && Object.values(payments).every((status) => typeof status === 'string'),
		),
	async sample(source, settings) {
		const orderId = settings.watchedOrders[0];
		const payments = (await paymentsOf(source, orderId)).records;
		const latest =
			payments.filter((payment) => payment.status !== 'scheduled').at(-1) ?? payments.at(-1);
		if (!latest) {
			throw new NodeOperationError(
				source.poll.getNode(),
				`Order ${orderId} has no scheduled payment to show yet`,
				{
					description:
						'Watch an order that has scheduled payments (an instalment or subscription order), then fetch a test event again.',
				},
			);
		}
		return [changed(orderId, latest, null)];
	},
};
