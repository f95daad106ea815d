import { sandboxPerFile } from '../harness/sandboxPerFile';
import { ENDPOINTS, FIELD, ORDER_TYPES, endpointPath } from '../../nodes/BillPro/shared/api';
import type { OrderType } from '../../sandbox';
import { ddmmyyyy, multi, single } from './client';
import {
	CUSTOMER,
	DAY,
	NOT_FOUND,
	ORDER_KEYS,
	SEEDED,
	createOrder,
	created,
	daysFromToday,
	monthsFromToday,
	orderOf,
	product,
} from './orders';

const sandbox = sandboxPerFile();

const linkPattern = (id: number) =>
	new RegExp(`^${sandbox().url.replace(/\./g, '\\.')}/pay/${id}-[A-Z0-9]{10}$`);

describe('the seeded products these rules rely on', () => {
	it.each([
		[SEEDED.subscriptionLockedPrice, 'subscription', 'GBP', '44.99', true, false, 'active'],
		[SEEDED.singleGbp, 'single_payment', 'GBP', '53.99', false, false, 'active'],
		[SEEDED.instalmentGbp, 'instalment', 'GBP', '90.99', false, false, 'active'],
		[SEEDED.meteredInactive, 'metered', 'GBP', '127.99', true, false, 'inactive'],
		[SEEDED.subscriptionEur, 'subscription', 'EUR', '164.99', false, false, 'active'],
		[SEEDED.singleEurConfigLocked, 'single_payment', 'EUR', '5.99', false, true, 'active'],
		[SEEDED.instalmentLockedPrice, 'instalment', 'EUR', '42.99', true, false, 'active'],
		[SEEDED.meteredEur, 'metered', 'EUR', '79.99', false, false, 'active'],
		[SEEDED.singleLockedPrice, 'single_payment', 'USD', '153.99', true, false, 'active'],
		[SEEDED.singleGbp2, 'single_payment', 'GBP', '105.99', false, false, 'active'],
		[SEEDED.subscriptionWeekly, 'subscription', 'EUR', '20.99', false, false, 'active'],
		[SEEDED.singleInactive, 'single_payment', 'EUR', '57.99', false, false, 'inactive'],
		[SEEDED.subscriptionConfigLocked, 'subscription', 'USD', '168.99', false, true, 'active'],
		[SEEDED.meteredLockedPrice, 'metered', 'GBP', '35.99', true, false, 'active'],
		[SEEDED.meteredConfigLocked, 'metered', 'USD', '135.99', false, true, 'active'],
		[SEEDED.instalmentConfigLocked, 'instalment', 'GBP', '102.99', false, true, 'active'],
	] as const)('product %i: %s %s %s, lock_price %s, lock_payment_config %s, %s', (id, ...rest) => {
		const { product_type, currency, price, lock_price, lock_payment_config, product_status } =
			product(sandbox(), id);
		expect([
			product_type,
			currency,
			price,
			lock_price,
			lock_payment_config,
			product_status,
		]).toEqual(rest);
	});

	it('has the other profiles’ products and customers where the tests expect them', () => {
		expect(product(sandbox(), SEEDED.profile5Subscription, 5)).toMatchObject({
			product_type: 'subscription',
			currency: 'EUR',
			price: '12.99',
		});
		expect(product(sandbox(), SEEDED.profile5Single, 5).product_type).toBe('single_payment');
		expect(product(sandbox(), SEEDED.profile7Single, 7)).toMatchObject({
			product_type: 'single_payment',
			currency: 'GBP',
		});
		expect(sandbox().store.customer(1, CUSTOMER.inactiveBrendan)?.status).toBe('inactive');
		expect(sandbox().store.customer(5, CUSTOMER.marie5)?.status).toBe('active');
		expect(sandbox().store.customer(7, CUSTOMER.oliver7)?.status).toBe('active');
	});
});

