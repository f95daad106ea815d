/**
 * PUT resume_order [V]: a paused subscription becomes `active`, or `failed` when the last payment
 * processed for it was soft-declined. Its paused payments are `scheduled` again; one whose date
 * passed while paused is moved to now + 1 day (a sandbox choice: "collected on schedule" [V]).
 */
import { ORDER_MESSAGES, ORDER_RULES } from '../../config';
import { unprocessable } from '../../http';
import type { HandlerContext } from '../../router';
import type { OrderResponse } from '../../types';
import { findOrder } from './get';
import { isoAt } from './records';

export function resumeOrder(context: HandlerContext): OrderResponse {
	const { store, profileId } = context;
	const order = findOrder(context);
	if (order.order_type !== 'subscription')
		throw unprocessable('status', ORDER_MESSAGES.resumeSubscriptionsOnly);
	if (order.status !== 'paused')
		throw unprocessable('status', ORDER_MESSAGES.resumePausedOnly(order.status));
	const at = store.now();
	const nowMs = Date.parse(at);
	for (const payment of store.paymentRecords(profileId, order.id)) {
		if (payment.status !== 'paused') continue;
		const past = Date.parse(payment.scheduled_at) <= nowMs;
		store.saveScheduledPayment({
			...payment,
			status: 'scheduled',
			scheduled_at: past ? isoAt(nowMs + ORDER_RULES.resumeDelayMs) : payment.scheduled_at,
			updated_at: at,
		});
	}
	const status = order.last_outcome === 'soft_decline' ? 'failed' : 'active';
	store.saveOrder({ ...order, status, updated_at: at });
	return store.order(profileId, order.id)!;
}
