/**
 * Everything this package assumes about the BillPro API, kept in one place.
 *
 * `source` says where each fact comes from (BillPro's reference pages; docs/billpro-api.md summarises them):
 *   'V' = BillPro's documentation states it; 'B' = only BillPro's "First steps" guide shows it;
 *   'I' = inferred, the docs are silent. Every 'I' row is listed in docs/assumptions.md
 *   (a test keeps the two in step), so real API access corrects it with a single edit here.
 * `answers` is the shape of a success (a list or one record): every request path checks it.
 * `paging` marks the lists: only the products list is documented as paged [V]; the customers and
 * scheduled-payments lists are inferred to be paged like it [I], so a page 2 that repeats page 1
 * is read as an unpaged list there, not as a loop (transport/pageWalker.ts, docs/assumptions.md).
 * The node's routing and the sandbox both read this table: a corrected path changes both.
 */

export type Source = 'V' | 'B' | 'I';

export interface Endpoint {
	method: 'GET' | 'POST' | 'PUT';
	/** Relative to the base URL; `{id}` is the system id of the record, `{orderId}` its order's. */
	path: string;
	source: Source;
	note: string;
	/**
	 * What a success answers: 'list' a JSON array of records, 'record' one JSON object. Any other
	 * shape fails the item (transport/answers.ts), for operations, list searches and polls alike.
	 */
	answers: 'list' | 'record';
	/**
	 * Lists only: whether `?page=N` paging is documented [V] or only inferred [I]. An inferred
	 * list may not be paged at all: a page 2 equal to page 1 then means "the whole list", while
	 * on a documented list it is a loop (transport/pageWalker.ts).
	 */
	paging?: 'documented' | 'inferred';
}

export const ENVIRONMENTS = {
	production: 'https://app.bill.pro/api/v1',
	test: 'https://test.bill.pro/api/v1',
	staging: 'https://staging.bill.pro/api/v1',
} as const;

export const ENDPOINTS = {
	listProducts: {
		method: 'GET',
		path: '/products',
		source: 'V',
		note: 'Paged with ?page=N',
		answers: 'list',
		paging: 'documented',
	},
	getProduct: {
		method: 'GET',
		path: '/products/{id}',
		source: 'I',
		note: 'Docs name the operation, not its path',
		answers: 'record',
	},
	createCustomer: {
		method: 'POST',
		path: '/customers',
		source: 'V',
		note: 'Body {"customer": {...}}',
		answers: 'record',
	},
	listCustomers: {
		method: 'GET',
		path: '/customers',
		source: 'I',
		note: 'Docs name the operation, not its path',
		answers: 'list',
		paging: 'inferred',
	},
	getCustomer: {
		method: 'GET',
		path: '/customers/{id}',
		source: 'I',
		note: 'Docs name the operation, not its path',
		answers: 'record',
	},
	updateCustomer: {
		method: 'PUT',
		path: '/customers/{id}',
		source: 'I',
		note: 'Docs state PUT, not the path',
		answers: 'record',
	},
	createSingleOrder: {
		method: 'POST',
		path: '/orders/create_single_order',
		source: 'V',
		note: 'One or more single_payment products',
		answers: 'record',
	},
	createInstalmentOrder: {
		method: 'POST',
		path: '/orders/create_instalment_order',
		source: 'V',
		note: 'Exactly one instalment product',
		answers: 'record',
	},
	createSubscriptionOrder: {
		method: 'POST',
		path: '/orders/create_subscription_order',
		source: 'V',
		note: 'Exactly one subscription product',
		answers: 'record',
	},
	createMeteredOrder: {
		method: 'POST',
		path: '/orders/create_metered_order',
		source: 'V',
		note: 'Exactly one metered product',
		answers: 'record',
	},
	getOrder: {
		method: 'GET',
		path: '/orders/{id}',
		source: 'V',
		note: 'Any order type',
		answers: 'record',
	},
	cancelOrder: {
		method: 'PUT',
		path: '/orders/{id}/cancel_order',
		source: 'V',
		note: 'Preliminary → cancelled, live → complete',
		answers: 'record',
	},
	pauseOrder: {
		method: 'PUT',
		path: '/orders/{id}/pause_order',
		source: 'V',
		note: 'An active subscription only',
		answers: 'record',
	},
	resumeOrder: {
		method: 'PUT',
		path: '/orders/{id}/resume_order',
		source: 'V',
		note: 'A paused subscription only',
		answers: 'record',
	},
	listScheduledPayments: {
		method: 'GET',
		path: '/orders/{id}/scheduled_payments',
		source: 'I',
		note: 'Docs name "Get Scheduled Payments" for an order ID, not its path',
		answers: 'list',
		paging: 'inferred',
	},
	updateScheduledPayment: {
		method: 'PUT',
		path: '/orders/{orderId}/scheduled_payments/{id}',
		source: 'I',
		note: 'Docs name a scheduled_payments endpoint taking order and payment IDs, not its path',
		answers: 'record',
	},
	renewCheckout: {
		method: 'POST',
		path: '/order_checkouts/{id}',
		source: 'I',
		note: 'Docs show POST /order_checkouts/…; the trailing ID is taken to be the order ID',
		answers: 'record',
	},
} satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof ENDPOINTS;

