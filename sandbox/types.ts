/** Shapes of the records the sandbox stores and returns. */

export type ProductType = 'single_payment' | 'instalment' | 'subscription' | 'metered';
export type ScheduledUnit = 'DAY' | 'WEEK' | 'MONTH' | 'YEAR';

import { FIELD } from '../nodes/BillPro/shared/api';
import type { FaultKind } from './faults';

/** A product's discount or tax, as in the guide's example. */
export interface PriceAdjustment {
	name: string;
	percentage: string;
	description: string;
	created_at: string;
	updated_at: string;
}

/** Exactly the keys of the guide's product example, in its order (no `name`: the API has none). */
export interface Product {
	id: number;
	product_id: string;
	currency: string;
	price: string;
	product_type: ProductType;
	product_status: 'active' | 'inactive';
	lock_price: boolean;
	lock_payment_config: boolean;
	product_group: string;
	scheduled_interval: string | null;
	scheduled_unit: ScheduledUnit | null;
	fee_for_initial_payment_only: boolean;
	discount_for_initial_payment_only: boolean;
	deposit_amount: string;
	created_at: string;
	discount: PriceAdjustment | null;
	tax: PriceAdjustment | null;
}

export type CustomerStatus = 'active' | 'inactive';
export type AddressType = 'billing_address' | 'shipping_address';
/** Order in which address types are validated, saved (ids ascending) and returned. */
export const ADDRESS_TYPES: readonly AddressType[] = ['billing_address', 'shipping_address'];

export interface StoredOrganisation {
	id: number;
	name: string;
	registration_number: string | null;
	web_url: string | null;
	vat: string | null;
	description: string | null;
	created_at: string;
	updated_at: string;
}

export interface StoredAddress {
	id: number;
	address_type: AddressType;
	street: string;
	city: string;
	state: string | null;
	country: string;
	postal_code: string | null;
	created_at: string;
	updated_at: string;
}

export interface StoredCustomer {
	id: number;
	customer_id: string;
	profile_id: number;
	status: CustomerStatus;
	first_name: string;
	last_name: string;
	email: string;
	phone: string | null;
	/** DD/MM/YYYY, as sent. */
	date_of_birth: string | null;
	organisation: StoredOrganisation | null;
	addresses: StoredAddress[];
	created_at: string;
	updated_at: string;
}

/** GET /customers/{id} answer; today the same keys as the stored record. */
export type CustomerResponse = StoredCustomer;

// ---- Orders and scheduled payments -------------------------------------------------------------

/** The four order types, named like the products' `product_type` [V]. */
export type OrderType = ProductType;

/** docs/order-status [V]: preliminary (draft, pending, rejected), live, and final statuses. */
export type OrderStatus =
	| 'draft'
	| 'pending'
	| 'rejected'
	| 'cancelled'
	| 'active'
	| 'failed'
	| 'suspended'
	| 'paused'
	| 'review'
	| 'complete';

/** Billing-event statuses as the update-scheduled-payment page spells them [V]. */
export type ScheduledPaymentStatus =
	| 'scheduled'
	| 'complete'
	| 'recovered'
	| 'soft-declined'
	| 'hard-declined'
	| 'skipped'
	| 'merged'
	| 'cancelled'
	| 'paused'
	| 'review';

/** What the control endpoint makes the payment gateway answer. */
export type PaymentOutcome = 'approve' | 'soft_decline' | 'hard_decline';

/** One line of an order: amounts are strings with 2 decimals, like the product's price. */
export interface OrderLine {
	/** The product's system id. */
	product_id: number;
	qty: number;
	/** Unit price. */
	amount: string;
	/** For the whole line. */
	discount_amount: string;
	/** For the whole line. */
	fee_amount: string;
	/** The tax included in (amount x qty - discount_amount), from the product's tax percentage. */
	tax_amount: string;
}

