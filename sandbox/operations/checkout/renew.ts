/**
 * POST renew checkout (id = order id [I]): only for an order created with create_checkout that is
 * still pending; a new checkout id that expires 25 minutes from now [V] replaces the order's.
 */
import { FIELD } from '../../../nodes/BillPro/shared/api';
import { ORDER_MESSAGES } from '../../config';
import { unprocessable } from '../../http';
import type { HandlerContext } from '../../router';
import type { CheckoutResponse } from '../../types';
import { findOrder } from '../order/get';
import { newCheckout } from './records';

export function renewCheckout(context: HandlerContext): CheckoutResponse {
	const { store } = context;
	const order = findOrder(context);
	if (!order.create_checkout) throw unprocessable('checkout', ORDER_MESSAGES.checkoutNotCreated);
	if (order.status !== 'pending')
		throw unprocessable('checkout', ORDER_MESSAGES.checkoutNotPending);
	const at = store.now();
	const checkout = newCheckout(store, Date.parse(at));
	store.saveOrder({ ...order, checkout, updated_at: at });
	return {
		order_id: order.id,
		[FIELD.checkoutId]: checkout.id,
		checkout_expires_at: checkout.expires_at,
	};
}
