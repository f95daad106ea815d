import type { IDataObject } from 'n8n-workflow';
import { SINGLE_PROFILE_TOKEN, type Sandbox } from '../../sandbox';
import { placesContaining } from '../harness/secrets';
import { runBillPro } from '../harness/workflow';
import { byId, productOf } from './orderFixtures';
import { useSandbox } from './sandboxFixture';

/**
 * Bad input, across every operation. Input that is certainly invalid is refused before any
 * request (sent: 0); what only BillPro can judge (an unknown ID, a phone number for a country)
 * goes out once, unchanged, and BillPro's answer names the field (sent: 1).
 */
interface Case {
	what: string;
	parameters: (sandbox: Sandbox) => IDataObject;
	field: string;
	sent: 0 | 1;
	/** For sent: 1, the value that must reach BillPro exactly as entered. */
	sentBody?: (sandbox: Sandbox) => IDataObject;
}

const customer = (extra: IDataObject = {}) => ({
	resource: 'customer',
	operation: 'create',
	firstName: 'Zoë',
	lastName: 'Ñúñez',
	email: 'zoe@example.com',
	...extra,
});
const gb = { street: '1 High St', city: 'Bath', country: 'GB', postalCode: 'BA1 1AA' };
const withAddress = (address: IDataObject) => ({
	additionalFields: { billingAddress: { address } },
});

const order = (sandbox: Sandbox, extra: IDataObject = {}) => {
	const product = productOf(sandbox, 'subscription');
	return {
		resource: 'order',
		operation: 'create',
		orderType: 'subscription',
		customer: byId(1),
		currency: product.currency,
		product: byId(product.id),
		...extra,
	};
};
const singlePayment = (sandbox: Sandbox, line: IDataObject) => ({
	...order(sandbox),
	orderType: 'single_payment',
	products: {
		product: [{ productId: String(productOf(sandbox, 'single_payment').id), quantity: 1, ...line }],
	},
});
const payment = (operation: string, extra: IDataObject = {}) => ({
	resource: 'scheduledPayment',
	operation,
	orderId: '1',
	scheduledPayment: byId(1),
	...extra,
});
const expr = (code: string) => `={{ ${code} }}`;
const long = 'x'.repeat(300);