/** An order as stored: the GET keys plus what only the sandbox needs (never returned). */
export interface StoredOrder {
	id: number;
	profile_id: number;
	order_type: OrderType;
	status: OrderStatus;
	invoice_id: string | null;
	/** The customer's system id. */
	customer_id: number;
	currency: string;
	description: string | null;
	monthly_amount: string | null;
	scheduled_duration_unit: ScheduledUnit | null;
	scheduled_duration_number: number | null;
	scheduled_interval: number | null;
	collect_initial_payment: boolean;
	products: OrderLine[];
	payment_link: string;
	checkout: { id: string; expires_at: string } | null;
	created_at: string;
	updated_at: string;
	// Sandbox-only:
	/** Deposit / first payment / registration amount; null for single-payment orders. */
	initial_amount: string | null;
	/** Sum of the lines (amount x qty - discount + fee): a single payment's total, an instalment plan's. */
	order_total: string;
	create_checkout: boolean;
	create_registration: boolean;
	redirect_url: string | null;
	failed_redirect_url: string | null;
	/** DD/MM/YYYY of the first scheduled payment; null for single-payment and metered orders. */
	start_date: string | null;
	/** Outcome of the last payment processed for a live order (resume uses it). */
	last_outcome: PaymentOutcome | null;
}

/** GET /orders/{id} (and every order operation's answer). */
export interface OrderResponse {
	id: number;
	profile_id: number;
	order_type: OrderType;
	status: OrderStatus;
	invoice_id: string | null;
	customer_id: number;
	currency: string;
	description: string | null;
	monthly_amount: string | null;
	scheduled_duration_unit: ScheduledUnit | null;
	scheduled_duration_number: number | null;
	scheduled_interval: number | null;
	total_to_pay: string | null;
	count_to_pay: number | null;
	profile_payment_method: string;
	order_source: number;
	collect_initial_payment: boolean;
	total_installment_amount: string | null;
	total_discount_amount: string;
	total_tax_amount: string;
	total_fee_amount: string;
	products: OrderLine[];
	[FIELD.paymentLink]: string;
	/** Only for orders created with create_checkout. */
	[FIELD.checkoutId]?: string;
	checkout_expires_at?: string;
	created_at: string;
	updated_at: string;
}

/** A scheduled payment (billing event) as stored. */
export interface StoredScheduledPayment {
	id: number;
	order_id: number;
	status: ScheduledPaymentStatus;
	amount: string;
	currency: string;
	/** ISO 8601, UTC, milliseconds. */
	scheduled_at: string;
	scheduled_interval: number | null;
	scheduled_duration_unit: ScheduledUnit | null;
	attempts: number;
	created_at: string;
	updated_at: string;
	// Sandbox-only:
	profile_id: number;
	/** Soft-declined at least once: an approval then makes it `recovered`. */
	soft_declined: boolean;
}

/** GET /orders/{id}/scheduled_payments items and the update's answer. */
export interface ScheduledPaymentResponse {
	id: number;
	order_id: number;
	status: ScheduledPaymentStatus;
	amount: string;
	currency: string;
	[FIELD.scheduledAt]: string;
	scheduled_interval: number | null;
	scheduled_duration_unit: ScheduledUnit | null;
	attempts: number;
	created_at: string;
	updated_at: string;
}

/** POST /order_checkouts/{id}. */
export interface CheckoutResponse {
	order_id: number;
	[FIELD.checkoutId]: string;
	checkout_expires_at: string;
}

/** store.processPayment / the payments control endpoint. `payment` is null for an initial payment. */
export interface ProcessedPayment {
	order: OrderResponse;
	payment: ScheduledPaymentResponse | null;
}

/** One /api/v1 request as the sandbox saw it. Headers (and so tokens) are never kept. */
export interface RequestLogEntry {
	method: string;
	/** Path without the query string, as received, e.g. '/api/v1/products'. */
	path: string;
	/** Query parameters; a repeated parameter keeps its last value (as Rails does). */
	query: Record<string, string>;
	/** The raw profile_id query value, if any. */
	profileId: string | undefined;
	/** True when the bearer token was valid. */
	authorized: boolean;
	/** The status answered; 0 when a `reset` fault dropped the connection without an answer. */
	status: number;
	/** Parsed JSON body; undefined when empty or not JSON. */
	body: unknown;
	/** The kind of the injected fault applied to this request (see faults.ts); absent when none. */
	fault?: FaultKind;
}
