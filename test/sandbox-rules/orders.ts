/** Helpers for the order, scheduled-payment and checkout rule tests. */
import type { AxiosInstance, AxiosResponse } from 'axios';

import { ORDER_TYPES, endpointPath, type OrderType } from '../../nodes/BillPro/shared/api';
import type { OrderResponse, PaymentOutcome, Product, Sandbox } from '../../sandbox';
import { ddmmyyyy, rootClient } from './client';

/**
 * The seeded products these tests rely on (profile 1 unless noted), checked field by field by
 * `order-create-rules.test.ts` so a seed change fails loudly there first.
 */
export const SEEDED = {
	/** The guide's product: lock_price, 5% discount (initial payment only), 21% tax, 1 MONTH. */
	subscriptionLockedPrice: 1,
	singleGbp: 2,
	instalmentGbp: 3,
	meteredInactive: 4,
	/** EUR, 1 YEAR, no tax, no discount, no locks. */
	subscriptionEur: 5,
	/** EUR, lock_payment_config (which a single payment ignores). */
	singleEurConfigLocked: 6,
	/** EUR, lock_price, 5% discount, 21% tax. */
	instalmentLockedPrice: 7,
	meteredEur: 8,
	/** USD, lock_price, 10% discount. */
	singleLockedPrice: 10,
	singleGbp2: 14,
	/** EUR, 7 DAY, 21% tax, no discount, no locks. */
	subscriptionWeekly: 17,
	singleInactive: 18,
	/** USD, lock_payment_config, 1 MONTH. */
	subscriptionConfigLocked: 21,
	meteredLockedPrice: 28,
	meteredConfigLocked: 36,
	/** GBP, lock_payment_config, deposit 25.75. */
	instalmentConfigLocked: 51,
	/** Profile 5 (EUR). */
	profile5Subscription: 65,
	profile5Single: 62,
	/** Profile 7 (GBP). */
	profile7Single: 92,
} as const;

export const CUSTOMER = { ada: 1, jose: 2, inactiveBrendan: 3, marie5: 4, oliver7: 6 } as const;

/** The GET order keys, in order, for an order without a checkout. */
export const ORDER_KEYS = [
	'id',
	'profile_id',
	'order_type',
	'status',
	'invoice_id',
	'customer_id',
	'currency',
	'description',
	'monthly_amount',
	'scheduled_duration_unit',
	'scheduled_duration_number',
	'scheduled_interval',
	'total_to_pay',
	'count_to_pay',
	'profile_payment_method',
	'order_source',
	'collect_initial_payment',
	'total_installment_amount',
	'total_discount_amount',
	'total_tax_amount',
	'total_fee_amount',
	'products',
	'payment_link',
	'created_at',
	'updated_at',
];

export const PAYMENT_KEYS = [
	'id',
	'order_id',
	'status',
	'amount',
	'currency',
	'scheduled_at',
	'scheduled_interval',
	'scheduled_duration_unit',
	'attempts',
	'created_at',
	'updated_at',
];

export const NOT_FOUND = { id: ['not found'] };
export const DAY = 86_400_000;

export function product(sandbox: Sandbox, id: number, profileId = 1): Product {
	const found = sandbox.store.product(profileId, id);
	if (!found) throw new Error(`No seeded product ${id} in profile ${profileId}`);
	return found;
}

/** POST to the create endpoint of `type` with `{"order": order}`. */
export function createOrder(
	api: AxiosInstance,
	type: OrderType,
	order: Record<string, unknown>,
): Promise<AxiosResponse> {
	return api.post(endpointPath(ORDER_TYPES[type]), { order });
}

/** The seeded product's own order: customer Ada, its currency, just the product. */
export function orderOf(sandbox: Sandbox, productId: number, extra: Record<string, unknown> = {}) {
	return {
		customer_id: CUSTOMER.ada,
		currency: product(sandbox, productId).currency,
		order_products: [{ product_id: productId }],
		...extra,
	};
}

/** Creates the order (expects 200) and returns its body. */
export async function created(
	api: AxiosInstance,
	type: OrderType,
	order: Record<string, unknown>,
): Promise<OrderResponse> {
	const res = await createOrder(api, type, order);
	if (res.status !== 200)
		throw new Error(`create ${type}: ${res.status} ${JSON.stringify(res.data)}`);
	return res.data;
}

/** POST /__sandbox/orders/{id}/payments through HTTP. */
export function pay(sandbox: Sandbox, orderId: number, outcome: PaymentOutcome, profileId = 1) {
	return rootClient(sandbox).post(
		`/__sandbox/orders/${orderId}/payments`,
		{ outcome },
		{
			params: { profile_id: profileId },
		},
	);
}

/** 09:00 UTC of the UTC day `days` after today. */
export function daysFromToday(days: number): { date: string; at: string } {
	const day = new Date(Math.floor(Date.now() / DAY) * DAY + days * DAY + 9 * 3_600_000);
	return { date: ddmmyyyy(day), at: day.toISOString() };
}

/** 09:00 UTC of the date `months` calendar months after today (clamped to the month's end). */
export function monthsFromToday(months: number): string {
	const today = new Date();
	const year = today.getUTCFullYear();
	const month = today.getUTCMonth() + months;
	const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
	return new Date(Date.UTC(year, month, Math.min(today.getUTCDate(), last), 9)).toISOString();
}
