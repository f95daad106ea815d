/**
 * PUT cancel_order [V]: a preliminary order (draft, pending, rejected) becomes `cancelled`, a live
 * one (active, failed, suspended, paused, review) is marked `complete`; cancelled and complete
 * orders cannot be cancelled again. Every uncollected payment becomes `cancelled`.
 */
import { ORDER_MESSAGES } from '../../config';
import { unprocessable } from '../../http';
import type { HandlerContext } from '../../router';
import type { OrderResponse, OrderStatus } from '../../types';
import { findOrder } from './get';
import { OUTSTANDING } from './records';

const PRELIMINARY: readonly OrderStatus[] = ['draft', 'pending', 'rejected'];

export function cancelOrder(context: HandlerContext): OrderResponse {
	const { store, profileId } = context;
	const order = findOrder(context);
	if (order.status === 'cancelled' || order.status === 'complete')
		throw unprocessable('status', ORDER_MESSAGES.alreadyFinal(order.status));
	const at = store.now();
	for (const payment of store.paymentRecords(profileId, order.id)) {
		if (OUTSTANDING.includes(payment.status))
			store.saveScheduledPayment({ ...payment, status: 'cancelled', updated_at: at });
	}
	const status = PRELIMINARY.includes(order.status) ? 'cancelled' : 'complete';
	store.saveOrder({ ...order, status, updated_at: at });
	return store.order(profileId, order.id)!;
}