describe('creating each order type at its own endpoint', () => {
	it.each([
		['single_payment', SEEDED.singleGbp, '/api/v1/orders/create_single_order'],
		['instalment', SEEDED.instalmentGbp, '/api/v1/orders/create_instalment_order'],
		['subscription', SEEDED.subscriptionEur, '/api/v1/orders/create_subscription_order'],
		['metered', SEEDED.meteredEur, '/api/v1/orders/create_metered_order'],
	] as const)('creates a pending %s order (product %i) at %s', async (type, productId, path) => {
		const body = { order: orderOf(sandbox(), productId) };
		const res = await single(sandbox()).post(`${sandbox().url}${path}`, body);
		expect(endpointPath(ORDER_TYPES[type])).toBe(path.replace('/api/v1', ''));
		expect(res.status).toBe(200);
		expect(Object.keys(res.data)).toEqual(ORDER_KEYS);
		expect(res.data).toMatchObject({
			id: 1,
			profile_id: 1,
			order_type: type,
			status: 'pending',
			customer_id: CUSTOMER.ada,
			profile_payment_method: 'ECOM',
			order_source: 2,
		});
		expect(res.data[FIELD.paymentLink]).toMatch(linkPattern(1));
		expect(res.data.created_at).toBe(res.data.updated_at);
		expect(sandbox().store.requests).toEqual([
			{
				method: 'POST',
				path,
				query: {},
				profileId: undefined,
				authorized: true,
				status: 200,
				body,
			},
		]);
		const got = await single(sandbox()).get(endpointPath('getOrder', res.data.id));
		expect(got.status).toBe(200);
		expect(got.data).toEqual(res.data);
		expect(sandbox().store.order(1, res.data.id)).toEqual(res.data);
	});

	it('answers the full single-payment order, several products, amounts as numbers and strings', async () => {
		const res = await createOrder(single(sandbox()), 'single_payment', {
			customer_id: CUSTOMER.ada,
			currency: 'GBP',
			invoice_id: 'W58XGHF',
			note: 'This is a test order',
			create_checkout: false,
			order_products: [
				{ product_id: SEEDED.singleGbp, qty: 2, amount: '20.00', discount_amount: '10' },
				{ product_id: SEEDED.singleGbp2, qty: 1, amount: 20, fee_amount: '1.5' },
			],
		});
		expect(res.status).toBe(200);
		expect(res.data).toEqual({
			id: 1,
			profile_id: 1,
			order_type: 'single_payment',
			status: 'pending',
			invoice_id: 'W58XGHF',
			customer_id: 1,
			currency: 'GBP',
			description: 'This is a test order',
			monthly_amount: null,
			scheduled_duration_unit: null,
			scheduled_duration_number: null,
			scheduled_interval: null,
			total_to_pay: '51.50',
			count_to_pay: 1,
			profile_payment_method: 'ECOM',
			order_source: 2,
			collect_initial_payment: true,
			total_installment_amount: null,
			total_discount_amount: '10.00',
			total_tax_amount: '8.33',
			total_fee_amount: '1.50',
			products: [
				{
					product_id: SEEDED.singleGbp,
					qty: 2,
					amount: '20.00',
					discount_amount: '10.00',
					fee_amount: '0.00',
					tax_amount: '5.00',
				},
				{
					product_id: SEEDED.singleGbp2,
					qty: 1,
					amount: '20.00',
					discount_amount: '0.00',
					fee_amount: '1.50',
					tax_amount: '3.33',
				},
			],
			payment_link: expect.stringMatching(linkPattern(1)),
			created_at: expect.any(String),
			updated_at: expect.any(String),
		});
		expect(sandbox().store.scheduledPayments(1, 1)).toEqual([]);
	});

	it('prices a line from the product when nothing is sent: price, its discount %, tax included', async () => {
		const locked = await created(
			single(sandbox()),
			'single_payment',
			orderOf(sandbox(), SEEDED.singleLockedPrice),
		);
		// 153.99 less 10% (15.40) = 138.59, the product's deposit_amount; no tax on this product.
		expect(locked.products).toEqual([
			{
				product_id: SEEDED.singleLockedPrice,
				qty: 1,
				amount: '153.99',
				discount_amount: '15.40',
				fee_amount: '0.00',
				tax_amount: '0.00',
			},
		]);
		expect(locked.total_to_pay).toBe(product(sandbox(), SEEDED.singleLockedPrice).deposit_amount);
		const plain = await created(
			single(sandbox()),
			'single_payment',
			orderOf(sandbox(), SEEDED.singleGbp),
		);
		// 20% VAT included in 53.99.
		expect(plain).toMatchObject({ total_to_pay: '53.99', total_tax_amount: '9.00' });
	});

	it('gives ids from one platform-wide counter and a link code per order', async () => {
		const first = await created(
			single(sandbox()),
			'single_payment',
			orderOf(sandbox(), SEEDED.singleGbp),
		);
		const fromFive = await created(multi(sandbox(), 5), 'single_payment', {
			customer_id: CUSTOMER.marie5,
			currency: 'EUR',
			order_products: [{ product_id: SEEDED.profile5Single }],
		});
		const third = await created(
			single(sandbox()),
			'single_payment',
			orderOf(sandbox(), SEEDED.singleGbp),
		);
		expect([first.id, fromFive.id, third.id]).toEqual([1, 2, 3]);
		expect(fromFive.profile_id).toBe(5);
		const links = [first, fromFive, third].map((order) => order[FIELD.paymentLink]);
		expect(new Set(links.map((link) => link.split('-').pop())).size).toBe(3);
	});

	it('adds checkout_id and checkout_expires_at (25 minutes later) only with create_checkout', async () => {
		const withCheckout = await created(
			single(sandbox()),
			'single_payment',
			orderOf(sandbox(), SEEDED.singleGbp, {
				create_checkout: true,
				create_registration: true,
				redirect_url: 'https://billing.example/success',
				failed_redirect_url: 'http://billing.example.com/failed',
			}),
		);
		expect(Object.keys(withCheckout)).toEqual([
			...ORDER_KEYS.slice(0, -2),
			FIELD.checkoutId,
			'checkout_expires_at',
			'created_at',
			'updated_at',
		]);
		expect(withCheckout[FIELD.checkoutId]).toMatch(/^[0-9A-F]{32}$/);
		expect(
			Date.parse(withCheckout.checkout_expires_at!) - Date.parse(withCheckout.created_at),
		).toBe(25 * 60_000);
		const without = await created(
			single(sandbox()),
			'single_payment',
			orderOf(sandbox(), SEEDED.singleGbp, { create_checkout: false }),
		);
		expect(without).not.toHaveProperty(FIELD.checkoutId);
		expect(without).not.toHaveProperty('checkout_expires_at');
	});

	it('accepts customer and product ids as digit strings, and null optional fields', async () => {
		const res = await createOrder(single(sandbox()), 'single_payment', {
			customer_id: '1',
			currency: 'GBP',
			invoice_id: null,
			note: null,
			create_checkout: null,
			order_products: [{ product_id: String(SEEDED.singleGbp), qty: '2', amount: null }],
		});
		expect(res.status).toBe(200);
		expect(res.data).toMatchObject({ customer_id: 1, invoice_id: null, description: null });
		expect(res.data.products[0]).toMatchObject({
			product_id: SEEDED.singleGbp,
			qty: 2,
			amount: '53.99',
		});
	});
});

