import type { IDataObject } from 'n8n-workflow';
import { FIELD } from '../../../nodes/BillPro/shared/api';
import type { Sandbox } from '../../../sandbox';
import { asAiTool, runBillPro } from '../../harness/workflow';
import { byId, createOrder, newCustomer, productOf } from '../orderFixtures';
import { useSandbox } from '../sandboxFixture';

const LARGEST_EXACT = String(Number.MAX_SAFE_INTEGER);
const JUST_PAST_EXACT = '9007199254740993';

/** A single-payment order for customer 1 and a seeded product, with `change` applied. */
function orderWith(sandbox: Sandbox, change: IDataObject): IDataObject {
	const product = productOf(sandbox, 'single_payment');
	return {
		resource: 'order',
		operation: 'create',
		orderType: 'single_payment',
		customer: byId(1),
		currency: product.currency,
		products: { product: [{ productId: String(product.id), quantity: 1 }] },
		...change,
	};
}

const unexactIdCases: Array<[string, IDataObject, string]> = [
	['a Customer ID one past 2^53', { customer: byId(JUST_PAST_EXACT) }, 'Customer'],
	['a Customer ID of 400 digits', { customer: byId('9'.repeat(400)) }, 'Customer'],
	[
		'a Customer ID an expression gives as a number past 2^53',
		{ customer: byId('={{ 2 ** 53 }}') },
		'Customer',
	],
	[
		'a Product ID one past 2^53',
		{ products: { product: [{ productId: JUST_PAST_EXACT, quantity: 1 }] } },
		'Products › 1 › Product ID',
	],
	[
		"a subscription's Product ID of 400 digits",
		{ orderType: 'subscription', product: byId('7'.repeat(400)) },
		'Product',
	],
];

const tooLargeFor = (field: string) =>
	new RegExp(`^'${field}' is too large for a BillPro ID \\(at most 9007199254740991\\)`);

const largestExactIds: IDataObject = {
	customer: byId(LARGEST_EXACT),
	currency: 'GBP',
	products: { product: [{ productId: LARGEST_EXACT, quantity: 1 }] },
};

const largestExactBody = {
	order: {
		customer_id: Number.MAX_SAFE_INTEGER,
		currency: 'GBP',
		order_products: [{ product_id: Number.MAX_SAFE_INTEGER, qty: 1 }],
	},
};

