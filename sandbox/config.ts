/**
 * Every choice the sandbox makes that BillPro's documentation does not dictate, as named constants.
 * Paths and query-parameter names are NOT here: they come from nodes/BillPro/shared/api.ts.
 */
import { STATUS_CODES } from 'node:http';

import {
	ENDPOINTS,
	ENVIRONMENTS,
	FIELD,
	INTERVAL_UNITS,
	ORDER_TYPES,
	SCHEDULED_PAYMENT_STATUS,
	type OrderType,
} from '../nodes/BillPro/shared/api';

/** '/api/v1', taken from the documented environment URLs so the two cannot drift apart. */
export const API_BASE_PATH = new URL(ENVIRONMENTS.test).pathname.replace(/\/+$/, '');

/** Sandbox-only endpoints live here, never under API_BASE_PATH. */
export const CONTROL_PREFIX = '/__sandbox';

export const DEFAULT_HOST = '127.0.0.1';
/** Port used by `npm run sandbox` (startSandbox itself defaults to a random port). */
export const DEFAULT_PORT = 8787;
export const PORT_ENV_VAR = 'BILLPRO_SANDBOX_PORT';

/** The docs show `?page=N` but no page size; 25 is our pick. */
export const PAGE_SIZE = 25;

/** Rails' default string column limit, used for every string field. */
export const MAX_STRING_LENGTH = 255;

/** Larger request bodies get 413; protects the test process, not a BillPro rule. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Sandbox fixtures, not secrets: 59 characters like the documented example token, and only
 * ever accepted by this local simulator.
 */
export const SINGLE_PROFILE_TOKEN = 'sandboxsingleprofiletoken'.padEnd(59, '0');
export const MULTI_PROFILE_TOKEN = 'sandboxmultiprofiletoken'.padEnd(59, '0');
/** The payment gateway key `npm start` gives the sandbox and n8n's gateway credential (64 hex). */
export const SANDBOX_GATEWAY_KEY = '5a4e4b0b'.repeat(8);

export interface SandboxProfile {
	id: number;
	name: string;
	/** Currencies its seeded products cycle through. */
	currencies: readonly string[];
}

/** Merchant profiles. Ids 5 and 1 are the examples in the merchant-profiles changelog. */
export const PROFILES: readonly SandboxProfile[] = [
	{ id: 1, name: 'Sandbox Merchant', currencies: ['GBP', 'EUR', 'USD'] },
	{ id: 5, name: 'Sandbox Shop EU', currencies: ['EUR'] },
	{ id: 7, name: 'Sandbox Shop UK', currencies: ['GBP'] },
];

export interface ApiUser {
	token: string;
	/** More than one id means every request must carry profile_id. */
	profileIds: readonly number[];
}

export const API_USERS: readonly ApiUser[] = [
	{ token: SINGLE_PROFILE_TOKEN, profileIds: [1] },
	{ token: MULTI_PROFILE_TOKEN, profileIds: [5, 7] },
];

/** How many records each profile gets unless startSandbox({ seed }) says otherwise. */
export const DEFAULT_SEED_COUNTS = {
	/** 60 makes profile 1's list span three pages: 25, 25, 10. */
	products: { 1: 60, 5: 30, 7: 5 } as Readonly<Record<number, number>>,
	customers: { 1: 3, 5: 2, 7: 1 } as Readonly<Record<number, number>>,
};

/** Field messages in Rails' wording (the guide shows `{"phone":["is invalid"]}`). */
export const MESSAGES = {
	blank: "can't be blank",
	invalid: 'is invalid',
	taken: 'has already been taken',
	tooLong: `is too long (maximum is ${MAX_STRING_LENGTH} characters)`,
	required: 'is required',
	notFound: 'not found',
	badCountry: 'is not a valid ISO 3166-1 alpha-2 country code',
	badPage: 'must be a positive integer',
	profileRequired: 'is required when the API user has more than one merchant profile',
	notYourProfile: 'is not a merchant profile of this API user',
	customerIdImmutable: 'cannot be changed through the API',
} as const;

/** `{"error": ...}` bodies for non-422 failures. */
export const ERRORS = {
	unauthorized: 'Invalid or missing API token',
	notFound: 'Not found',
	malformedJson: 'Malformed JSON body',
	tooLarge: 'Request body too large',
	internal: 'Internal sandbox error',
} as const;