describe('the order body', () => {
	it.each([
		['no body', undefined],
		['no order key', { customer_id: 1 }],
		['a string', { order: 'x' }],
		['an array', { order: [] }],
		['null', { order: null }],
	])('answers 422 {"order":["is required"]} for %s', async (_label, body) => {
		const res = await single(sandbox()).post(endpointPath('createSingleOrder'), body);
		expect(res.status).toBe(422);
		expect(res.data).toEqual({ order: ['is required'] });
	});

	it('lists every missing required field at once', async () => {
		const res = await createOrder(single(sandbox()), 'instalment', {});
		expect(res.status).toBe(422);
		expect(res.data).toEqual({
			customer_id: ["can't be blank"],
			currency: ["can't be blank"],
			order_products: ["can't be blank"],
		});
	});

	it('collects the errors of every field in one 422, with dotted keys', async () => {
		const res = await createOrder(single(sandbox()), 'instalment', {
			customer_id: CUSTOMER.inactiveBrendan,
			currency: 'EUR',
			invoice_id: 'x'.repeat(256),
			create_checkout: 'yes',
			redirect_url: 'ftp://example.com',
			order_products: [
				{ product_id: SEEDED.subscriptionLockedPrice, amount: 'x' },
				{ product_id: SEEDED.instalmentLockedPrice, qty: 0, amount: 3 },
			],
			split_number: 1,
			scheduled_unit: 'month',
			start_date: '01/01/2000',
		});
		expect(res.status).toBe(422);
		expect(res.data).toEqual({
			customer_id: ['is inactive: inactive customers cannot get new orders'],
			currency: ["must match the product's currency (GBP)"],
			invoice_id: ['is too long (maximum is 255 characters)'],
			create_checkout: ['must be true or false'],
			redirect_url: ['is invalid'],
			order_products: ['must contain exactly one product for an instalment order'],
			'order_products.0.product_id': [
				'is a subscription product: use the create_subscription_order endpoint',
			],
			'order_products.0.amount': ["cannot be changed: the product's price is locked"],
			'order_products.1.qty': ['must be greater than or equal to 1'],
			'order_products.1.amount': ["cannot be changed: the product's price is locked"],
			split_number: ['must be greater than or equal to 2'],
			scheduled_unit: ['is not one of DAY, WEEK, MONTH, YEAR'],
			start_date: ['must be today or later'],
		});
		expect(sandbox().store.orders(1)).toEqual([]);
	});

	it('stores nothing and uses no id when refused', async () => {
		await createOrder(single(sandbox()), 'single_payment', { customer_id: 999 });
		const ok = await created(
			single(sandbox()),
			'single_payment',
			orderOf(sandbox(), SEEDED.singleGbp),
		);
		expect(ok.id).toBe(1);
		expect(
			sandbox()
				.store.orders(1)
				.map((order) => order.id),
		).toEqual([1]);
	});

	it.each([
		['invoice_id', 'x'.repeat(256), 'is too long (maximum is 255 characters)'],
		['invoice_id', 12345, 'is invalid'],
		['note', 'x'.repeat(256), 'is too long (maximum is 255 characters)'],
		['create_registration', 'true', 'must be true or false'],
		['redirect_url', 'not a url', 'is invalid'],
		['failed_redirect_url', 'mailto:a@example.com', 'is invalid'],
		['currency', 'gbp', 'is not a valid ISO 4217 currency code'],
		['currency', 'POUNDS', 'is not a valid ISO 4217 currency code'],
	])('refuses %s %j: %s', async (field, value, message) => {
		const res = await createOrder(
			single(sandbox()),
			'single_payment',
			orderOf(sandbox(), SEEDED.singleGbp, { [field]: value }),
		);
		expect(res.status).toBe(422);
		expect(res.data).toEqual({ [field]: [message] });
	});
});

