/**
 * Deterministic seed data: no Math.random, no clock. Ids are handed out profile by profile
 * (all products first, then customers), so the same counts always give the same ids.
 */
import { DEFAULT_SEED_COUNTS, PROFILES, type SandboxProfile } from './config';
import { CODE_SALT, merchantCode, type IdCounters } from './ids';
import { newCustomer, type CustomerInput } from './operations/customer/records';
import type {
	CustomerStatus,
	PriceAdjustment,
	Product,
	ProductType,
	ScheduledUnit,
	StoredCustomer,
} from './types';

/** Per-profile record counts, e.g. `{ products: { 1: 10000 } }`; unset profiles keep the defaults. */
export interface SeedOptions {
	products?: Readonly<Record<number, number>>;
	customers?: Readonly<Record<number, number>>;
}

export interface SeedCounts {
	products: Readonly<Record<number, number>>;
	customers: Readonly<Record<number, number>>;
}

export interface SeededProfile {
	products: Product[];
	customers: StoredCustomer[];
}

/** Merges options over the defaults; throws on unknown profiles or bad counts (a test typo, not a 422). */
export function resolveSeedCounts(options: SeedOptions = {}): SeedCounts {
	const known = new Set(PROFILES.map((profile) => profile.id));
	for (const [kind, counts] of Object.entries(options)) {
		if (kind !== 'products' && kind !== 'customers')
			throw new Error(`Unknown seed option "${kind}"`);
		for (const [profileId, count] of Object.entries((counts ?? {}) as Record<string, number>)) {
			if (!known.has(Number(profileId)))
				throw new Error(`Unknown sandbox profile ${profileId} in seed.${kind}`);
			if (!Number.isInteger(count) || count < 0)
				throw new Error(`seed.${kind}[${profileId}] must be an integer >= 0`);
		}
	}
	return {
		products: { ...DEFAULT_SEED_COUNTS.products, ...options.products },
		customers: { ...DEFAULT_SEED_COUNTS.customers, ...options.customers },
	};
}

export function seedPlatform(counts: SeedCounts, ids: IdCounters): Map<number, SeededProfile> {
	const nextId = ids.next.bind(ids);
	const data = new Map<number, SeededProfile>();
	for (const profile of PROFILES) {
		const products: Product[] = [];
		const total = counts.products[profile.id] ?? 0;
		for (let index = 0; index < total; index++)
			products.push(seedProduct(profile, index, nextId('product')));
		data.set(profile.id, { products, customers: [] });
	}
	for (const profile of PROFILES) {
		const customers = data.get(profile.id)!.customers;
		const total = counts.customers[profile.id] ?? 0;
		for (let index = 0; index < total; index++) {
			const template = CUSTOMER_TEMPLATES[profile.id]?.[index];
			const at = customerTimestamp(index, profile.id);
			if (template) {
				const { status, ...input } = template;
				customers.push(newCustomer(nextId, profile.id, input, at, status));
			} else {
				customers.push(newCustomer(nextId, profile.id, genericCustomer(profile.id, index), at));
			}
		}
	}
	return data;
}

// ---- Products ---------------------------------------------------------------------------------

/** The guide's example discount and tax, verbatim. */
const DISCOUNT_5: PriceAdjustment = {
	name: 'Discount 5%',
	percentage: '5.00',
	description: 'Five Percent New Customer Discount',
	created_at: '2022-05-05T15:23:16.666Z',
	updated_at: '2022-06-14T10:45:13.933Z',
};
const DISCOUNT_10: PriceAdjustment = {
	name: 'Discount 10%',
	percentage: '10.00',
	description: 'Ten Percent Loyalty Discount',
	created_at: '2022-05-05T15:25:02.120Z',
	updated_at: '2022-05-05T15:25:02.120Z',
};
const TAX_BY_CURRENCY: Readonly<Record<string, PriceAdjustment>> = {
	EUR: {
		name: 'VAT Spain',
		percentage: '21.00',
		description: 'Spain Value Added Tax 21%',
		created_at: '2022-05-05T15:18:09.958Z',
		updated_at: '2022-05-08T16:06:29.185Z',
	},
	GBP: {
		name: 'VAT UK',
		percentage: '20.00',
		description: 'United Kingdom Value Added Tax 20%',
		created_at: '2022-05-05T15:19:41.502Z',
		updated_at: '2022-05-05T15:19:41.502Z',
	},
};

