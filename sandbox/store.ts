/**
 * In-memory state. Ids come from platform-wide counters; records live per profile, in arrays
 * sorted by id (new ids are always the largest, so appending keeps the order) plus maps for O(1)
 * lookups. Tests use the public methods in-process; the HTTP control endpoints call the same ones.
 * Every change to the records or counters calls the onChange listener (a data file saves then).
 */
import { randomUUID } from 'node:crypto';

import type { EndpointName } from '../nodes/BillPro/shared/api';
import { API_BASE_PATH, DEFAULT_HOST, DEFAULT_PORT, PROFILES } from './config';
import { FaultQueue, pathMatches, type FaultMethod } from './faults';
import { PaymentGateway } from './gateway/gateway';
import { paymentNotification } from './gateway/notifications';
import { paymentFacts } from './gateway/paymentFacts';
import { pathProblem } from './faultSpec';
import { IdCounters, type IdKind } from './ids';
import { formatOrder } from './operations/order/format';
import { processPayment } from './operations/order/processPayment';
import { formatScheduledPayment } from './operations/scheduledPayment/format';
import { endpointAt } from './router';
import { resolveSeedCounts, seedPlatform, type SeedCounts, type SeedOptions } from './seed';
import { SNAPSHOT_FORMAT, type ProfileRecords, type StoreSnapshot } from './snapshot';
import type {
	CustomerStatus,
	OrderResponse,
	PaymentOutcome,
	ProcessedPayment,
	Product,
	RequestLogEntry,
	ScheduledPaymentResponse,
	StoredCustomer,
	StoredOrder,
	StoredScheduledPayment,
} from './types';

interface ProfileData {
	products: Product[];
	productsById: Map<number, Product>;
	/** Merchant product_id -> products (the UI does not force it unique). */
	productsByCode: Map<string, Product[]>;
	customers: StoredCustomer[];
	customersById: Map<number, StoredCustomer>;
	orders: StoredOrder[];
	ordersById: Map<number, StoredOrder>;
	/** Order id -> its scheduled payments, sorted by id. */
	paymentsByOrder: Map<number, StoredScheduledPayment[]>;
}

export class SandboxStore {
	/** Every /api/v1 request, oldest first. The array is cleared in place, never replaced. */
	readonly requests: RequestLogEntry[] = [];

	/**
	 * Faults for the next matching /api/v1 requests (faults.ts). reset() empties it and drops
	 * requests a slow fault still holds.
	 */
	readonly faults = new FaultQueue();

	/**
	 * The payment gateway's webhook (gateway/gateway.ts): when configured, every processed payment
	 * is sent as an encrypted notification. reset() keeps its settings and cancels what is pending.
	 */
	readonly gateway = new PaymentGateway();

	private readonly seedCounts: SeedCounts;
	private ids = new IdCounters();
	private data = new Map<number, ProfileData>();
	private currentDataId = '';
	private listener: (() => void) | undefined;
	private lastTimestamp = 0;
	private origin = `http://${DEFAULT_HOST}:${DEFAULT_PORT}`;

	constructor(seed?: SeedOptions) {
		this.seedCounts = resolveSeedCounts(seed);
		this.reset();
	}

	/** Back to the seed: data, id counters, the request log and the fault queue. */
	reset(): void {
		this.ids = new IdCounters();
		this.data = new Map();
		for (const [profileId, seeded] of seedPlatform(this.seedCounts, this.ids)) {
			this.data.set(
				profileId,
				indexed({ ...seeded, orders: [], scheduledPayments: [] }, profileId),
			);
		}
		this.currentDataId = randomUUID();
		this.resetRequests();
		this.faults.reset();
		this.gateway.reset();
		this.changed();
	}

	/** Called after every change to the data or the id counters (one listener: the data file's). */
	onChange(listener: (() => void) | undefined): void {
		this.listener = listener;
	}

	/** New each time the data starts from the seed (see StoreSnapshot.dataId). */
	get dataId(): string {
		return this.currentDataId;
	}

	/** The data and id counters, to save (snapshot.ts). Shares the records: serialise it at once. */
	snapshot(): StoreSnapshot {
		const profiles: Record<string, ProfileRecords> = {};
		for (const [profileId, profile] of this.data) {
			profiles[profileId] = {
				products: profile.products,
				customers: profile.customers,
				orders: profile.orders,
				scheduledPayments: profile.orders.flatMap(
					(order) => profile.paymentsByOrder.get(order.id) ?? [],
				),
			};
		}
		return {
			format: SNAPSHOT_FORMAT,
			dataId: this.currentDataId,
			lastIds: this.ids.lastIds(),
			profiles,
		};
	}

	/**
	 * Replaces the data and id counters with a saved snapshot (checked by snapshotProblem). Throws,
	 * changing nothing, when a scheduled payment's order is not in its profile.
	 */
	restore(snapshot: StoreSnapshot): void {
		const data = new Map<number, ProfileData>();
		for (const profileId of this.profileIds())
			data.set(profileId, indexed(snapshot.profiles[profileId], profileId));
		this.data = data;
		this.ids = IdCounters.continuing(snapshot.lastIds);
		this.currentDataId = snapshot.dataId;
	}