describe('customer rules', () => {
	it.each([
		['an unknown id', 999],
		["another profile's customer", CUSTOMER.marie5],
		['a merchant customer_id', 'ABCDEFGHIJ'],
		['zero', 0],
		['a decimal', 1.5],
	])('answers customer_id ["not found"] for %s', async (_label, customerId) => {
		const res = await createOrder(
			single(sandbox()),
			'single_payment',
			orderOf(sandbox(), SEEDED.singleGbp, { customer_id: customerId }),
		);
		expect(res.status).toBe(422);
		expect(res.data).toEqual({ customer_id: ['not found'] });
	});

	it('refuses an inactive customer, and accepts it again once reactivated', async () => {
		const body = orderOf(sandbox(), SEEDED.singleGbp, { customer_id: CUSTOMER.inactiveBrendan });
		const refused = await createOrder(single(sandbox()), 'single_payment', body);
		expect(refused.status).toBe(422);
		expect(refused.data).toEqual({
			customer_id: ['is inactive: inactive customers cannot get new orders'],
		});
		sandbox().store.setCustomerStatus(1, CUSTOMER.inactiveBrendan, 'active');
		expect((await createOrder(single(sandbox()), 'single_payment', body)).status).toBe(200);
		sandbox().store.setCustomerStatus(1, CUSTOMER.ada, 'inactive');
		const ada = await createOrder(
			single(sandbox()),
			'single_payment',
			orderOf(sandbox(), SEEDED.singleGbp),
		);
		expect(ada.data).toEqual({
			customer_id: ['is inactive: inactive customers cannot get new orders'],
		});
	});
});

describe('product rules', () => {
	it.each([
		['unknown', 999999, 'not found'],
		["another profile's", SEEDED.profile7Single, 'not found'],
		['a merchant product_id', 'E2824181D8', 'not found'],
		['inactive', SEEDED.singleInactive, 'is inactive'],
	])(
		'answers order_products.0.product_id for an %s product',
		async (_label, productId, message) => {
			const res = await createOrder(single(sandbox()), 'single_payment', {
				customer_id: CUSTOMER.ada,
				currency: 'EUR',
				order_products: [{ product_id: productId }],
			});
			expect(res.status).toBe(422);
			expect(res.data).toEqual({ 'order_products.0.product_id': [message] });
		},
	);

	it('refuses an inactive metered product', async () => {
		const res = await createOrder(
			single(sandbox()),
			'metered',
			orderOf(sandbox(), SEEDED.meteredInactive),
		);
		expect(res.data).toEqual({ 'order_products.0.product_id': ['is inactive'] });
	});

	it.each([
		[
			'single_payment',
			SEEDED.instalmentGbp,
			'is an instalment product: use the create_instalment_order endpoint',
		],
		[
			'instalment',
			SEEDED.subscriptionEur,
			'is a subscription product: use the create_subscription_order endpoint',
		],
		[
			'subscription',
			SEEDED.meteredEur,
			'is a metered product: use the create_metered_order endpoint',
		],
		[
			'metered',
			SEEDED.singleGbp,
			'is a single_payment product: use the create_single_order endpoint',
		],
	] as const)('the %s endpoint refuses product %i: "%s"', async (type, productId, message) => {
		const res = await createOrder(single(sandbox()), type, orderOf(sandbox(), productId));
		expect(res.status).toBe(422);
		expect(res.data).toEqual({ 'order_products.0.product_id': [message] });
		// The message names the path of the right endpoint in the table.
		const right = product(sandbox(), productId).product_type as OrderType;
		expect(message).toContain(ENDPOINTS[ORDER_TYPES[right]].path.split('/').pop());
	});

	it('takes several products only in a single-payment order', async () => {
		const three = await createOrder(single(sandbox()), 'single_payment', {
			customer_id: CUSTOMER.ada,
			currency: 'GBP',
			order_products: [
				{ product_id: SEEDED.singleGbp },
				{ product_id: SEEDED.singleGbp2 },
				{ product_id: SEEDED.singleGbp },
			],
		});
		expect(three.status).toBe(200);
		expect(three.data.products.map((line: { product_id: number }) => line.product_id)).toEqual([
			SEEDED.singleGbp,
			SEEDED.singleGbp2,
			SEEDED.singleGbp,
		]);
		for (const [type, productId, label] of [
			['instalment', SEEDED.instalmentGbp, 'an instalment'],
			['subscription', SEEDED.subscriptionEur, 'a subscription'],
			['metered', SEEDED.meteredEur, 'a metered'],
		] as const) {
			const two = await createOrder(single(sandbox()), type, {
				...orderOf(sandbox(), productId),
				order_products: [{ product_id: productId }, { product_id: productId }],
			});
			expect([type, two.status, two.data]).toEqual([
				type,
				422,
				{ order_products: [`must contain exactly one product for ${label} order`] },
			]);
		}
	});

	it.each([
		['an empty list', [], { order_products: ["can't be blank"] }],
		['an object', { product_id: 2 }, { order_products: ['is invalid'] }],
		['a non-object item', [2], { 'order_products.0': ['is invalid'] }],
		[
			'an item without product_id',
			[{ qty: 1 }],
			{ 'order_products.0.product_id': ["can't be blank"] },
		],
	])('refuses order_products as %s', async (_label, value, errors) => {
		const res = await createOrder(single(sandbox()), 'single_payment', {
			customer_id: CUSTOMER.ada,
			currency: 'GBP',
			order_products: value,
		});
		expect(res.status).toBe(422);
		expect(res.data).toEqual(errors);
	});

	it.each([
		[0, 'must be greater than or equal to 1'],
		[-1, 'must be greater than or equal to 1'],
		[1.5, 'must be an integer'],
		['1.5', 'must be an integer'],
		['two', 'is not a number'],
		[true, 'is not a number'],
		[2_147_483_648, 'must be less than or equal to 2147483647'],
	])('refuses qty %j: %s', async (qty, message) => {
		const res = await createOrder(single(sandbox()), 'single_payment', {
			customer_id: CUSTOMER.ada,
			currency: 'GBP',
			order_products: [{ product_id: SEEDED.singleGbp, qty }],
		});
		expect(res.data).toEqual({ 'order_products.0.qty': [message] });
	});
});