describe('Creating orders', () => {
	const billPro = useSandbox();

	it.each([
		['single_payment', '/api/v1/orders/create_single_order'],
		['instalment', '/api/v1/orders/create_instalment_order'],
		['subscription', '/api/v1/orders/create_subscription_order'],
		['metered', '/api/v1/orders/create_metered_order'],
	] as const)(
		'creates a %s order at its own endpoint, pending with a payment link',
		async (type, path) => {
			const credentials = billPro.singleProfile();
			const customer = await newCustomer(credentials);
			const product = productOf(billPro.sandbox, type);
			const { items, error } = await runBillPro({
				credentials,
				parameters: createOrder(customer, type, [product]),
			});
			expect(error).toBeUndefined();
			const [order] = items;
			expect(order.json).toMatchObject({
				order_type: type,
				status: 'pending',
				customer_id: customer.id,
			});
			expect(order.json[FIELD.paymentLink]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pay\//);
			const sent = billPro.requests().at(-1);
			expect(sent?.path).toBe(path);
			expect(sent?.body).toEqual({
				order: {
					customer_id: customer.id,
					currency: product.currency,
					order_products:
						type === 'single_payment'
							? [{ product_id: product.id, qty: 1 }]
							: [{ product_id: product.id }],
				},
			});
		},
	);

	it('creates a single-payment order for several products with price overrides, amounts as typed', async () => {
		const credentials = billPro.singleProfile();
		const customer = await newCustomer(credentials);
		const products = billPro.sandbox.store
			.products(1)
			.filter(
				(product) =>
					product.product_type === 'single_payment' &&
					product.product_status === 'active' &&
					!product.lock_price &&
					product.currency === 'GBP',
			)
			.slice(0, 2);
		expect(products).toHaveLength(2);
		const { items, error } = await runBillPro({
			credentials,
			items: [{ price: 20 }],
			parameters: {
				...createOrder(customer, 'single_payment', products),
				products: {
					product: [
						{
							productId: String(products[0].id),
							quantity: 2,
							amount: '20.00',
							discountAmount: '10',
						},
						{
							productId: String(products[1].id),
							quantity: 1,
							amount: '={{ $json.price }}',
							feeAmount: '0',
						},
					],
				},
				additionalFields: { invoiceId: 'W58XGHF', note: 'This is a test order' },
			},
		});
		expect(error).toBeUndefined();
		expect(billPro.requests().at(-1)?.body).toEqual({
			order: {
				customer_id: customer.id,
				currency: 'GBP',
				invoice_id: 'W58XGHF',
				note: 'This is a test order',
				order_products: [
					{ product_id: products[0].id, qty: 2, amount: '20.00', discount_amount: '10' },
					{ product_id: products[1].id, qty: 1, amount: 20, fee_amount: '0' },
				],
			},
		});
		expect(items[0].json).toMatchObject({
			invoice_id: 'W58XGHF',
			description: 'This is a test order',
		});
		expect(items[0].json.products).toHaveLength(2);
	});

	it('sends an instalment schedule with a YYYY-MM-DD start date converted', async () => {
		const credentials = billPro.singleProfile();
		const customer = await newCustomer(credentials);
		const product = productOf(billPro.sandbox, 'instalment');
		const start = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
		const { items, error } = await runBillPro({
			credentials,
			parameters: createOrder(customer, 'instalment', [product], {
				schedule: {
					initialAmount: 10,
					numberOfPayments: 3,
					interval: 1,
					intervalUnit: 'MONTH',
					startDate: start,
				},
			}),
		});
		expect(error).toBeUndefined();
		const [year, month, day] = start.split('-');
		expect(billPro.requests().at(-1)?.body).toMatchObject({
			order: {
				initial_amount: 10,
				split_number: 3,
				scheduled_interval: 1,
				scheduled_unit: 'MONTH',
				start_date: `${day}/${month}/${year}`,
			},
		});
		const payments = billPro.sandbox.store.scheduledPayments(1, items[0].json.id as number);
		expect(payments).toHaveLength(3);
	});

	it('gives a checkout ID when asked to create a checkout', async () => {
		const credentials = billPro.singleProfile();
		const customer = await newCustomer(credentials);
		const { items } = await runBillPro({
			credentials,
			parameters: createOrder(
				customer,
				'single_payment',
				[productOf(billPro.sandbox, 'single_payment')],
				{
					additionalFields: {
						createCheckout: true,
						createRegistration: true,
						redirectUrl: 'https://example.com/thanks',
						failedRedirectUrl: 'https://example.com/failed',
					},
				},
			),
		});
		expect(items[0].json[FIELD.checkoutId]).toEqual(expect.any(String));
	});

	it("explains that the product's type needs another order type", async () => {
		const credentials = billPro.singleProfile();
		const customer = await newCustomer(credentials);
		const subscription = productOf(billPro.sandbox, 'subscription');
		const { error } = await runBillPro({
			credentials,
			parameters: createOrder(customer, 'instalment', [subscription]),
		});
		expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '422' });
		expect(error?.message).toMatch(
			/^BillPro rejected 'Products › 1 › Product ID' .*create_subscription_order/,
		);
	});

	it('explains that a locked price cannot be overridden', async () => {
		const credentials = billPro.singleProfile();
		const customer = await newCustomer(credentials);
		const locked = productOf(billPro.sandbox, 'subscription', { locked: 'price' });
		const { error } = await runBillPro({
			credentials,
			parameters: createOrder(customer, 'subscription', [locked], {
				priceOverrides: { amount: '1.00' },
			}),
		});
		expect(error?.message).toMatch(/^BillPro rejected 'Products › 1 › Amount' cannot be changed/);
	});

	it('explains that an inactive customer gets no new orders', async () => {
		const credentials = billPro.singleProfile();
		const customer = await newCustomer(credentials);
		billPro.sandbox.store.setCustomerStatus(1, customer.id as number, 'inactive');
		const { error } = await runBillPro({
			credentials,
			parameters: createOrder(customer, 'single_payment', [
				productOf(billPro.sandbox, 'single_payment'),
			]),
		});
		expect(error?.message).toMatch(/^BillPro rejected 'Customer' is inactive/);
	});

	it('names the customer and product IDs BillPro does not know, and where the right ones are', async () => {
		const { error } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: orderWith(billPro.sandbox, {
				customer: byId('987654'),
				products: { product: [{ productId: '987655', quantity: 1 }] },
			}),
		});
		expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '422' });
		// The message holds the fix: an AI agent or an MCP client is shown nothing else.
		expect(error?.message).toBe(
			"BillPro rejected 'Customer' not found; 'Products › 1 › Product ID' not found. Check the IDs. Use the customer's 'id', a whole number, from the answer of Get many customers or Get a customer (not its merchant 'customer_id'). Use the product's 'id', a whole number, from the answer of Get many products or Get a product (not its merchant 'product_id').",
		);
		expect(billPro.requests().map((request) => request.status)).toEqual([422]);
	});

	it.each([
		['Currency', { currency: 'gbp' }, /^'Currency' must be a three-letter ISO 4217 currency code/],
		[
			'Amount',
			{ priceOverrides: { amount: '-5' } },
			/^'Price Overrides › Amount' must be an amount/,
		],
		[
			'Amount (text)',
			{ priceOverrides: { amount: 'twenty' } },
			/^'Price Overrides › Amount' must be an amount/,
		],
		[
			'Amount (3 decimals)',
			{ priceOverrides: { amount: 1.005 } },
			/^'Price Overrides › Amount' must be an amount/,
		],
		['Product', { product: byId('={{ "E2824181D8" }}') }, /^'Product' must be a BillPro ID/],
		[
			'Start Date',
			{ schedule: { startDate: '2026-13-01' } },
			/^'Payment Schedule › Start Date' is not a date/,
		],
		[
			'Redirect URL',
			{ additionalFields: { redirectUrl: 'ftp://example.com' } },
			/^'Redirect URL' must be an http\(s\) URL/,
		],
	])('refuses an invalid %s before sending anything', async (_field, change, message) => {
		const credentials = billPro.singleProfile();
		const customer = await newCustomer(credentials);
		billPro.sandbox.store.resetRequests();
		const { error } = await runBillPro({
			credentials,
			parameters: {
				...createOrder(customer, 'subscription', [productOf(billPro.sandbox, 'subscription')]),
				...change,
			},
		});
		expect(error?.message).toMatch(message);
		expect(billPro.requests()).toHaveLength(0);
	});

	it('refuses a zero quantity before sending anything', async () => {
		const credentials = billPro.singleProfile();
		const customer = await newCustomer(credentials);
		billPro.sandbox.store.resetRequests();
		const product = productOf(billPro.sandbox, 'single_payment');
		const { error } = await runBillPro({
			credentials,
			parameters: {
				...createOrder(customer, 'single_payment', [product]),
				products: { product: [{ productId: String(product.id), quantity: '={{ 0 }}' }] },
			},
		});
		expect(error?.message).toMatch(
			/^'Products › 1 › Quantity' must be a whole number of at least 1/,
		);
		expect(billPro.requests()).toHaveLength(0);
	});

	it.each(unexactIdCases)(
		'refuses %s before sending anything: a JSON number cannot carry it exactly',
		async (_what, change, field) => {
			const { error } = await runBillPro({
				credentials: billPro.singleProfile(),
				parameters: orderWith(billPro.sandbox, change),
			});
			expect(error?.message).toMatch(tooLargeFor(field));
			expect(billPro.requests()).toHaveLength(0);
		},
	);

	it('sends the largest exact customer and product IDs as given', async () => {
		await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: orderWith(billPro.sandbox, largestExactIds),
		});
		expect(billPro.requests().map((request) => request.body)).toEqual([largestExactBody]);
	});
});

