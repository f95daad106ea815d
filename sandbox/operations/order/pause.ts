/** PUT pause_order [V]: an active subscription only; its scheduled payments become `paused`. */
import { ORDER_MESSAGES } from '../../config';
import { unprocessable } from '../../http';
import type { HandlerContext } from '../../router';
import type { OrderResponse } from '../../types';
import { findOrder } from './get';

export function pauseOrder(context: HandlerContext): OrderResponse {
	const { store, profileId } = context;
	const order = findOrder(context);
	if (order.order_type !== 'subscription')
		throw unprocessable('status', ORDER_MESSAGES.pauseSubscriptionsOnly);
	if (order.status !== 'active')
		throw unprocessable('status', ORDER_MESSAGES.pauseActiveOnly(order.status));
	const at = store.now();
	for (const payment of store.paymentRecords(profileId, order.id)) {
		if (payment.status === 'scheduled')
			store.saveScheduledPayment({ ...payment, status: 'paused', updated_at: at });
	}
	store.saveOrder({ ...order, status: 'paused', updated_at: at });
	return store.order(profileId, order.id)!;
}
