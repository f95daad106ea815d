/**
 * In-memory state. Ids come from platform-wide counters; records live per profile, in arrays
 * sorted by id (new ids are always the largest, so appending keeps the order) plus maps for O(1)
 * lookups. Tests use the public methods in-process; the HTTP control endpoints call the same ones.
 */
import { PROFILES } from './config';
import { IdCounters, type IdKind } from './ids';
import { resolveSeedCounts, seedPlatform, type SeedCounts, type SeedOptions } from './seed';
import type { CustomerStatus, Product, RequestLogEntry, StoredCustomer } from './types';

interface ProfileData {
	products: Product[];
	productsById: Map<number, Product>;
	/** Merchant product_id -> products (the UI does not force it unique). */
	productsByCode: Map<string, Product[]>;
	customers: StoredCustomer[];
	customersById: Map<number, StoredCustomer>;
}

export class SandboxStore {
	/** Every /api/v1 request, oldest first. The array is cleared in place, never replaced. */
	readonly requests: RequestLogEntry[] = [];

	private readonly seedCounts: SeedCounts;
	private ids = new IdCounters();
	private data = new Map<number, ProfileData>();
	private lastTimestamp = 0;

	constructor(seed?: SeedOptions) {
		this.seedCounts = resolveSeedCounts(seed);
		this.reset();
	}

	/** Back to the seed: data, id counters and the request log. */
	reset(): void {
		this.ids = new IdCounters();
		this.data = new Map();
		for (const [profileId, seeded] of seedPlatform(this.seedCounts, this.ids)) {
			const productsByCode = new Map<string, Product[]>();
			for (const product of seeded.products) {
				const same = productsByCode.get(product.product_id);
				if (same) same.push(product);
				else productsByCode.set(product.product_id, [product]);
			}
			this.data.set(profileId, {
				products: seeded.products,
				productsById: new Map(seeded.products.map((product) => [product.id, product])),
				productsByCode,
				customers: seeded.customers,
				customersById: new Map(seeded.customers.map((customer) => [customer.id, customer])),
			});
		}
		this.resetRequests();
	}

	resetRequests(): void {
		this.requests.length = 0;
	}

	logRequest(entry: RequestLogEntry): void {
		this.requests.push(entry);
	}

	profileIds(): number[] {
		return PROFILES.map((profile) => profile.id);
	}

	nextId(kind: IdKind): number {
		return this.ids.next(kind);
	}

	/** ISO timestamp that strictly increases, so an update's updated_at always differs from created_at. */
	now(): string {
		this.lastTimestamp = Math.max(Date.now(), this.lastTimestamp + 1);
		return new Date(this.lastTimestamp).toISOString();
	}

	// ---- Products (read-only: the API cannot create them) ----

	products(profileId: number): readonly Product[] {
		return this.data.get(profileId)?.products ?? [];
	}

	productsByMerchantId(profileId: number, productId: string): readonly Product[] {
		return this.data.get(profileId)?.productsByCode.get(productId) ?? [];
	}

	product(profileId: number, id: number): Product | undefined {
		return this.data.get(profileId)?.productsById.get(id);
	}

	// ---- Customers ----

	customers(profileId: number): readonly StoredCustomer[] {
		return this.data.get(profileId)?.customers ?? [];
	}

	customer(profileId: number, id: number): StoredCustomer | undefined {
		return this.data.get(profileId)?.customersById.get(id);
	}

	/** Case-insensitive, within one profile only. */
	emailTaken(profileId: number, email: string, exceptId?: number): boolean {
		const wanted = email.toLowerCase();
		return this.customers(profileId).some(
			(c) => c.id !== exceptId && c.email.toLowerCase() === wanted,
		);
	}

	/** Appends a new customer; its id must come from nextId('customer') (the largest so far). */
	addCustomer(customer: StoredCustomer): void {
		const profile = this.profileData(customer.profile_id);
		profile.customers.push(customer);
		profile.customersById.set(customer.id, customer);
	}

	/** Replaces a stored customer (same id and profile) with a new version. */
	saveCustomer(customer: StoredCustomer): void {
		const profile = this.profileData(customer.profile_id);
		const index = indexById(profile.customers, customer.id);
		if (index < 0)
			throw new Error(`Customer ${customer.id} is not in profile ${customer.profile_id}`);
		profile.customers[index] = customer;
		profile.customersById.set(customer.id, customer);
	}

	/** The UI's (de)activate action, which the API does not offer. Undefined when not found. */
	setCustomerStatus(
		profileId: number,
		id: number,
		status: CustomerStatus,
	): StoredCustomer | undefined {
		const current = this.customer(profileId, id);
		if (!current) return undefined;
		const updated: StoredCustomer = { ...current, status, updated_at: this.now() };
		this.saveCustomer(updated);
		return updated;
	}

	private profileData(profileId: number): ProfileData {
		const profile = this.data.get(profileId);
		if (!profile) throw new Error(`Unknown sandbox profile ${profileId}`);
		return profile;
	}
}

/** Binary search in an array sorted by id. */
function indexById(items: readonly { id: number }[], id: number): number {
	let low = 0;
	let high = items.length - 1;
	while (low <= high) {
		const middle = (low + high) >> 1;
		if (items[middle].id === id) return middle;
		if (items[middle].id < id) low = middle + 1;
		else high = middle - 1;
	}
	return -1;
}