describe('Creating orders as an AI tool, where n8n runs the routing instead of the custom operation', () => {
	const billPro = useSandbox();
	const types = ['single_payment', 'instalment', 'subscription', 'metered'] as const;
	const createEach = async () => {
		billPro.sandbox.store.reset();
		const credentials = billPro.singleProfile();
		const customer = await newCustomer(credentials, 'tool.buyer@example.com');
		const runs = [];
		for (const type of types) {
			const product = productOf(billPro.sandbox, type);
			// The last one asks for a currency the product is not sold in: BillPro refuses it.
			const currency = type === 'metered' ? { currency: 'JPY' } : {};
			const { items, error } = await runBillPro({
				credentials,
				continueOnFail: true,
				parameters: createOrder(customer, type, [product], currency),
			});
			runs.push({
				error,
				items: items.map((item) => [
					item.pairedItem,
					item.json.order_type,
					item.json.status,
					item.error?.message,
				]),
			});
		}
		return {
			runs,
			requests: billPro.requests().map((request) => [request.method, request.path, request.body]),
		};
	};

	it('sends the same requests and gives the same items, the refused one included', async () => {
		const custom = await createEach();
		expect(custom.runs.map((run) => run.items[0].slice(1))).toEqual([
			['single_payment', 'pending', undefined],
			['instalment', 'pending', undefined],
			['subscription', 'pending', undefined],
			[undefined, undefined, expect.stringMatching(/^BillPro rejected 'Currency'/)],
		]);
		expect(await asAiTool(createEach)).toEqual(custom);
	});

	it.each(unexactIdCases)('refuses %s, before sending anything', async (_what, change, field) => {
		const { error } = await asAiTool(() =>
			runBillPro({
				credentials: billPro.singleProfile(),
				parameters: orderWith(billPro.sandbox, change),
			}),
		);
		expect(error?.message).toMatch(tooLargeFor(field));
		expect(billPro.requests()).toHaveLength(0);
	});

	it('sends the largest exact customer and product IDs as given', async () => {
		await asAiTool(() =>
			runBillPro({
				credentials: billPro.singleProfile(),
				parameters: orderWith(billPro.sandbox, largestExactIds),
			}),
		);
		expect(billPro.requests().map((request) => request.body)).toEqual([largestExactBody]);
	});
});