/** Profile 1's first product is the guide's example product, field for field. */
function guideExampleProduct(id: number): Product {
	return {
		id,
		product_id: 'E2824181D8',
		currency: 'GBP',
		price: '44.99',
		product_type: 'subscription',
		product_status: 'active',
		lock_price: true,
		lock_payment_config: false,
		product_group: 'Memberships',
		scheduled_interval: '1',
		scheduled_unit: 'MONTH',
		fee_for_initial_payment_only: true,
		discount_for_initial_payment_only: true,
		deposit_amount: '42.74',
		created_at: '2024-02-12T15:12:37.314Z',
		discount: { ...DISCOUNT_5 },
		tax: { ...TAX_BY_CURRENCY.EUR },
	};
}

const PRODUCT_TYPES: readonly ProductType[] = [
	'subscription',
	'single_payment',
	'instalment',
	'metered',
];
const PRODUCT_GROUPS = ['Memberships', 'Courses', 'Software', 'Services', 'Hardware'];
const SUBSCRIPTION_SCHEDULES: ReadonlyArray<[string, ScheduledUnit]> = [
	['1', 'MONTH'],
	['1', 'YEAR'],
	['2', 'WEEK'],
	['3', 'MONTH'],
	['7', 'DAY'],
];
const PRODUCT_EPOCH = Date.UTC(2024, 2, 1, 8, 0, 0);
const HOUR = 3_600_000;