	private changed(): void {
		this.listener?.();
	}

	resetRequests(): void {
		this.requests.length = 0;
	}

	/**
	 * Logged /api/v1 requests to an endpoint, any status (401s and faulted attempts included).
	 * `path` matches as a Fault's does: '/customers/3', '/customers/{id}' or an endpoint name.
	 */
	requestsTo(endpoint: EndpointName): RequestLogEntry[];
	requestsTo(method: FaultMethod, path: string): RequestLogEntry[];
	requestsTo(methodOrEndpoint: string, maybePath?: string): RequestLogEntry[] {
		const [method, path] =
			maybePath === undefined ? [undefined, methodOrEndpoint] : [methodOrEndpoint, maybePath];
		const problem = pathProblem(path);
		if (problem) throw new Error(`requestsTo: path "${path}" ${problem}`);
		return this.requests.filter((entry) => {
			if (method !== undefined && entry.method !== method) return false;
			if (!entry.path.startsWith(`${API_BASE_PATH}/`)) return false;
			const apiPath = entry.path.slice(API_BASE_PATH.length);
			return pathMatches(path, apiPath, endpointAt(entry.method, apiPath));
		});
	}

	logRequest(entry: RequestLogEntry): void {
		this.requests.push(entry);
	}

	profileIds(): number[] {
		return PROFILES.map((profile) => profile.id);
	}

	nextId(kind: IdKind): number {
		const id = this.ids.next(kind);
		this.changed();
		return id;
	}

	/**
	 * The sandbox's own URL (startSandbox sets it once it listens): payment links point here.
	 * Before that, http://127.0.0.1:8787.
	 */
	get url(): string {
		return this.origin;
	}

