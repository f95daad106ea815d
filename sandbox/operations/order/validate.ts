/**
 * Validation of the `{"order": {...}}` body of the four create endpoints. Every field error is
 * collected so one 422 lists them all, keyed like `order_products.0.amount`. The result is a plan:
 * the priced lines and, for recurring orders, the initial amount and the payment schedule.
 */
import { INTERVAL_UNITS, type OrderType } from '../../../nodes/BillPro/shared/api';
import { MESSAGES, ORDER_MESSAGES, ORDER_RULES } from '../../config';
import {
	DAY_MS,
	addInterval,
	formatDayMonthYear,
	isWithinYear,
	parseDayMonthYear,
	startOfUtcDay,
} from '../../dates';
import { ErrorCollector, isJsonObject, unprocessable, type JsonObject } from '../../http';
import {
	cents,
	formatCents,
	includedTax,
	parseAmount,
	percentOf,
	sum,
	type Cents,
} from '../../money';
import type { SandboxStore } from '../../store';
import type { Product, ScheduledUnit, StoredCustomer } from '../../types';
import { checkString, isHttpUrl } from '../../validation';

export interface PricedLine {
	product: Product;
	qty: number;
	/** Unit price. */
	amount: Cents;
	/** Whole line. */
	discount: Cents;
	/** Whole line. */
	fee: Cents;
	/** Included in amount x qty - discount. */
	tax: Cents;
}

export interface OrderPlan {
	customer: StoredCustomer;
	currency: string;
	invoiceId: string | null;
	description: string | null;
	createCheckout: boolean;
	createRegistration: boolean;
	redirectUrl: string | null;
	failedRedirectUrl: string | null;
	lines: PricedLine[];
	/** Sum of amount x qty - discount + fee over the lines. */
	total: Cents;
	/** Null for single payments. */
	initial: Cents | null;
	/** Per-payment amount of a recurring order; null for single payments and metered orders. */
	monthly: Cents | null;
	splitNumber: number | null;
	interval: number | null;
	unit: ScheduledUnit | null;
	/** DD/MM/YYYY as sent or defaulted; null without a schedule. */
	startDate: string | null;
	/** The payments to schedule now. */
	payments: { at: number; amount: Cents }[];
}

/** The fields each recurring type reads; lock_payment_config forbids sending any of them. */
const SCHEDULE_FIELDS: Readonly<Record<OrderType, readonly string[]>> = {
	single_payment: [],
	instalment: [
		'initial_amount',
		'split_number',
		'scheduled_interval',
		'scheduled_unit',
		'start_date',
	],
	subscription: ['initial_amount', 'scheduled_interval', 'scheduled_unit', 'start_date'],
	metered: ['initial_amount'],
};

const PRICE_FIELDS = ['amount', 'discount_amount', 'fee_amount'] as const;

/** Absent and null both mean "not sent". */
export function isSent(value: unknown): boolean {
	return value !== undefined && value !== null;
}

/** The body's `order` object; anything else is 422 {"order":["is required"]}. */
export function orderPayload(body: unknown): JsonObject {
	const order = isJsonObject(body) ? body.order : undefined;
	if (!isJsonObject(order)) throw unprocessable('order', MESSAGES.required);
	return order;
}

/** A system id sent as a positive integer or a string of digits; undefined otherwise. */
export function readId(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
	if (typeof value === 'string' && /^\d+$/.test(value) && Number(value) > 0) return Number(value);
	return undefined;
}

/** An integer sent as a number or a string ("3", as in BillPro's Postman example), Rails' messages. */
export function readInteger(
	errors: ErrorCollector,
	field: string,
	value: unknown,
	minimum: number,
	maximum: number,
): number | undefined {
	let number: number | undefined;
	if (typeof value === 'number' && Number.isFinite(value)) number = value;
	else if (typeof value === 'string' && /^-?\d+(?:\.\d+)?$/.test(value)) number = Number(value);
	if (number === undefined) errors.add(field, ORDER_MESSAGES.notANumber);
	else if (!Number.isInteger(number)) errors.add(field, ORDER_MESSAGES.notAnInteger);
	else if (number < minimum) errors.add(field, ORDER_MESSAGES.atLeast(minimum));
	else if (number > maximum) errors.add(field, ORDER_MESSAGES.atMost(maximum));
	else return number;
	return undefined;
}

export function readAmount(
	errors: ErrorCollector,
	field: string,
	value: unknown,
): Cents | undefined {
	const amount = parseAmount(value);
	if (amount === undefined) errors.add(field, ORDER_MESSAGES.invalidAmount);
	return amount;
}

export function readUnit(
	errors: ErrorCollector,
	field: string,
	value: unknown,
): ScheduledUnit | undefined {
	if (typeof value === 'string' && (INTERVAL_UNITS as readonly string[]).includes(value))
		return value as ScheduledUnit;
	errors.add(field, ORDER_MESSAGES.badUnit);
	return undefined;
}

function readBoolean(errors: ErrorCollector, field: string, value: unknown): boolean {
	if (!isSent(value)) return false;
	if (typeof value === 'boolean') return value;
	errors.add(field, ORDER_MESSAGES.notBoolean);
	return false;
}