describe('lock_price and lock_payment_config', () => {
	it('refuses each price field sent for a lock_price product, by field', async () => {
		const res = await createOrder(single(sandbox()), 'subscription', {
			...orderOf(sandbox(), SEEDED.subscriptionLockedPrice),
			order_products: [
				{
					product_id: SEEDED.subscriptionLockedPrice,
					amount: '44.99',
					discount_amount: 0,
					fee_amount: '1.00',
				},
			],
		});
		expect(res.status).toBe(422);
		const locked = ["cannot be changed: the product's price is locked"];
		expect(res.data).toEqual({
			'order_products.0.amount': locked,
			'order_products.0.discount_amount': locked,
			'order_products.0.fee_amount': locked,
		});
	});

	it.each([
		['single_payment', SEEDED.singleLockedPrice, 'amount'],
		['instalment', SEEDED.instalmentLockedPrice, 'discount_amount'],
		['metered', SEEDED.meteredLockedPrice, 'fee_amount'],
	] as const)('refuses a %s lock_price product (%i) with %s', async (type, productId, field) => {
		const res = await createOrder(single(sandbox()), type, {
			...orderOf(sandbox(), productId),
			order_products: [{ product_id: productId, [field]: '1.00' }],
		});
		expect(res.data).toEqual({
			[`order_products.0.${field}`]: ["cannot be changed: the product's price is locked"],
		});
	});

	it('accepts a lock_price product when no price field is sent, and a qty', async () => {
		const res = await createOrder(single(sandbox()), 'instalment', {
			...orderOf(sandbox(), SEEDED.instalmentLockedPrice),
			order_products: [{ product_id: SEEDED.instalmentLockedPrice }],
		});
		expect(res.status).toBe(200);
		// 42.99 less 5% (2.15) = 40.84; 21% VAT included; deposit 10.21 and 3 x 10.21.
		expect(res.data).toMatchObject({
			total_installment_amount: '40.84',
			total_discount_amount: '2.15',
			total_tax_amount: '7.09',
			monthly_amount: '10.21',
			count_to_pay: 4,
		});
	});

	it('refuses every payment-configuration field sent for a lock_payment_config instalment product', async () => {
		const res = await createOrder(single(sandbox()), 'instalment', {
			...orderOf(sandbox(), SEEDED.instalmentConfigLocked),
			initial_amount: '10.00',
			split_number: 2,
			scheduled_interval: '1',
			scheduled_unit: 'MONTH',
			start_date: daysFromToday(3).date,
		});
		expect(res.status).toBe(422);
		const locked = ["cannot be changed: the product's payment configuration is locked"];
		expect(res.data).toEqual({
			initial_amount: locked,
			split_number: locked,
			scheduled_interval: locked,
			scheduled_unit: locked,
			start_date: locked,
		});
	});

	it.each([
		['subscription', SEEDED.subscriptionConfigLocked, 'scheduled_interval', 2],
		['subscription', SEEDED.subscriptionConfigLocked, 'start_date', daysFromToday(3).date],
		['metered', SEEDED.meteredConfigLocked, 'initial_amount', 0],
	] as const)(
		'refuses a %s lock_payment_config product (%i) with %s',
		async (type, productId, field, value) => {
			const res = await createOrder(
				single(sandbox()),
				type,
				orderOf(sandbox(), productId, { [field]: value }),
			);
			expect(res.data).toEqual({
				[field]: ["cannot be changed: the product's payment configuration is locked"],
			});
		},
	);

	it("uses the locked product's own configuration when nothing is sent", async () => {
		const order = await created(
			single(sandbox()),
			'instalment',
			orderOf(sandbox(), SEEDED.instalmentConfigLocked),
		);
		// 102.99 with a 25.75 deposit: 77.24 in 3 payments.
		expect(order).toMatchObject({
			total_installment_amount: '102.99',
			scheduled_duration_number: 3,
			scheduled_interval: 1,
			scheduled_duration_unit: 'MONTH',
			count_to_pay: 4,
		});
		expect(
			sandbox()
				.store.scheduledPayments(1, order.id)
				.map((p) => p.amount),
		).toEqual(['25.74', '25.74', '25.76']);
	});

	it('lets a single payment ignore lock_payment_config (no configuration to lock)', async () => {
		const res = await createOrder(
			single(sandbox()),
			'single_payment',
			orderOf(sandbox(), SEEDED.singleEurConfigLocked, { split_number: 3, start_date: 'junk' }),
		);
		expect(res.status).toBe(200);
	});
});

