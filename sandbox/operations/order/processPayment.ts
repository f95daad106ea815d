/**
 * The payment gateway, simulated (sandbox only: store.processPayment and
 * POST /__sandbox/orders/{id}/payments). BillPro's rules [V, docs/order-status]:
 * - pending: the initial payment or card registration through the payment link. Approved: a
 *   single payment is `complete`, a recurring order `active`. Declined: still `pending`.
 * - active / failed / suspended: the earliest `scheduled` or `soft-declined` payment (whatever its
 *   date: the simulation makes its day come). Approved: `complete` (`recovered` if it was
 *   soft-declined before), order `active`; a subscription gets its next cycle, an instalment order
 *   with nothing left to collect is `complete`. Soft decline: payment `soft-declined`, order
 *   `failed`. Hard decline: payment `hard-declined`, order `suspended`. Each try counts in attempts.
 * - paused, cancelled, complete (and the UI-only draft, rejected, review): 422.
 */
import { CONTROL_MESSAGES } from '../../config';
import { unprocessable } from '../../http';
import type { SandboxStore } from '../../store';
import type {
	OrderStatus,
	PaymentOutcome,
	ProcessedPayment,
	ScheduledPaymentStatus,
	StoredScheduledPayment,
} from '../../types';
import { notFound } from '../params';
import { formatScheduledPayment } from '../scheduledPayment/format';
import { COLLECTING, scheduleNextCycle, settledStatus } from './records';

const DUE: readonly ScheduledPaymentStatus[] = ['scheduled', 'soft-declined'];

const ORDER_AFTER: Readonly<Record<PaymentOutcome, OrderStatus>> = {
	approve: 'active',
	soft_decline: 'failed',
	hard_decline: 'suspended',
};

export function processPayment(
	store: SandboxStore,
	profileId: number,
	orderId: number,
	outcome: PaymentOutcome,
): ProcessedPayment {
	const order = store.orderRecord(profileId, orderId);
	if (!order) throw notFound();
	const at = store.now();

	if (order.status === 'pending') {
		if (outcome === 'approve') {
			const status = order.order_type === 'single_payment' ? 'complete' : 'active';
			store.saveOrder({ ...order, status, updated_at: at });
		}
		return { order: store.order(profileId, orderId)!, payment: null };
	}
	if (!COLLECTING.includes(order.status))
		throw unprocessable('status', CONTROL_MESSAGES.noPayment(order.status));

	const due = nextDuePayment(store, profileId, orderId);
	if (!due) throw unprocessable('scheduled_payments', CONTROL_MESSAGES.nothingDue);
	const status: ScheduledPaymentStatus =
		outcome === 'approve'
			? due.soft_declined || due.status === 'soft-declined'
				? 'recovered'
				: 'complete'
			: outcome === 'soft_decline'
				? 'soft-declined'
				: 'hard-declined';
	const payment: StoredScheduledPayment = {
		...due,
		status,
		attempts: due.attempts + 1,
		soft_declined: due.soft_declined || outcome === 'soft_decline',
		updated_at: at,
	};
	store.saveScheduledPayment(payment);

	const updated = { ...order, status: ORDER_AFTER[outcome], last_outcome: outcome, updated_at: at };
	if (outcome === 'approve') {
		scheduleNextCycle(store, updated, at);
		updated.status = settledStatus(updated, store);
	}
	store.saveOrder(updated);
	return { order: store.order(profileId, orderId)!, payment: formatScheduledPayment(payment) };
}

/** The payment a live order collects next: its earliest scheduled or soft-declined one. */
export function nextDuePayment(
	store: SandboxStore,
	profileId: number,
	orderId: number,
): StoredScheduledPayment | undefined {
	return earliest(store.paymentRecords(profileId, orderId).filter((p) => DUE.includes(p.status)));
}

/** By date, then id. */
function earliest(payments: readonly StoredScheduledPayment[]): StoredScheduledPayment | undefined {
	let found: StoredScheduledPayment | undefined;
	for (const payment of payments) {
		if (!found || payment.scheduled_at < found.scheduled_at) found = payment;
	}
	return found;
}