	setUrl(url: string): void {
		this.origin = url.replace(/\/+$/, '');
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

	/**
	 * A change made in BillPro's UI (the API cannot change products): price, status or type.
	 * Sandbox only (POST /__sandbox/products/{id}); returns the product, or undefined if unknown.
	 */
	changeProductInUi(
		profileId: number,
		id: number,
		changes: Partial<Pick<Product, 'price' | 'product_status' | 'product_type'>>,
	): Product | undefined {
		const product = this.product(profileId, id);
		if (!product) return undefined;
		Object.assign(product, changes);
		this.changed();
		return product;
	}

	/** A product deleted in BillPro's UI: gone from the list and from GET. False when not found. */
	deleteProductInUi(profileId: number, id: number): boolean {
		const profile = this.data.get(profileId);
		const product = profile && removeRecord(profile.products, profile.productsById, id);
		if (!profile || !product) return false;
		const same = profile.productsByCode.get(product.product_id) ?? [];
		profile.productsByCode.set(
			product.product_id,
			same.filter((other) => other.id !== id),
		);
		this.changed();
		return true;
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
		this.changed();
	}

	/** Replaces a stored customer (same id and profile) with a new version. */
	saveCustomer(customer: StoredCustomer): void {
		const profile = this.profileData(customer.profile_id);
		const index = indexById(profile.customers, customer.id);
		if (index < 0)
			throw new Error(`Customer ${customer.id} is not in profile ${customer.profile_id}`);
		profile.customers[index] = customer;
		profile.customersById.set(customer.id, customer);
		this.changed();
	}

	/**
	 * A customer deleted in BillPro's UI (the API cannot delete customers): gone from the list and
	 * from GET, its id never handed out again. False when not found.
	 */
	deleteCustomerInUi(profileId: number, id: number): boolean {
		const profile = this.data.get(profileId);
		const removed = !!profile && !!removeRecord(profile.customers, profile.customersById, id);
		if (removed) this.changed();
		return removed;
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

	// ---- Orders and scheduled payments ----

	/** The profile's orders in the GET format, by id. */
	orders(profileId: number): OrderResponse[] {
		return (this.data.get(profileId)?.orders ?? []).map((order) =>
			formatOrder(order, this.paymentRecords(profileId, order.id)),
		);
	}

	/** One order in the GET format; undefined when not in this profile. */
	order(profileId: number, id: number): OrderResponse | undefined {
		const order = this.orderRecord(profileId, id);
		return order && formatOrder(order, this.paymentRecords(profileId, id));
	}

	/** An order's scheduled payments in the API format, by id; [] for an unknown order. */
	scheduledPayments(profileId: number, orderId: number): ScheduledPaymentResponse[] {
		return this.paymentRecords(profileId, orderId).map(formatScheduledPayment);
	}

	/**
	 * Simulates the payment gateway: the order's initial payment while it is pending, else its
	 * earliest scheduled or soft-declined payment. Throws UnprocessableError (the control endpoint's
	 * 422) for an unknown order or one that takes no payment. See operations/order/processPayment.ts.
	 * A configured gateway then sends the payment's notification (gateway/).
	 */
	processPayment(profileId: number, orderId: number, outcome: PaymentOutcome): ProcessedPayment {
		const before = this.orderRecord(profileId, orderId);
		const processed = processPayment(this, profileId, orderId, outcome);
		// Sent after the answer is known and never awaited: the payer does not wait for webhooks.
		if (before && this.gateway.configured)
			this.gateway.send(paymentNotification(paymentFacts(this, before, processed, outcome)));
		return processed;
	}

	/** The stored record (with sandbox-only fields). Callers must not mutate it: use saveOrder. */
	orderRecord(profileId: number, id: number): StoredOrder | undefined {
		return this.data.get(profileId)?.ordersById.get(id);
	}

	/** Stored payment records of an order, sorted by id. Callers must not mutate them. */
	paymentRecords(profileId: number, orderId: number): readonly StoredScheduledPayment[] {
		return this.data.get(profileId)?.paymentsByOrder.get(orderId) ?? [];
	}

	/**
	 * An order BillPro no longer has, however that came about (the API cannot delete orders): GET
	 * answers not found, for the order and its scheduled payments. False when not found.
	 */
	removeOrder(profileId: number, id: number): boolean {
		const profile = this.data.get(profileId);
		if (!profile || !removeRecord(profile.orders, profile.ordersById, id)) return false;
		profile.paymentsByOrder.delete(id);
		this.changed();
		return true;
	}

	/** Appends a new order; its id must come from nextId('order') (the largest so far). */
	addOrder(order: StoredOrder): void {
		const profile = this.profileData(order.profile_id);
		profile.orders.push(order);
		profile.ordersById.set(order.id, order);
		profile.paymentsByOrder.set(order.id, []);
		this.changed();
	}

	/** Replaces a stored order (same id and profile) with a new version. */
	saveOrder(order: StoredOrder): void {
		const profile = this.profileData(order.profile_id);
		const index = indexById(profile.orders, order.id);
		if (index < 0) throw new Error(`Order ${order.id} is not in profile ${order.profile_id}`);
		profile.orders[index] = order;
		profile.ordersById.set(order.id, order);
		this.changed();
	}

	/** Appends a payment to its order; its id must come from nextId('scheduledPayment'). */
	addScheduledPayment(payment: StoredScheduledPayment): void {
		this.paymentList(payment).push(payment);
		this.changed();
	}

	/** Replaces a stored payment (same id, order and profile) with a new version. */
	saveScheduledPayment(payment: StoredScheduledPayment): void {
		const payments = this.paymentList(payment);
		const index = indexById(payments, payment.id);
		if (index < 0)
			throw new Error(`Scheduled payment ${payment.id} is not in order ${payment.order_id}`);
		payments[index] = payment;
		this.changed();
	}

	private paymentList(payment: StoredScheduledPayment): StoredScheduledPayment[] {
		const payments = this.profileData(payment.profile_id).paymentsByOrder.get(payment.order_id);
		if (!payments)
			throw new Error(`Order ${payment.order_id} is not in profile ${payment.profile_id}`);
		return payments;
	}

	private profileData(profileId: number): ProfileData {
		const profile = this.data.get(profileId);
		if (!profile) throw new Error(`Unknown sandbox profile ${profileId}`);
		return profile;
	}
}

/** A profile's records, sorted by id, with their lookup maps. Throws on a payment of an unknown order. */
function indexed(records: ProfileRecords, profileId: number): ProfileData {
	const byId = <T extends { id: number }>(list: T[]) => list.sort((a, b) => a.id - b.id);
	const products = byId([...records.products]);
	const productsByCode = new Map<string, Product[]>();
	for (const product of products) {
		const same = productsByCode.get(product.product_id);
		if (same) same.push(product);
		else productsByCode.set(product.product_id, [product]);
	}
	const customers = byId([...records.customers]);
	const orders = byId([...records.orders]);
	const paymentsByOrder = new Map<number, StoredScheduledPayment[]>(
		orders.map((order) => [order.id, []]),
	);
	for (const payment of byId([...records.scheduledPayments])) {
		const payments = paymentsByOrder.get(payment.order_id);
		if (!payments)
			throw new Error(
				`scheduled payment ${payment.id}: order ${payment.order_id} is not in profile ${profileId}`,
			);
		payments.push(payment);
	}
	return {
		products,
		productsById: new Map(products.map((product) => [product.id, product])),
		productsByCode,
		customers,
		customersById: new Map(customers.map((customer) => [customer.id, customer])),
		orders,
		ordersById: new Map(orders.map((order) => [order.id, order])),
		paymentsByOrder,
	};
}

/** Takes the record with this id out of a profile's sorted list and its map; undefined when absent. */
function removeRecord<T extends { id: number }>(
	records: T[],
	byId: Map<number, T>,
	id: number,
): T | undefined {
	const index = indexById(records, id);
	if (index < 0) return undefined;
	byId.delete(id);
	return records.splice(index, 1)[0];
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
