/**
 * What a payment charges, for the payment page and the gateway's notification alike [I]: a
 * pending order's link collects the single payment's total or the recurring order's initial
 * amount (none: a card registration only); a live order collects its next due payment.
 */
import { PROFILES } from '../config';
import { nextDuePayment } from '../operations/order/processPayment';
import { COLLECTING } from '../operations/order/records';
import type { SandboxStore } from '../store';
import type { PaymentOutcome, ProcessedPayment, StoredOrder } from '../types';
import type { PaymentFacts } from './notifications';

/** "92.00"; null for a registration without a payment; undefined when nothing is due. */
export function amountDue(store: SandboxStore, order: StoredOrder): string | null | undefined {
	if (order.status === 'pending') return initialCharge(order);
	if (!COLLECTING.includes(order.status)) return undefined;
	return nextDuePayment(store, order.profile_id, order.id)?.amount;
}

/** `before` is the order as it was when the payment was processed. */
export function paymentFacts(
	store: SandboxStore,
	before: StoredOrder,
	processed: ProcessedPayment,
	outcome: PaymentOutcome,
): PaymentFacts {
	return {
		order: before,
		customer: store.customer(before.profile_id, before.customer_id),
		merchantName: PROFILES.find((profile) => profile.id === before.profile_id)?.name ?? '',
		outcome,
		amount: processed.payment ? processed.payment.amount : initialCharge(before),
		at: new Date(),
	};
}

function initialCharge(order: StoredOrder): string | null {
	if (order.order_type === 'single_payment') return order.order_total;
	if (!order.collect_initial_payment) return null;
	return order.initial_amount ?? order.order_total;
}