/** Query parameters. */
export const QUERY = {
	/** [V] pages start at 1 */
	page: 'page',
	/** [V] required on every request when the token can access several merchant profiles */
	profileId: 'profile_id',
	/** [I] docs say products can be filtered by the merchant product_id, not the parameter name */
	productFilter: 'product_id',
	/** [I] docs say customers can be filtered by the merchant customer_id, not the parameter name */
	customerFilter: 'customer_id',
} as const;

/**
 * Facts about behaviour rather than paths. Each is listed in docs/assumptions.md.
 *   listsAreBareArrays [B]: a list answers a bare JSON array (the guide's products example).
 *   lastPageIsShortOrEmpty [I]: a page shorter than the first one, or an empty one, is the last
 *     (the BillPro Trigger keeps a full page's length, so a short page it starts on is the last).
 *   unpagedWhenPage2RepeatsPage1 [I]: a list only inferred to be paged whose page 2 repeats
 *     page 1 ignores `page`: page 1 is the whole list.
 *   notFoundIs422 [V-3p]: an unknown id answers 422 with a field-keyed body, not 404.
 *   errorBody [B]: 422 bodies look like {"field": ["message", ...]}.
 *   dateFormat [B]: dates (date of birth) are DD/MM/YYYY.
 *   addressesNotSentAreRemoved [V]: a customer PUT removes every address it does not carry.
 */
export const DATE_FORMAT = 'DD/MM/YYYY';

/**
 * An endpoint's path with its `{…}` segments filled (with values or n8n expressions). A single
 * value fills `{id}`.
 */
export function endpointPath(
	name: EndpointName,
	params?: string | number | Record<string, string | number>,
): string {
	const values = typeof params === 'object' ? params : params === undefined ? {} : { id: params };
	return ENDPOINTS[name].path.replace(/\{(\w+)\}/g, (segment, key: string) =>
		key in values ? String(values[key]) : segment,
	);
}

/** Request body roots [I for order and scheduled payment: the customer's is from BillPro's guide]. */
export const BODY_ROOT = {
	customer: 'customer',
	order: 'order',
	scheduledPayment: 'scheduled_payment',
} as const;

/**
 * Field names the docs do not show [I]:
 *   paymentLink: the order's payment link (docs: "you can get the link from the order object").
 *   checkoutId: the checkout ID a create_checkout order answers with.
 *   scheduledAt: a scheduled payment's collection date and time (UTC, ISO 8601).
 */
export const FIELD = {
	paymentLink: 'payment_link',
	checkoutId: 'checkout_id',
	scheduledAt: 'scheduled_at',
} as const;

/** Order types and the endpoint each is created with [V]. */
export const ORDER_TYPES = {
	single_payment: 'createSingleOrder',
	instalment: 'createInstalmentOrder',
	subscription: 'createSubscriptionOrder',
	metered: 'createMeteredOrder',
} as const satisfies Record<string, EndpointName>;

export type OrderType = keyof typeof ORDER_TYPES;

/** Scheduled-payment statuses as the update page spells them [V, spelling uncertain]. */
export const SCHEDULED_PAYMENT_STATUS = {
	scheduled: 'scheduled',
	skipped: 'skipped',
	cancelled: 'cancelled',
} as const;

export const INTERVAL_UNITS = ['DAY', 'WEEK', 'MONTH', 'YEAR'] as const;

/**
 * Order statuses [V: docs/order-status; lowercase in the API]: what the BillPro Trigger's Order
 * Status Changed event can filter on.
 */
export const ORDER_STATUSES = [
	'draft',
	'pending',
	'rejected',
	'cancelled',
	'active',
	'failed',
	'suspended',
	'paused',
	'review',
	'complete',
] as const;

/**
 * Billing-event statuses as the update-scheduled-payment page spells them [V, spelling
 * uncertain: `soft-declined` or `soft_declined` is not confirmed].
 */
export const SCHEDULED_PAYMENT_STATUSES = [
	'scheduled',
	'complete',
	'recovered',
	'soft-declined',
	'hard-declined',
	'skipped',
	'merged',
	'cancelled',
	'paused',
	'review',
] as const;

/**
 * [I] BillPro's lists are ordered by system `id`, oldest first, so a new customer is added at the
 * end of the customer list: the BillPro Trigger's New Customer event reads on from the page where
 * the last poll ended, and counts a customer as new when its id is above the highest it has seen.
 */
export const LIST_ORDER = 'id ascending';

/**
 * The credential's base URL as an n8n expression: the chosen environment, or the custom URL
 * without trailing slashes. Used by the node's requestDefaults and the credential test alike.
 */
export const BASE_URL_EXPRESSION =
	'={{ ' +
	Object.entries(ENVIRONMENTS)
		.map(([key, url]) => `$credentials.environment === "${key}" ? "${url}" : `)
		.join('') +
	'String($credentials.customUrl || "").trim().replace(new RegExp("/+$"), "") }}';

/** The same rule as BASE_URL_EXPRESSION, for code that holds the credential's values. */
export function baseUrlOf(credentials: { environment?: unknown; customUrl?: unknown }): string {
	const environment = String(credentials.environment ?? '');
	if (environment in ENVIRONMENTS) return ENVIRONMENTS[environment as keyof typeof ENVIRONMENTS];
	return String(credentials.customUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
}
