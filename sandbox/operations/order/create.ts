/**
 * POST create_{single,instalment,subscription,metered}_order: validate, then store the order
 * (always `pending` [V]) with its payment link, its checkout if asked, and the payments its type
 * schedules at creation [V]: every instalment, a subscription's first cycle, none otherwise.
 */
import type { OrderType } from '../../../nodes/BillPro/shared/api';
import { ORDER_RULES } from '../../config';
import { CODE_SALT, merchantCode } from '../../ids';
import { formatCents } from '../../money';
import type { Handler, HandlerContext } from '../../router';
import type { OrderResponse, StoredOrder } from '../../types';
import { newCheckout } from '../checkout/records';
import { formatOrder } from './format';
import { newScheduledPayment } from './records';
import { validateOrder } from './validate';

export function createOrderOf(type: OrderType): Handler {
	return (context) => createOrder(type, context);
}

function createOrder(type: OrderType, { store, profileId, body }: HandlerContext): OrderResponse {
	const at = store.now();
	const nowMs = Date.parse(at);
	const plan = validateOrder(store, profileId, type, body, nowMs);

	const id = store.nextId('order');
	const order: StoredOrder = {
		id,
		profile_id: profileId,
		order_type: type,
		status: 'pending',
		invoice_id: plan.invoiceId,
		customer_id: plan.customer.id,
		currency: plan.currency,
		description: plan.description,
		monthly_amount: plan.monthly === null ? null : formatCents(plan.monthly),
		scheduled_duration_unit: plan.unit,
		scheduled_duration_number: plan.splitNumber,
		scheduled_interval: plan.interval,
		collect_initial_payment: plan.initial === null || plan.initial > 0n,
		products: plan.lines.map((line) => ({
			product_id: line.product.id,
			qty: line.qty,
			amount: formatCents(line.amount),
			discount_amount: formatCents(line.discount),
			fee_amount: formatCents(line.fee),
			tax_amount: formatCents(line.tax),
		})),
		payment_link: `${store.url}${ORDER_RULES.paymentLinkPath}/${id}-${merchantCode(id, CODE_SALT.order)}`,
		checkout: plan.createCheckout ? newCheckout(store, nowMs) : null,
		created_at: at,
		updated_at: at,
		initial_amount: plan.initial === null ? null : formatCents(plan.initial),
		order_total: formatCents(plan.total),
		create_checkout: plan.createCheckout,
		create_registration: plan.createRegistration,
		redirect_url: plan.redirectUrl,
		failed_redirect_url: plan.failedRedirectUrl,
		start_date: plan.startDate,
		last_outcome: null,
	};
	store.addOrder(order);
	for (const payment of plan.payments)
		store.addScheduledPayment(newScheduledPayment(store, order, payment.at, payment.amount, at));
	return formatOrder(order, store.paymentRecords(profileId, id));
}