function readUrl(errors: ErrorCollector, field: string, value: unknown): string | null {
	const url = checkString(errors, field, value, false);
	if (url !== null && !isHttpUrl(url)) errors.add(field, MESSAGES.invalid);
	return url;
}

export function validateOrder(
	store: SandboxStore,
	profileId: number,
	type: OrderType,
	body: unknown,
	nowMs: number,
): OrderPlan {
	const raw = orderPayload(body);
	const errors = new ErrorCollector();

	const customer = readCustomer(errors, store, profileId, raw.customer_id);
	const currency = checkString(errors, 'currency', raw.currency, true);
	if (currency !== null && !/^[A-Z]{3}$/.test(currency))
		errors.add('currency', ORDER_MESSAGES.badCurrency);
	const invoiceId = checkString(errors, 'invoice_id', raw.invoice_id, false);
	const description = checkString(errors, 'note', raw.note, false);
	const createCheckout = readBoolean(errors, 'create_checkout', raw.create_checkout);
	const createRegistration = readBoolean(errors, 'create_registration', raw.create_registration);
	const redirectUrl = readUrl(errors, 'redirect_url', raw.redirect_url);
	const failedRedirectUrl = readUrl(errors, 'failed_redirect_url', raw.failed_redirect_url);

	const found: Product[] = [];
	const lines = readLines(errors, store, profileId, type, raw.order_products, found);
	if (currency !== null && !errors.has('currency')) {
		const others = new Set(found.map((product) => product.currency).filter((c) => c !== currency));
		for (const other of others) errors.add('currency', ORDER_MESSAGES.currencyMismatch(other));
	}

	// Recurring fields: the product's lock first, then each field's format.
	const [only] = found;
	const product =
		type !== 'single_payment' && lines.length === 1 && only?.product_type === type
			? only
			: undefined;
	const sent: JsonObject = {};
	for (const field of SCHEDULE_FIELDS[type]) {
		if (!isSent(raw[field])) continue;
		if (product?.lock_payment_config) errors.add(field, ORDER_MESSAGES.configLocked);
		else sent[field] = raw[field];
	}
	const initialSent = isSent(sent.initial_amount)
		? readAmount(errors, 'initial_amount', sent.initial_amount)
		: undefined;
	const splitSent = isSent(sent.split_number)
		? readInteger(errors, 'split_number', sent.split_number, 2, ORDER_RULES.maxSplitNumber)
		: undefined;
	const intervalSent = isSent(sent.scheduled_interval)
		? readInteger(errors, 'scheduled_interval', sent.scheduled_interval, 1, ORDER_RULES.maxInteger)
		: undefined;
	const unitSent = isSent(sent.scheduled_unit)
		? readUnit(errors, 'scheduled_unit', sent.scheduled_unit)
		: undefined;
	const todayMs = startOfUtcDay(nowMs);
	let startSent: number | undefined;
	if (isSent(sent.start_date)) {
		startSent =
			typeof sent.start_date === 'string' ? parseDayMonthYear(sent.start_date) : undefined;
		if (startSent === undefined) errors.add('start_date', ORDER_MESSAGES.badDate);
		else if (startSent < todayMs) {
			errors.add('start_date', ORDER_MESSAGES.dateInPast);
			startSent = undefined;
		}
	}
	errors.throwIfAny();

	// Every field is valid on its own: price the order and build its schedule.
	const priced = lines as PricedLine[];
	const total = sum(
		priced.map((line) => BigInt(line.qty) * line.amount - line.discount + line.fee),
	);
	const plan: OrderPlan = {
		customer: customer!,
		currency: currency!,
		invoiceId,
		description,
		createCheckout,
		createRegistration,
		redirectUrl,
		failedRedirectUrl,
		lines: priced,
		total,
		initial: null,
		monthly: null,
		splitNumber: null,
		interval: null,
		unit: null,
		startDate: null,
		payments: [],
	};
	if (type === 'single_payment') return plan;

	const [line] = priced;
	if (type === 'metered') {
		plan.initial = initialSent ?? cents(line.product.deposit_amount);
		return plan;
	}

	const interval = intervalSent ?? Number(line.product.scheduled_interval ?? 1);
	const unit = unitSent ?? line.product.scheduled_unit ?? 'MONTH';
	const startDay = startSent ?? addInterval(todayMs, interval, unit);
	const startMs = startDay + ORDER_RULES.collectionHourUtc * (DAY_MS / 24);
	Object.assign(plan, { interval, unit, startDate: formatDayMonthYear(startDay) });
	const dateField = startSent === undefined ? 'scheduled_interval' : 'start_date';

	if (type === 'subscription') {
		const gross = BigInt(line.qty) * line.amount;
		plan.initial = initialSent ?? gross - line.discount + line.fee;
		// The product's "for the initial payment only" options [V] leave them out of later cycles.
		plan.monthly =
			gross -
			(line.product.discount_for_initial_payment_only ? 0n : line.discount) +
			(line.product.fee_for_initial_payment_only ? 0n : line.fee);
		plan.payments = [{ at: startMs, amount: plan.monthly }];
	} else {
		const initial = initialSent ?? cents(line.product.deposit_amount);
		const split = splitSent ?? ORDER_RULES.defaultSplitNumber;
		plan.initial = initial;
		plan.splitNumber = split;
		if (initial >= total) {
			errors.add('initial_amount', ORDER_MESSAGES.initialTooLarge(formatCents(total)));
			errors.throwIfAny();
		}
		const remainder = total - initial;
		const each = remainder / BigInt(split);
		if (each < 1n) errors.add('split_number', ORDER_MESSAGES.splitTooLarge);
		plan.monthly = each;
		// Equal instalments; the last one takes the rounding remainder.
		plan.payments = Array.from({ length: split }, (_, index) => ({
			at: addInterval(startMs, index * interval, unit),
			amount: index === split - 1 ? remainder - each * BigInt(split - 1) : each,
		}));
	}
	if (plan.payments.some((payment) => !isWithinYear(payment.at, ORDER_RULES.lastScheduleYear)))
		errors.add(dateField, ORDER_MESSAGES.scheduleTooLate);
	errors.throwIfAny();
	return plan;
}