describe('currency', () => {
	it("must match the product's currency", async () => {
		const res = await createOrder(
			single(sandbox()),
			'single_payment',
			orderOf(sandbox(), SEEDED.singleGbp, { currency: 'EUR' }),
		);
		expect(res.status).toBe(422);
		expect(res.data).toEqual({ currency: ["must match the product's currency (GBP)"] });
	});

	it('must match every product of a single-payment order', async () => {
		const res = await createOrder(single(sandbox()), 'single_payment', {
			customer_id: CUSTOMER.ada,
			currency: 'GBP',
			order_products: [
				{ product_id: SEEDED.singleGbp },
				{ product_id: SEEDED.singleEurConfigLocked },
				{ product_id: SEEDED.singleLockedPrice },
			],
		});
		expect(res.data).toEqual({
			currency: [
				"must match the product's currency (EUR)",
				"must match the product's currency (USD)",
			],
		});
	});
});

describe('amounts: numbers or strings, >= 0, at most 2 decimals', () => {
	it.each([
		[20, '20.00'],
		['20', '20.00'],
		['20.5', '20.50'],
		[20.5, '20.50'],
		['0.00', '0.00'],
		[0, '0.00'],
		[10.1, '10.10'],
		['9999999999.99', '9999999999.99'],
	])('accepts amount %j as %s', async (amount, stored) => {
		const res = await createOrder(single(sandbox()), 'single_payment', {
			customer_id: CUSTOMER.ada,
			currency: 'GBP',
			order_products: [{ product_id: SEEDED.singleGbp, amount, discount_amount: 0 }],
		});
		expect(res.status).toBe(200);
		expect(res.data.products[0].amount).toBe(stored);
		expect(res.data.total_to_pay).toBe(stored);
	});

	it.each([
		-1,
		'-1',
		'20.005',
		1.005,
		'abc',
		'',
		'1,50',
		' 20',
		'20.',
		'.5',
		'1e3',
		1e21,
		true,
		{},
		[],
		'10000000000',
	])('refuses %j: is not a valid amount', async (amount) => {
		const res = await createOrder(single(sandbox()), 'single_payment', {
			customer_id: CUSTOMER.ada,
			currency: 'GBP',
			order_products: [
				{ product_id: SEEDED.singleGbp, amount, discount_amount: amount, fee_amount: amount },
			],
		});
		expect(res.status).toBe(422);
		expect(res.data).toEqual({
			'order_products.0.amount': ['is not a valid amount'],
			'order_products.0.discount_amount': ['is not a valid amount'],
			'order_products.0.fee_amount': ['is not a valid amount'],
		});
	});

	it('refuses a discount larger than amount x qty', async () => {
		const res = await createOrder(single(sandbox()), 'single_payment', {
			customer_id: CUSTOMER.ada,
			currency: 'GBP',
			order_products: [
				{ product_id: SEEDED.singleGbp, qty: 2, amount: '5', discount_amount: '10.01' },
			],
		});
		expect(res.data).toEqual({
			'order_products.0.discount_amount': [
				'must not be greater than the amount times the quantity (10.00)',
			],
		});
	});

	it('applies the amount rules to initial_amount too', async () => {
		const bad = await createOrder(
			single(sandbox()),
			'metered',
			orderOf(sandbox(), SEEDED.meteredEur, { initial_amount: '5.555' }),
		);
		expect(bad.data).toEqual({ initial_amount: ['is not a valid amount'] });
		const asNumber = await created(
			single(sandbox()),
			'metered',
			orderOf(sandbox(), SEEDED.meteredEur, { initial_amount: 5 }),
		);
		expect(asNumber.collect_initial_payment).toBe(true);
	});
});