const CASES: Case[] = [
	// Customer → Create, refused before sending
	{
		what: 'empty first name',
		parameters: () => customer({ firstName: expr('""') }),
		field: 'First Name',
		sent: 0,
	},
	{
		what: 'blank first name',
		parameters: () => customer({ firstName: expr('"   "') }),
		field: 'First Name',
		sent: 0,
	},
	{
		what: 'last name as an object',
		parameters: () => customer({ lastName: expr('{ a: 1 }') }),
		field: 'Last Name',
		sent: 0,
	},
	{
		what: 'email without @',
		parameters: () => customer({ email: 'zoe.example.com' }),
		field: 'Email',
		sent: 0,
	},
	{
		what: 'email with a space',
		parameters: () => customer({ email: 'zoe @example.com' }),
		field: 'Email',
		sent: 0,
	},
	{
		what: 'email without a domain',
		parameters: () => customer({ email: 'zoe@localhost' }),
		field: 'Email',
		sent: 0,
	},
	{
		what: 'email as a number',
		parameters: () => customer({ email: expr('42') }),
		field: 'Email',
		sent: 0,
	},
	{
		what: 'date of birth 31/02',
		parameters: () => customer({ additionalFields: { dateOfBirth: '31/02/1990' } }),
		field: 'Date of Birth',
		sent: 0,
	},
	{
		what: 'date of birth with dashes',
		parameters: () => customer({ additionalFields: { dateOfBirth: '12-05-1995' } }),
		field: 'Date of Birth',
		sent: 0,
	},
	{
		what: 'date of birth as a number',
		parameters: () => customer({ additionalFields: { dateOfBirth: expr('19950512') } }),
		field: 'Date of Birth',
		sent: 0,
	},
	{
		what: 'lowercase country',
		parameters: () => customer(withAddress({ ...gb, country: 'gb' })),
		field: 'Billing Address › Country',
		sent: 0,
	},
	{
		what: 'three-letter country',
		parameters: () => customer(withAddress({ ...gb, country: 'GBR' })),
		field: 'Billing Address › Country',
		sent: 0,
	},
	{
		what: 'empty street',
		parameters: () => customer(withAddress({ ...gb, street: expr('""') })),
		field: 'Billing Address › Street',
		sent: 0,
	},
	{
		what: 'organisation without a name',
		parameters: () =>
			customer({
				additionalFields: { organisation: { details: { name: expr('""'), vat: 'GB1' } } },
			}),
		field: 'Organisation › Name',
		sent: 0,
	},
	{
		what: 'website that is not a URL',
		parameters: () =>
			customer({
				additionalFields: { organisation: { details: { name: 'Acme', webUrl: 'acme dot com' } } },
			}),
		field: 'Organisation › Website URL',
		sent: 0,
	},
	// Customer → Create, judged by BillPro
	{
		what: 'phone number too long for GB',
		parameters: () =>
			customer({ additionalFields: { phone: '+44770000000000', billingAddress: { address: gb } } }),
		field: 'Phone',
		sent: 1,
		sentBody: () => ({ customer: expect.objectContaining({ phone: '+44770000000000' }) }),
	},
	{
		what: 'phone in words',
		parameters: () => customer({ additionalFields: { phone: 'call me' } }),
		field: 'Phone',
		sent: 1,
	},
	{
		what: 'oversized first name',
		parameters: () => customer({ firstName: long }),
		field: 'First Name',
		sent: 1,
		sentBody: () => ({ customer: expect.objectContaining({ first_name: long }) }),
	},
	{
		what: 'date of birth in the future',
		parameters: () => customer({ additionalFields: { dateOfBirth: '01/01/2999' } }),
		field: 'Date of Birth',
		sent: 1,
	},
	{
		what: 'an email already taken',
		parameters: (sandbox) => customer({ email: sandbox.store.customers(1)[0].email }),
		field: 'Email',
		sent: 1,
	},
	// Customer → Get / Update / Get Many
	{
		what: 'customer ID in letters',
		parameters: () => ({ resource: 'customer', operation: 'get', customer: byId(expr('"abc"')) }),
		field: 'Customer',
		sent: 0,
	},
	{
		what: 'customer ID 0',
		parameters: () => ({ resource: 'customer', operation: 'get', customer: byId(expr('"0"')) }),
		field: 'Customer',
		sent: 0,
	},
	{
		what: 'customer ID that resolves to nothing',
		parameters: () => ({
			resource: 'customer',
			operation: 'get',
			customer: byId(expr('$json.nothing')),
		}),
		field: 'Customer',
		sent: 0,
	},
	{
		what: 'simplify as an object',
		parameters: () => ({
			resource: 'customer',
			operation: 'get',
			customer: byId(1),
			simplify: expr('{ a: 1 }'),
		}),
		field: 'Simplify',
		sent: 0,
	},
	{
		what: 'addresses handling that resolves to nothing (it must not replace the addresses)',
		parameters: () => ({
			resource: 'customer',
			operation: 'update',
			customer: byId(1),
			addressHandling: expr('$json.nothing'),
			updateFields: { firstName: 'Ann' },
		}),
		field: 'Addresses',
		sent: 0,
	},
	{
		what: 'negative customer ID',
		parameters: () => ({ resource: 'customer', operation: 'get', customer: byId(expr('-5')) }),
		field: 'Customer',
		sent: 0,
	},
	{
		what: 'unknown customer',
		parameters: () => ({ resource: 'customer', operation: 'get', customer: byId(999999) }),
		field: 'customer',
		sent: 1,
	},
	{
		what: 'update with nothing to update',
		parameters: () => ({ resource: 'customer', operation: 'update', customer: byId(1) }),
		field: 'Update Fields',
		sent: 0,
	},
	{
		what: 'update to an invalid email',
		parameters: () => ({
			resource: 'customer',
			operation: 'update',
			customer: byId(1),
			updateFields: { email: 'nope' },
		}),
		field: 'Email',
		sent: 0,
	},
	{
		what: 'limit of 0',
		parameters: () => ({ resource: 'customer', operation: 'getAll', limit: expr('0') }),
		field: 'Limit',
		sent: 0,
	},
	// Product → Get / Get Many
	{
		what: 'merchant product ID given as ID',
		parameters: () => ({
			resource: 'product',
			operation: 'get',
			product: byId(expr('"E2824181D8"')),
		}),
		field: 'Product',
		sent: 0,
	},
	{
		what: 'decimal product ID',
		parameters: () => ({ resource: 'product', operation: 'get', product: byId(expr('"1.5"')) }),
		field: 'Product',
		sent: 0,
	},
	{
		what: 'unknown product',
		parameters: () => ({ resource: 'product', operation: 'get', product: byId(999999) }),
		field: 'product',
		sent: 1,
	},
	{
		what: 'limit in words',
		parameters: () => ({ resource: 'product', operation: 'getAll', limit: expr('"ten"') }),
		field: 'Limit',
		sent: 0,
	},
	// Order → Create, refused before sending
	{
		what: 'lowercase currency',
		parameters: (s) => order(s, { currency: 'gbp' }),
		field: 'Currency',
		sent: 0,
	},
	{
		what: 'empty currency',
		parameters: (s) => order(s, { currency: expr('""') }),
		field: 'Currency',
		sent: 0,
	},
	{
		what: 'negative amount',
		parameters: (s) => order(s, { priceOverrides: { amount: '-1' } }),
		field: 'Price Overrides › Amount',
		sent: 0,
	},
	{
		what: 'amount in words',
		parameters: (s) => order(s, { priceOverrides: { amount: 'ten' } }),
		field: 'Price Overrides › Amount',
		sent: 0,
	},
	{
		what: 'amount with a comma',
		parameters: (s) => order(s, { priceOverrides: { discountAmount: '1,50' } }),
		field: 'Price Overrides › Discount Amount',
		sent: 0,
	},
	{
		what: 'amount with 3 decimals',
		parameters: (s) => order(s, { priceOverrides: { feeAmount: expr('1.005') } }),
		field: 'Price Overrides › Fee Amount',
		sent: 0,
	},
	{
		what: 'amount with a currency sign',
		parameters: (s) => singlePayment(s, { amount: '£20' }),
		field: 'Products › 1 › Amount',
		sent: 0,
	},
	{
		what: 'zero quantity',
		parameters: (s) => singlePayment(s, { quantity: expr('0') }),
		field: 'Products › 1 › Quantity',
		sent: 0,
	},
	{
		what: 'product ID in letters',
		parameters: (s) => singlePayment(s, { productId: 'seven' }),
		field: 'Products › 1 › Product ID',
		sent: 0,
	},
	{
		what: 'no products',
		parameters: (s) => ({ ...singlePayment(s, {}), products: {} }),
		field: 'Products',
		sent: 0,
	},
	{
		what: 'start date 32/01',
		parameters: (s) => order(s, { schedule: { startDate: '32/01/2030' } }),
		field: 'Payment Schedule › Start Date',
		sent: 0,
	},
	{
		what: 'interval 0',
		parameters: (s) => order(s, { schedule: { interval: expr('0') } }),
		field: 'Payment Schedule › Interval',
		sent: 0,
	},
	{
		what: 'one instalment',
		parameters: (s) => ({
			...order(s),
			orderType: 'instalment',
			product: byId(productOf(s, 'instalment').id),
			schedule: { numberOfPayments: expr('1') },
		}),
		field: 'Payment Schedule › Number of Payments',
		sent: 0,
	},
	{
		what: 'javascript: redirect URL',
		parameters: (s) => order(s, { additionalFields: { redirectUrl: 'javascript:alert(1)' } }),
		field: 'Redirect URL',
		sent: 0,
	},
	{
		what: 'create checkout as an object',
		parameters: (s) => order(s, { additionalFields: { createCheckout: expr('{ a: 1 }') } }),
		field: 'Create Checkout',
		sent: 0,
	},
	{
		what: 'empty customer',
		parameters: (s) => order(s, { customer: byId(expr('""')) }),
		field: 'Customer',
		sent: 0,
	},
	// Order → Create, judged by BillPro
	{
		what: 'product of another type',
		parameters: (s) => order(s, { product: byId(productOf(s, 'instalment').id) }),
		field: 'Products › 1 › Product ID',
		sent: 1,
	},
	{
		what: 'unknown customer for an order',
		parameters: (s) => order(s, { customer: byId(999999) }),
		field: 'Customer',
		sent: 1,
	},
	{
		what: "currency other than the product's",
		parameters: (s) => order(s, { currency: 'USD' }),
		field: 'Currency',
		sent: 1,
	},
	// Order → Get / Cancel / Pause / Resume, Checkout → Renew
	{
		what: 'order ID with letters',
		parameters: () => ({ resource: 'order', operation: 'get', orderId: 'ORD-1' }),
		field: 'Order ID',
		sent: 0,
	},
	{
		what: 'empty order ID',
		parameters: () => ({ resource: 'order', operation: 'cancel', orderId: expr('""') }),
		field: 'Order ID',
		sent: 0,
	},
	{
		what: 'unknown order',
		parameters: () => ({ resource: 'order', operation: 'pause', orderId: '999999' }),
		field: 'order',
		sent: 1,
	},
	{
		what: 'order ID as an object',
		parameters: () => ({ resource: 'checkout', operation: 'renew', orderId: expr('{ id: 1 }') }),
		field: 'Order ID',
		sent: 0,
	},
	// IDs past 2^53 name another record once read as a JSON number: refused, also in paths.
	{
		what: 'order ID past 2^53',
		parameters: () => ({ resource: 'order', operation: 'cancel', orderId: '9007199254740993' }),
		field: 'Order ID',
		sent: 0,
	},
	{
		what: 'customer ID of 400 digits',
		parameters: () => ({ resource: 'customer', operation: 'get', customer: byId('9'.repeat(400)) }),
		field: 'Customer',
		sent: 0,
	},
	{
		what: 'scheduled payment ID past 2^53',
		parameters: () => payment('skip', { scheduledPayment: byId('9007199254740993') }),
		field: 'Scheduled Payment',
		sent: 0,
	},
	// Scheduled Payment
	{
		what: 'reschedule to the past',
		parameters: () => payment('reschedule', { scheduledAt: '2020-01-01T00:00:00Z' }),
		field: 'Scheduled At',
		sent: 0,
	},
	{
		what: 'reschedule to words',
		parameters: () => payment('reschedule', { scheduledAt: expr('"next tuesday"') }),
		field: 'Scheduled At',
		sent: 0,
	},
	{
		what: 'empty new amount',
		parameters: () => payment('updateAmount', { amount: expr('""') }),
		field: 'Amount',
		sent: 0,
	},
	{
		what: 'interval of 0',
		parameters: () => payment('changeInterval', { interval: expr('0'), intervalUnit: 'WEEK' }),
		field: 'Interval',
		sent: 0,
	},
	{
		what: 'unknown interval unit',
		parameters: () => payment('changeInterval', { interval: 2, intervalUnit: expr('"FORTNIGHT"') }),
		field: 'Interval Unit',
		sent: 0,
	},
	{
		what: 'scheduled payment ID in letters',
		parameters: () => payment('skip', { scheduledPayment: byId(expr('"SP-1"')) }),
		field: 'Scheduled Payment',
		sent: 0,
	},
	{
		what: 'payments of an unknown order',
		parameters: () => ({ resource: 'scheduledPayment', operation: 'getAll', orderId: '999999' }),
		field: 'order',
		sent: 1,
	},
];