function readCustomer(
	errors: ErrorCollector,
	store: SandboxStore,
	profileId: number,
	value: unknown,
): StoredCustomer | undefined {
	if (!isSent(value) || value === '') {
		errors.add('customer_id', MESSAGES.blank);
		return undefined;
	}
	const id = readId(value);
	const customer = id === undefined ? undefined : store.customer(profileId, id);
	if (!customer) errors.add('customer_id', MESSAGES.notFound);
	else if (customer.status !== 'active') errors.add('customer_id', ORDER_MESSAGES.customerInactive);
	else return customer;
	return undefined;
}

/**
 * One entry per order_products item: its priced line, or undefined when it has an error. Every
 * product that exists in the profile is also pushed to `found` (for the currency rule).
 */
function readLines(
	errors: ErrorCollector,
	store: SandboxStore,
	profileId: number,
	type: OrderType,
	value: unknown,
	found: Product[],
): (PricedLine | undefined)[] {
	if (!isSent(value)) {
		errors.add('order_products', MESSAGES.blank);
		return [];
	}
	if (!Array.isArray(value)) {
		errors.add('order_products', MESSAGES.invalid);
		return [];
	}
	if (value.length === 0) errors.add('order_products', MESSAGES.blank);
	else if (type !== 'single_payment' && value.length > 1)
		errors.add('order_products', ORDER_MESSAGES.exactlyOneProduct(type));
	return value.map((item, index) =>
		readLine(errors, store, profileId, type, item, `order_products.${index}`, found),
	);
}

function readLine(
	errors: ErrorCollector,
	store: SandboxStore,
	profileId: number,
	type: OrderType,
	item: unknown,
	prefix: string,
	found: Product[],
): PricedLine | undefined {
	if (!isJsonObject(item)) {
		errors.add(prefix, MESSAGES.invalid);
		return undefined;
	}
	let failed = false;
	const fail = (field: string, message: string) => {
		errors.add(`${prefix}.${field}`, message);
		failed = true;
	};

	let product: Product | undefined;
	if (!isSent(item.product_id) || item.product_id === '') fail('product_id', MESSAGES.blank);
	else {
		const id = readId(item.product_id);
		product = id === undefined ? undefined : store.product(profileId, id);
		if (product) found.push(product);
		if (!product) fail('product_id', MESSAGES.notFound);
		else if (product.product_status !== 'active')
			fail('product_id', ORDER_MESSAGES.productInactive);
		else if (product.product_type !== type)
			fail('product_id', ORDER_MESSAGES.wrongProductType(product.product_type));
	}

	let qty = 1;
	if (isSent(item.qty)) {
		const read = readInteger(errors, `${prefix}.qty`, item.qty, 1, ORDER_RULES.maxInteger);
		if (read === undefined) failed = true;
		else qty = read;
	}

	const sentPrices: Partial<Record<(typeof PRICE_FIELDS)[number], Cents>> = {};
	for (const field of PRICE_FIELDS) {
		if (!isSent(item[field])) continue;
		if (product?.lock_price) {
			fail(field, ORDER_MESSAGES.priceLocked);
			continue;
		}
		const amount = parseAmount(item[field]);
		if (amount === undefined) fail(field, ORDER_MESSAGES.invalidAmount);
		else sentPrices[field] = amount;
	}
	if (failed || !product) return undefined;

	// Defaults: the product's price, its discount percentage of the line, no fee.
	const amount = sentPrices.amount ?? cents(product.price);
	const gross = BigInt(qty) * amount;
	const discount =
		sentPrices.discount_amount ??
		(product.discount ? percentOf(gross, product.discount.percentage) : 0n);
	if (discount > gross) {
		fail('discount_amount', ORDER_MESSAGES.discountTooLarge(formatCents(gross)));
		return undefined;
	}
	const fee = sentPrices.fee_amount ?? 0n;
	const tax = product.tax ? includedTax(gross - discount, product.tax.percentage) : 0n;
	return { product, qty, amount, discount, fee, tax };
}
