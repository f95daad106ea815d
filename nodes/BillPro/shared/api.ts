/**
 * Everything this package assumes about the BillPro API, kept in one place.
 *
 * `source` says where each fact comes from (see ../shared/reference/billpro-api-notes.md):
 *   'V' = BillPro's documentation states it; 'B' = only BillPro's "First steps" guide shows it;
 *   'I' = inferred, the docs are silent. Every 'I' row is listed in the README's Assumptions
 *   table (a test keeps the two in step), so real API access corrects it with a single edit here.
 * The node's routing and the sandbox both read this table: a corrected path changes both.
 */

export type Source = 'V' | 'B' | 'I';

export interface Endpoint {
	method: 'GET' | 'POST' | 'PUT';
	/** Relative to the base URL; `{id}` is the system id of the record. */
	path: string;
	source: Source;
	note: string;
}

export const ENVIRONMENTS = {
	production: 'https://app.bill.pro/api/v1',
	test: 'https://test.bill.pro/api/v1',
	staging: 'https://staging.bill.pro/api/v1',
} as const;

export const ENDPOINTS = {
	listProducts: { method: 'GET', path: '/products', source: 'V', note: 'Paged with ?page=N' },
	getProduct: {
		method: 'GET',
		path: '/products/{id}',
		source: 'I',
		note: 'Docs name the operation, not its path',
	},
	createCustomer: { method: 'POST', path: '/customers', source: 'V', note: 'Body {"customer": {...}}' },
	listCustomers: {
		method: 'GET',
		path: '/customers',
		source: 'I',
		note: 'Docs name the operation, not its path',
	},
	getCustomer: {
		method: 'GET',
		path: '/customers/{id}',
		source: 'I',
		note: 'Docs name the operation, not its path',
	},
	updateCustomer: {
		method: 'PUT',
		path: '/customers/{id}',
		source: 'I',
		note: 'Docs state PUT, not the path',
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
 * Facts about behaviour rather than paths. Each is listed in the README's Assumptions table.
 *   listsAreBareArrays [B]: a list answers a bare JSON array (the guide's products example).
 *   lastPageIsShortOrEmpty [I]: a page shorter than the first one, or an empty one, is the last.
 *   notFoundIs422 [V-3p]: an unknown id answers 422 with a field-keyed body, not 404.
 *   errorBody [B]: 422 bodies look like {"field": ["message", ...]}.
 *   dateFormat [B]: dates (date of birth) are DD/MM/YYYY.
 *   addressesNotSentAreRemoved [V]: a customer PUT removes every address it does not carry.
 */
export const DATE_FORMAT = 'DD/MM/YYYY';

/** The system id path segment of an endpoint, filled with an n8n expression or a value. */
export function endpointPath(name: EndpointName, id?: string | number): string {
	const path = ENDPOINTS[name].path;
	return id === undefined ? path : path.replace('{id}', String(id));
}

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