describe('Bad input, across every operation', () => {
	const billPro = useSandbox();

	it('covers at least 40 cases', () => {
		expect(CASES.length).toBeGreaterThanOrEqual(40);
	});

	it.each(CASES.map((entry) => [entry.what, entry] as const))('%s', async (_what, entry) => {
		const result = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: entry.parameters(billPro.sandbox),
		});
		const { error, items } = result;
		expect(placesContaining(SINGLE_PROFILE_TOKEN, result)).toEqual([]);
		expect(items.filter((item) => !item.json.error)).toEqual([]);
		expect(error?.message).toContain(entry.sent ? entry.field : `'${entry.field}'`);
		expect(error?.description).toBeTruthy();
		expect(error?.message).not.toMatch(/\[object Object\]|undefined/);
		const requests = billPro.requests();
		expect(requests).toHaveLength(entry.sent);
		if (entry.sent) {
			expect(requests[0].status).toBe(422);
			expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '422' });
		}
		if (entry.sentBody) expect(requests[0].body).toEqual(entry.sentBody(billPro.sandbox));
	});

	it('sends names in any script exactly as typed', async () => {
		const { items, error } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: customer({ firstName: 'Zoë 李', lastName: "Ñúñez-O'Brien 🙂" }),
		});
		expect(error).toBeUndefined();
		expect(billPro.requests()[0].body).toMatchObject({
			customer: { first_name: 'Zoë 李', last_name: "Ñúñez-O'Brien 🙂" },
		});
		expect(items[0].json).toMatchObject({ first_name: 'Zoë 李', last_name: "Ñúñez-O'Brien 🙂" });
	});
});