describe('instalment orders', () => {
	it('schedules every payment at creation: split_number payments from start_date, every interval', async () => {
		const start = daysFromToday(5);
		const order = await created(
			single(sandbox()),
			'instalment',
			orderOf(sandbox(), SEEDED.instalmentGbp, {
				initial_amount: '10',
				split_number: '4',
				scheduled_interval: 2,
				scheduled_unit: 'WEEK',
				start_date: start.date,
			}),
		);
		// 90.99 - 10.00 = 80.99 in 4: 20.24 x 3 and 20.27 (the last takes the rounding).
		expect(order).toMatchObject({
			order_type: 'instalment',
			monthly_amount: '20.24',
			scheduled_duration_unit: 'WEEK',
			scheduled_duration_number: 4,
			scheduled_interval: 2,
			total_to_pay: '90.99',
			count_to_pay: 5,
			collect_initial_payment: true,
			total_installment_amount: '90.99',
		});
		const payments = sandbox().store.scheduledPayments(1, order.id);
		expect(payments.map((p) => [p.status, p.amount, p[FIELD.scheduledAt]])).toEqual(
			[0, 14, 28, 42].map((days, index) => [
				'scheduled',
				index === 3 ? '20.27' : '20.24',
				new Date(Date.parse(start.at) + days * DAY).toISOString(),
			]),
		);
		expect(payments.every((p) => p.currency === 'GBP' && p.scheduled_interval === 2)).toBe(true);
	});

	it('keeps the day of the month, clamped to short months', async () => {
		const year = new Date().getUTCFullYear() + 1;
		const order = await created(
			single(sandbox()),
			'instalment',
			orderOf(sandbox(), SEEDED.instalmentGbp, { start_date: `31/01/${year}`, split_number: 3 }),
		);
		const february = new Date(Date.UTC(year, 2, 0)).getUTCDate();
		expect(
			sandbox()
				.store.scheduledPayments(1, order.id)
				.map((p) => p[FIELD.scheduledAt]),
		).toEqual([
			`${year}-01-31T09:00:00.000Z`,
			`${year}-02-${february}T09:00:00.000Z`,
			`${year}-03-31T09:00:00.000Z`,
		]);
	});

	it('defaults from the product: its deposit, 3 payments, its interval, starting one interval after today', async () => {
		const order = await created(
			single(sandbox()),
			'instalment',
			orderOf(sandbox(), SEEDED.instalmentGbp),
		);
		expect(order).toMatchObject({
			monthly_amount: '22.74',
			scheduled_duration_number: 3,
			scheduled_interval: 1,
			scheduled_duration_unit: 'MONTH',
			count_to_pay: 4,
			total_to_pay: '90.99',
		});
		const payments = sandbox().store.scheduledPayments(1, order.id);
		expect(payments.map((p) => p.amount)).toEqual(['22.74', '22.74', '22.76']);
		expect(payments[0][FIELD.scheduledAt]).toBe(monthsFromToday(1));
	});

	it('accepts today as start_date, and no deposit (then nothing is collected up front)', async () => {
		const today = daysFromToday(0);
		const order = await created(
			single(sandbox()),
			'instalment',
			orderOf(sandbox(), SEEDED.instalmentGbp, { start_date: today.date, initial_amount: 0 }),
		);
		expect(order).toMatchObject({
			collect_initial_payment: false,
			count_to_pay: 3,
			total_to_pay: '90.99',
		});
		expect(sandbox().store.scheduledPayments(1, order.id)[0][FIELD.scheduledAt]).toBe(today.at);
	});

	it.each([
		['split_number', 1, 'must be greater than or equal to 2'],
		['split_number', '2.5', 'must be an integer'],
		['split_number', 361, 'must be less than or equal to 360'],
		['scheduled_interval', 0, 'must be greater than or equal to 1'],
		['scheduled_interval', 'x', 'is not a number'],
		['scheduled_unit', 'month', 'is not one of DAY, WEEK, MONTH, YEAR'],
		['scheduled_unit', 'FORTNIGHT', 'is not one of DAY, WEEK, MONTH, YEAR'],
		['start_date', '2030-01-01', 'is not a valid date (DD/MM/YYYY)'],
		['start_date', '31/02/2030', 'is not a valid date (DD/MM/YYYY)'],
		['start_date', 20300101, 'is not a valid date (DD/MM/YYYY)'],
		['start_date', ddmmyyyy(new Date(Date.now() - DAY)), 'must be today or later'],
		['initial_amount', '90.99', 'must be less than the order total (90.99)'],
		['initial_amount', '-1', 'is not a valid amount'],
	])('refuses %s %j: %s', async (field, value, message) => {
		const res = await createOrder(
			single(sandbox()),
			'instalment',
			orderOf(sandbox(), SEEDED.instalmentGbp, { [field]: value }),
		);
		expect(res.status).toBe(422);
		expect(res.data).toEqual({ [field]: [message] });
	});

	it('refuses a split that leaves instalments under 0.01, and a schedule past 9999', async () => {
		const tiny = await createOrder(
			single(sandbox()),
			'instalment',
			orderOf(sandbox(), SEEDED.instalmentGbp, { initial_amount: '90.98', split_number: 2 }),
		);
		expect(tiny.data).toEqual({ split_number: ['leaves instalments of less than 0.01'] });
		const late = await createOrder(
			single(sandbox()),
			'instalment',
			orderOf(sandbox(), SEEDED.instalmentGbp, {
				start_date: '01/06/9999',
				scheduled_unit: 'YEAR',
			}),
		);
		expect(late.data).toEqual({ start_date: ['puts a scheduled payment after the year 9999'] });
	});
});

