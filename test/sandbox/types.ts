/** Shapes of the records the sandbox stores and returns. */

export type ProductType = 'single_payment' | 'instalment' | 'subscription' | 'metered';
export type ScheduledUnit = 'DAY' | 'WEEK' | 'MONTH' | 'YEAR';

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
	status: number;
	/** Parsed JSON body; undefined when empty or not JSON. */
	body: unknown;
}