/** Messages of the sandbox-only control endpoints (not BillPro behaviour). */
export const CONTROL_MESSAGES = {
	notSandboxProfile: 'is not a sandbox profile',
	badStatus: 'must be active or inactive',
	badOutcome: 'must be approve, soft_decline or hard_decline',
	badPrice: 'must be an amount with at most 2 decimals, such as "19.99"',
	noProductChange: 'give price, product_status (active or inactive) or both',
	/** key `status`: paused, cancelled or complete orders take no payment. */
	noPayment: (status: string) =>
		status === 'paused'
			? 'cannot take a payment while the order is paused: resume it first'
			: `cannot take a payment: the order is ${status}`,
	/** key `scheduled_payments`: a live order with nothing left to collect (e.g. metered). */
	nothingDue: 'has no scheduled or soft-declined payment to collect',
} as const;

// ---- Fault injection (sandbox-only: see faults.ts) ---------------------------------------------

/** What a fault does to a matching request; see FaultKind in faults.ts. */
export const FAULT_KINDS = ['status', 'html', 'malformedJson', 'reset', 'slow'] as const;

/** Fault fields each kind takes; any other field is refused (a typo must not pass silently). */
export const FAULT_FIELDS = {
	status: ['status', 'retryAfter', 'body', 'when', 'delayMs'],
	html: ['status', 'retryAfter', 'body', 'when', 'delayMs'],
	malformedJson: ['status', 'retryAfter', 'body', 'when', 'delayMs'],
	reset: ['when', 'delayMs'],
	slow: ['delayMs'],
} as const;

export const FAULT_DEFAULTS = {
	times: 1,
	when: 'before',
	/** For `status`; `html` and `malformedJson` default to 200 (a proxy page or a cut-off body). */
	errorStatus: 500,
	answerStatus: 200,
	/** `slow`: longer than the node's usual timeouts in tests, shorter than jest's 30 s. */
	slowDelayMs: 5000,
} as const;

/** setTimeout overflows past 2^31-1 ms; ten minutes is beyond any client timeout worth testing. */
export const MAX_FAULT_DELAY_MS = 10 * 60_000;

/** The answer a fault's `status` can have: no 1xx (interim answers are not final ones). */
export const FAULT_STATUS_RANGE = { min: 200, max: 599 } as const;

/** Logged as the status of a request whose connection was reset: no answer was sent. */
export const NO_ANSWER_STATUS = 0;

/** `malformedJson` body: a list cut off mid-string, as when a proxy drops the connection. */
export const MALFORMED_JSON_BODY = '[{"id": 1, "product_id": "E28';

/** `{"error": ...}` text of a `status` fault: the status' standard reason phrase (RFC 9110). */
export function faultErrorText(status: number): string {
	return STATUS_CODES[status] ?? 'Injected fault';
}

/**
 * `html` page: nginx's own error page for an error status (what a proxy in front of BillPro sends),
 * else a maintenance page served with 200.
 */