describe('subscription orders', () => {
	it('schedules one cycle ahead: the first recurring payment at the default start (one interval on)', async () => {
		const order = await created(
			single(sandbox()),
			'subscription',
			orderOf(sandbox(), SEEDED.subscriptionLockedPrice),
		);
		// The guide's product: 5% discount and fee for the initial payment only, so cycles are 44.99.
		expect(order).toMatchObject({
			monthly_amount: '44.99',
			scheduled_interval: 1,
			scheduled_duration_unit: 'MONTH',
			scheduled_duration_number: null,
			total_to_pay: null,
			count_to_pay: null,
			total_installment_amount: null,
			collect_initial_payment: true,
			total_discount_amount: '2.25',
			total_tax_amount: '7.42',
		});
		const payments = sandbox().store.scheduledPayments(1, order.id);
		expect(payments).toEqual([
			{
				id: 1,
				order_id: order.id,
				status: 'scheduled',
				amount: '44.99',
				currency: 'GBP',
				[FIELD.scheduledAt]: monthsFromToday(1),
				scheduled_interval: 1,
				scheduled_duration_unit: 'MONTH',
				attempts: 0,
				created_at: order.created_at,
				updated_at: order.created_at,
			},
		]);
	});

	it('uses the yearly product interval by default', async () => {
		const order = await created(
			single(sandbox()),
			'subscription',
			orderOf(sandbox(), SEEDED.subscriptionEur),
		);
		expect(order).toMatchObject({ monthly_amount: '164.99', scheduled_duration_unit: 'YEAR' });
		expect(sandbox().store.scheduledPayments(1, order.id)[0][FIELD.scheduledAt]).toBe(
			monthsFromToday(12),
		);
	});

	it('takes a later start_date as a trial, an interval as a string, and a price override', async () => {
		const start = daysFromToday(30);
		const order = await created(single(sandbox()), 'subscription', {
			...orderOf(sandbox(), SEEDED.subscriptionWeekly),
			order_products: [{ product_id: SEEDED.subscriptionWeekly, qty: 2, amount: '15.50' }],
			initial_amount: '0',
			scheduled_interval: '2',
			scheduled_unit: 'WEEK',
			start_date: start.date,
		});
		expect(order).toMatchObject({
			monthly_amount: '31.00',
			scheduled_interval: 2,
			scheduled_duration_unit: 'WEEK',
			collect_initial_payment: false,
			total_tax_amount: '5.38',
		});
		expect(
			sandbox()
				.store.scheduledPayments(1, order.id)
				.map((p) => [p.amount, p[FIELD.scheduledAt]]),
		).toEqual([['31.00', start.at]]);
	});

	it('ignores split_number (not a subscription field)', async () => {
		const res = await createOrder(
			single(sandbox()),
			'subscription',
			orderOf(sandbox(), SEEDED.subscriptionEur, { split_number: 'junk' }),
		);
		expect(res.status).toBe(200);
		expect(res.data.scheduled_duration_number).toBeNull();
	});
});

describe('metered orders', () => {
	it('schedules nothing (payments are scheduled in the UI) and has no recurring amount', async () => {
		const order = await created(
			single(sandbox()),
			'metered',
			orderOf(sandbox(), SEEDED.meteredEur, { scheduled_interval: 'junk', start_date: 'junk' }),
		);
		expect(order).toMatchObject({
			order_type: 'metered',
			monthly_amount: null,
			scheduled_interval: null,
			scheduled_duration_unit: null,
			total_to_pay: null,
			count_to_pay: null,
			// The product's deposit is 0.00: only a card registration.
			collect_initial_payment: false,
			total_tax_amount: '13.88',
		});
		expect(sandbox().store.scheduledPayments(1, order.id)).toEqual([]);
	});
});

describe('orders are strictly scoped to their profile', () => {
	it("cannot see, create with or change another profile's records", async () => {
		const five = await created(multi(sandbox(), 5), 'subscription', {
			customer_id: CUSTOMER.marie5,
			currency: 'EUR',
			order_products: [{ product_id: SEEDED.profile5Subscription }],
		});
		expect(five.profile_id).toBe(5);
		for (const api of [multi(sandbox(), 7), single(sandbox())]) {
			for (const name of ['getOrder', 'listScheduledPayments'] as const) {
				const res = await api.get(endpointPath(name, five.id));
				expect([name, res.status, res.data]).toEqual([name, 422, NOT_FOUND]);
			}
		}
		const seven = await createOrder(multi(sandbox(), 7), 'subscription', {
			customer_id: CUSTOMER.marie5,
			currency: 'EUR',
			order_products: [{ product_id: SEEDED.profile5Subscription }],
		});
		expect(seven.data).toEqual({
			customer_id: ['not found'],
			'order_products.0.product_id': ['not found'],
		});
		expect(
			sandbox()
				.store.orders(5)
				.map((order) => order.id),
		).toEqual([five.id]);
		expect(sandbox().store.orders(7)).toEqual([]);
		expect(sandbox().store.orders(1)).toEqual([]);
		expect(sandbox().store.order(7, five.id)).toBeUndefined();
		expect(sandbox().store.scheduledPayments(7, five.id)).toEqual([]);
	});

	it('needs profile_id for the multi-profile token, like every endpoint', async () => {
		const res = await multi(sandbox(), '').post(endpointPath('createSingleOrder'), {
			order: orderOf(sandbox(), SEEDED.singleGbp),
		});
		expect(res.status).toBe(422);
		expect(Object.keys(res.data)).toEqual(['profile_id']);
	});
});
