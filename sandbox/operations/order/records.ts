/**
 * Building and evolving an order's billing events. Used by create, the state machine, the
 * scheduled-payment update and the payments control endpoint alike.
 */
import { ORDER_RULES } from '../../config';
import { addInterval, isWithinYear } from '../../dates';
import { formatCents, type Cents } from '../../money';
import type { SandboxStore } from '../../store';
import type {
	OrderStatus,
	ScheduledPaymentStatus,
	StoredOrder,
	StoredScheduledPayment,
} from '../../types';

/** Not collected yet and still meant to be: cancelling an order cancels these [V]. */
export const OUTSTANDING: readonly ScheduledPaymentStatus[] = [
	'scheduled',
	'soft-declined',
	'hard-declined',
	'paused',
];

/** Live orders [V]: the ones the gateway collects scheduled payments for. */
export const COLLECTING: readonly OrderStatus[] = ['active', 'failed', 'suspended'];

export function isoAt(ms: number): string {
	return new Date(ms).toISOString();
}

/** A new payment of the order (not stored yet), with the order's interval. */
export function newScheduledPayment(
	store: SandboxStore,
	order: StoredOrder,
	scheduledAtMs: number,
	amount: Cents | string,
	at: string,
): StoredScheduledPayment {
	return {
		id: store.nextId('scheduledPayment'),
		order_id: order.id,
		status: 'scheduled',
		amount: typeof amount === 'string' ? amount : formatCents(amount),
		currency: order.currency,
		scheduled_at: isoAt(scheduledAtMs),
		scheduled_interval: order.scheduled_interval,
		scheduled_duration_unit: order.scheduled_duration_unit,
		attempts: 0,
		created_at: at,
		updated_at: at,
		profile_id: order.profile_id,
		soft_declined: false,
	};
}

export function hasOutstanding(payments: readonly StoredScheduledPayment[]): boolean {
	return payments.some((payment) => OUTSTANDING.includes(payment.status));
}

/**
 * A subscription keeps one cycle ahead [V: "one per cycle, created as they go"]: when it has no
 * outstanding payment left (one was collected, skipped or cancelled), the next cycle's payment is
 * scheduled one interval after the latest cycle's date, for the order's monthly_amount.
 */
export function scheduleNextCycle(store: SandboxStore, order: StoredOrder, at: string): void {
	if (order.order_type !== 'subscription' || !order.scheduled_interval) return;
	if (order.status === 'cancelled' || order.status === 'complete') return;
	const payments = store.paymentRecords(order.profile_id, order.id);
	if (hasOutstanding(payments) || payments.length === 0) return;
	const latest = Math.max(...payments.map((payment) => Date.parse(payment.scheduled_at)));
	const unit = order.scheduled_duration_unit ?? 'MONTH';
	const next = addInterval(latest, order.scheduled_interval, unit);
	if (!isWithinYear(next, ORDER_RULES.lastScheduleYear)) return;
	store.addScheduledPayment(
		newScheduledPayment(store, order, next, order.monthly_amount ?? '0.00', at),
	);
}

/** A live instalment order with nothing left to collect is fully paid: `complete` [V]. */
export function settledStatus(order: StoredOrder, store: SandboxStore): OrderStatus {
	if (order.order_type !== 'instalment' || !COLLECTING.includes(order.status)) return order.status;
	return hasOutstanding(store.paymentRecords(order.profile_id, order.id))
		? order.status
		: 'complete';
}