export function faultHtmlPage(status: number): string {
	const title =
		status >= 400 ? `${status} ${faultErrorText(status)}` : 'BillPro is down for maintenance';
	return (
		`<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n` +
		`<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
	);
}

/** Field messages of POST /__sandbox/faults and store.faults.add. */
export const FAULT_MESSAGES = {
	notAList: 'must be an array of faults',
	notAnObject: 'must be an object',
	unknownField: 'is not a fault field',
	badKind: `is not one of ${FAULT_KINDS.join(', ')}`,
	notUsedBy: (kind: string) => `is not used by ${kind} faults`,
	badMethod: 'is not one of GET, POST, PUT',
	badPath: `must be an API path relative to ${API_BASE_PATH} (e.g. /customers) or an endpoint name (e.g. createCustomer)`,
	prefixedPath: `must be relative to ${API_BASE_PATH}: drop the prefix`,
	endpointMethod: (method: string, endpoint: string) =>
		`must be ${method}, the method of ${endpoint}`,
	badTimes: 'must be an integer >= 1',
	badSkip: 'must be an integer >= 0',
	badWhen: 'must be before or after',
	badStatus: `must be an integer from ${FAULT_STATUS_RANGE.min} to ${FAULT_STATUS_RANGE.max}`,
	badRetryAfter:
		'must be an integer >= 0 (seconds) or a non-empty header value (e.g. an HTTP date)',
	badDelay: `must be an integer from 0 to ${MAX_FAULT_DELAY_MS}`,
	badBody: 'must be a string',
} as const;

// ---- Orders, scheduled payments, checkouts ----------------------------------------------------

/** Sandbox choices for orders; the docs state none of these values unless marked [V]. */
export const ORDER_RULES = {
	/** [V] "It expires after 25 minutes". */
	checkoutLifetimeMs: 25 * 60_000,
	/** Scheduled payments fall due at this UTC time on their date (BillPro schedules in UTC [V]). */
	collectionHourUtc: 9,
	/** resume_order moves a paused payment whose date has passed to now + this. */
	resumeDelayMs: 24 * 3_600_000,
	/** split_number when an instalment order does not send one (the seed's deposits are a quarter). */
	defaultSplitNumber: 3,
	/** split_number's upper bound: keeps one request from creating millions of payments. */
	maxSplitNumber: 360,
	/** Rails' integer column limit, for qty and scheduled_interval. */
	maxInteger: 2_147_483_647,
	/** Digits before the decimal point of an amount (a DECIMAL(12,2) column). */
	amountIntegerDigits: 10,
	/** No scheduled payment may fall after this year. */
	lastScheduleYear: 9999,
	/** `<sandbox url><paymentLinkPath>/<order id>-<10 char code>`. */
	paymentLinkPath: '/pay',
	/** [V] values: ECOM = payment link, the channel of every API order. */
	profilePaymentMethod: 'ECOM',
	/** [V] 1 = UI, 2 = API. */
	orderSourceApi: 2,
} as const;

/** Payment statuses an update may set [V]. */
export const SETTABLE_PAYMENT_STATUSES: readonly string[] = Object.values(SCHEDULED_PAYMENT_STATUS);

/** "indefinite article + type" for messages. */
const ORDER_TYPE_LABELS: Readonly<Record<OrderType, string>> = {
	single_payment: 'a single payment',
	instalment: 'an instalment',
	subscription: 'a subscription',
	metered: 'a metered',
};

/** "indefinite article + product_type", e.g. 'an instalment', 'a single_payment'. */
const PRODUCT_TYPE_LABELS: Readonly<Record<OrderType, string>> = {
	single_payment: 'a single_payment',
	instalment: 'an instalment',
	subscription: 'a subscription',
	metered: 'a metered',
};

/** The create endpoint's last path segment, e.g. 'create_subscription_order'. */
export function createEndpointSegment(type: OrderType): string {
	return ENDPOINTS[ORDER_TYPES[type]].path.split('/').pop() ?? '';
}

/** Field messages for orders, scheduled payments and checkouts (Rails wording where Rails has one). */
export const ORDER_MESSAGES = {
	invalidAmount: 'is not a valid amount',
	notANumber: 'is not a number',
	notAnInteger: 'must be an integer',
	atLeast: (minimum: number) => `must be greater than or equal to ${minimum}`,
	atMost: (maximum: number) => `must be less than or equal to ${maximum}`,
	notBoolean: 'must be true or false',
	badCurrency: 'is not a valid ISO 4217 currency code',
	badUnit: `is not one of ${INTERVAL_UNITS.join(', ')}`,
	badDate: 'is not a valid date (DD/MM/YYYY)',
	dateInPast: 'must be today or later',
	customerInactive: 'is inactive: inactive customers cannot get new orders',
	productInactive: 'is inactive',
	wrongProductType: (productType: OrderType) =>
		`is ${PRODUCT_TYPE_LABELS[productType]} product: use the ${createEndpointSegment(productType)} endpoint`,
	exactlyOneProduct: (type: OrderType) =>
		`must contain exactly one product for ${ORDER_TYPE_LABELS[type]} order`,
	priceLocked: "cannot be changed: the product's price is locked",
	configLocked: "cannot be changed: the product's payment configuration is locked",
	currencyMismatch: (currency: string) => `must match the product's currency (${currency})`,
	discountTooLarge: (lineAmount: string) =>
		`must not be greater than the amount times the quantity (${lineAmount})`,
	initialTooLarge: (total: string) => `must be less than the order total (${total})`,
	splitTooLarge: 'leaves instalments of less than 0.01',
	scheduleTooLate: 'puts a scheduled payment after the year 9999',
	// State machine (key `status`, or `checkout` for renewals)
	alreadyFinal: (status: string) => `cannot cancel an order that is already ${status}`,
	pauseSubscriptionsOnly: 'only subscriptions can be paused',
	pauseActiveOnly: (status: string) =>
		`only an active subscription can be paused; this order is ${status}`,
	resumeSubscriptionsOnly: 'only subscriptions can be resumed',
	resumePausedOnly: (status: string) =>
		`only a paused subscription can be resumed; this order is ${status}`,
	checkoutNotCreated: 'the order was not created with create_checkout',
	checkoutNotPending: 'the order is no longer pending',
	// Scheduled payments
	badPaymentStatus: `is not one of ${Object.values(SCHEDULED_PAYMENT_STATUS).join(', ')}`,
	badDateTime: 'is not a valid ISO 8601 date and time with a time zone',
	notInFuture: 'must be in the future',
	subscriptionsOnly: 'can only be changed for subscriptions',
	requiredWith: (other: string) => `is required when ${other} is sent`,
	paymentLocked: (status: string) => `cannot be changed when the scheduled payment is ${status}`,
	orderPaused: 'cannot be changed while the order is paused',
	nothingToUpdate: `must contain at least one of status, ${FIELD.scheduledAt}, amount, scheduled_interval, scheduled_duration_unit`,
} as const;