function money(cents: number): string {
	return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

function percentOff(cents: number, adjustment: PriceAdjustment | null): number {
	if (!adjustment) return cents;
	return Math.round((cents * (10000 - Math.round(Number(adjustment.percentage) * 100))) / 10000);
}

/**
 * The index-th product of a profile: types cycle through all four, every 7th (from the 4th) is
 * inactive, every 3rd has lock_price, every 5th lock_payment_config.
 */
function seedProduct(profile: SandboxProfile, index: number, id: number): Product {
	if (profile.id === 1 && index === 0) return guideExampleProduct(id);
	const type = PRODUCT_TYPES[index % PRODUCT_TYPES.length];
	const currency =
		profile.currencies[Math.floor(index / PRODUCT_TYPES.length) % profile.currencies.length];
	const priceCents = (5 + ((index * 37 + profile.id * 11) % 196)) * 100 + 99;
	const discount = index % 6 === 0 ? DISCOUNT_5 : index % 6 === 3 ? DISCOUNT_10 : null;
	const tax = index % 5 === 4 ? null : (TAX_BY_CURRENCY[currency] ?? null);
	const [interval, unit] = productSchedule(type, index);
	// The guide's example: deposit 42.74 = price 44.99 less its 5% discount. Instalments take a quarter.
	const firstPayment = percentOff(priceCents, discount);
	const deposit =
		type === 'metered' ? 0 : type === 'instalment' ? Math.round(firstPayment / 4) : firstPayment;
	return {
		id,
		product_id: merchantCode(id, CODE_SALT.product),
		currency,
		price: money(priceCents),
		product_type: type,
		product_status: index % 7 === 3 ? 'inactive' : 'active',
		lock_price: index % 3 === 0,
		lock_payment_config: index % 5 === 0,
		product_group: PRODUCT_GROUPS[index % PRODUCT_GROUPS.length],
		scheduled_interval: interval,
		scheduled_unit: unit,
		fee_for_initial_payment_only: index % 2 === 0,
		discount_for_initial_payment_only: discount !== null && index % 4 === 0,
		deposit_amount: money(deposit),
		created_at: new Date(PRODUCT_EPOCH + id * HOUR + ((id * 7919) % 1000)).toISOString(),
		discount: discount && { ...discount },
		tax: tax && { ...tax },
	};
}

function productSchedule(type: ProductType, index: number): [string | null, ScheduledUnit | null] {
	if (type === 'single_payment') return [null, null];
	if (type === 'subscription') {
		return SUBSCRIPTION_SCHEDULES[
			Math.floor(index / PRODUCT_TYPES.length) % SUBSCRIPTION_SCHEDULES.length
		];
	}
	return ['1', 'MONTH'];
}

// ---- Customers --------------------------------------------------------------------------------

type CustomerTemplate = Omit<CustomerInput, 'organisation'> & {
	organisation: CustomerInput['organisation'];
	status: CustomerStatus;
};

/** Hand-written customers; all pass the sandbox's own validation. Emails use reserved example domains. */
const CUSTOMER_TEMPLATES: Readonly<Record<number, readonly CustomerTemplate[]>> = {
	1: [
		{
			first_name: 'Ada',
			last_name: 'Lovelace',
			email: 'ada.lovelace@example.com',
			phone: '+447700900123',
			date_of_birth: '10/12/1985',
			status: 'active',
			organisation: {
				name: 'Analytical Engines Ltd',
				registration_number: '01234567',
				web_url: 'https://analytical-engines.example.com',
				vat: 'GB123456789',
				description: 'Computing pioneers',
			},
			addresses: {
				billing_address: {
					street: '28 Milsom St',
					city: 'Bath',
					state: 'Avon',
					country: 'GB',
					postal_code: 'BA1 1DG',
				},
				shipping_address: {
					street: '1 Broad St',
					city: 'Bath',
					state: 'Avon',
					country: 'GB',
					postal_code: 'BA1 5LJ',
				},
			},
		},
		{
			first_name: 'José',
			last_name: 'Álvarez Núñez',
			email: 'jose.alvarez@example.es',
			phone: '+34 612 345 678',
			date_of_birth: '03/04/1990',
			status: 'active',
			organisation: null,
			addresses: {
				billing_address: {
					street: 'Calle Mayor 1',
					city: 'Madrid',
					state: 'Madrid',
					country: 'ES',
					postal_code: '28013',
				},
			},
		},
		{
			first_name: 'Brendan',
			last_name: "O'Neill",
			email: 'brendan.oneill@example.ie',
			phone: null,
			date_of_birth: null,
			status: 'inactive',
			organisation: null,
			addresses: {},
		},
	],
	5: [
		{
			first_name: 'Marie',
			last_name: 'Dubois',
			email: 'marie.dubois@example.fr',
			phone: '+33612345678',
			date_of_birth: '21/06/1979',
			status: 'active',
			organisation: null,
			addresses: {
				billing_address: {
					street: '12 Rue de Rivoli',
					city: 'Paris',
					state: null,
					country: 'FR',
					postal_code: '75004',
				},
			},
		},
		{
			first_name: 'Lukas',
			last_name: 'Schmidt',
			email: 'lukas.schmidt@example.de',
			phone: null,
			date_of_birth: null,
			status: 'active',
			organisation: {
				name: 'Schmidt GmbH',
				registration_number: 'HRB 12345',
				web_url: null,
				vat: 'DE123456789',
				description: null,
			},
			addresses: {},
		},
	],
	7: [
		{
			first_name: 'Oliver',
			last_name: 'Smith',
			email: 'oliver.smith@example.co.uk',
			phone: '+44 7700 900456',
			date_of_birth: '02/02/2000',
			status: 'active',
			organisation: null,
			addresses: {
				billing_address: {
					street: '10 King St',
					city: 'Manchester',
					state: null,
					country: 'GB',
					postal_code: 'M2 6AZ',
				},
			},
		},
	],
};

/** Extra customers when a seed asks for more than the templates (benchmarks). */
function genericCustomer(profileId: number, index: number): CustomerInput {
	const n = index + 1;
	return {
		first_name: 'Sandbox',
		last_name: `Customer ${n}`,
		email: `customer${n}.profile${profileId}@example.com`,
		phone: null,
		date_of_birth: null,
		organisation: null,
		addresses: {},
	};
}

const CUSTOMER_EPOCH = Date.UTC(2024, 3, 1, 9, 0, 0);

function customerTimestamp(index: number, profileId: number): string {
	return new Date(CUSTOMER_EPOCH + profileId * 24 * HOUR + index * 60_000).toISOString();
}
