/**
 * Stored order -> GET response: a fresh copy in a fixed key order. Totals that depend on the
 * payments (skipped ones leave the total [V]) are computed here, so they can never go stale.
 */
import { FIELD } from '../../../nodes/BillPro/shared/api';
import { ORDER_RULES } from '../../config';
import { cents, formatCents, sum } from '../../money';
import type { OrderResponse, StoredOrder, StoredScheduledPayment } from '../../types';

export function formatOrder(
	order: StoredOrder,
	payments: readonly StoredScheduledPayment[],
): OrderResponse {
	const counted = payments.filter((payment) => payment.status !== 'skipped');
	const initial =
		order.collect_initial_payment && order.initial_amount ? order.initial_amount : null;
	let totalToPay: string | null = null;
	let countToPay: number | null = null;
	if (order.order_type === 'single_payment') {
		totalToPay = order.order_total;
		countToPay = 1;
	} else if (order.order_type === 'instalment') {
		const amounts = counted.map((payment) => cents(payment.amount));
		totalToPay = formatCents(sum(initial ? [cents(initial), ...amounts] : amounts));
		countToPay = counted.length + (initial ? 1 : 0);
	}
	const lineTotal = (key: 'discount_amount' | 'tax_amount' | 'fee_amount') =>
		formatCents(sum(order.products.map((line) => cents(line[key]))));
	return {
		id: order.id,
		profile_id: order.profile_id,
		order_type: order.order_type,
		status: order.status,
		invoice_id: order.invoice_id,
		customer_id: order.customer_id,
		currency: order.currency,
		description: order.description,
		monthly_amount: order.monthly_amount,
		scheduled_duration_unit: order.scheduled_duration_unit,
		scheduled_duration_number: order.scheduled_duration_number,
		scheduled_interval: order.scheduled_interval,
		total_to_pay: totalToPay,
		count_to_pay: countToPay,
		profile_payment_method: ORDER_RULES.profilePaymentMethod,
		order_source: ORDER_RULES.orderSourceApi,
		collect_initial_payment: order.collect_initial_payment,
		total_installment_amount: order.order_type === 'instalment' ? order.order_total : null,
		total_discount_amount: lineTotal('discount_amount'),
		total_tax_amount: lineTotal('tax_amount'),
		total_fee_amount: lineTotal('fee_amount'),
		products: order.products.map((line) => ({ ...line })),
		[FIELD.paymentLink]: order.payment_link,
		...(order.checkout && {
			[FIELD.checkoutId]: order.checkout.id,
			checkout_expires_at: order.checkout.expires_at,
		}),
		created_at: order.created_at,
		updated_at: order.updated_at,
	};
}
