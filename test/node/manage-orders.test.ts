import { FIELD } from '../../nodes/BillPro/shared/api';
import { runBillPro } from '../harness/workflow';
import { createOrder, newCustomer, productOf } from './orderFixtures';
import { useSandbox } from './sandboxFixture';

describe('Managing an order', () => {
	const billPro = useSandbox();

	async function pendingOrder(type: 'subscription' | 'single_payment' = 'subscription') {
		const credentials = billPro.singleProfile();
		const customer = await newCustomer(credentials);
		const { items, error } = await runBillPro({
			credentials,
			parameters: createOrder(customer, type, [productOf(billPro.sandbox, type)]),
		});
		if (error) throw error;
		billPro.sandbox.store.resetRequests();
		return String(items[0].json.id);
	}

	const operate = (operation: string, orderId: string, extra = {}) =>
		runBillPro({
			credentials: billPro.singleProfile(),
			parameters: { resource: 'order', operation, orderId, ...extra },
		});

	it('gets an order, simplified to 10 fields with its payment link', async () => {
		const orderId = await pendingOrder();
		const { items } = await operate('get', orderId);
		expect(Object.keys(items[0].json)).toHaveLength(10);
		expect(items[0].json).toMatchObject({ id: Number(orderId), status: 'pending' });
		expect(items[0].json[FIELD.paymentLink]).toEqual(expect.any(String));
		expect(billPro.requests()[0]).toMatchObject({
			method: 'GET',
			path: `/api/v1/orders/${orderId}`,
		});
	});

	it('gets the raw order when Simplify is off', async () => {
		const orderId = await pendingOrder();
		const { items } = await operate('get', orderId, { simplify: false });
		expect(items[0].json).toEqual(billPro.sandbox.store.order(1, Number(orderId)));
	});

	it('cancels a pending order, then explains it cannot be cancelled again', async () => {
		const orderId = await pendingOrder();
		const cancelled = await operate('cancel', orderId);
		expect(cancelled.items[0].json.status).toBe('cancelled');
		expect(billPro.requests()[0]).toMatchObject({
			method: 'PUT',
			path: `/api/v1/orders/${orderId}/cancel_order`,
		});

		const again = await operate('cancel', orderId);
		expect(again.error).toMatchObject({ name: 'NodeApiError', httpCode: '422' });
		expect(again.error?.message).toMatch(/^BillPro refused: the order .*cancelled/);
		expect(again.error?.description).toMatch(/current status/);
	});

	it('marks a live order complete when cancelled', async () => {
		const orderId = await pendingOrder();
		billPro.sandbox.store.processPayment(1, Number(orderId), 'approve');
		expect((await operate('cancel', orderId)).items[0].json.status).toBe('complete');
	});

	it('explains that only an active subscription can be paused', async () => {
		const pending = await pendingOrder();
		const { error } = await operate('pause', pending);
		expect(error?.message).toMatch(/^BillPro refused: the order .*pending/);

		const single = await pendingOrder('single_payment');
		expect((await operate('pause', single)).error?.message).toMatch(/subscription/);
	});

	it('explains that only a paused subscription can be resumed', async () => {
		const orderId = await pendingOrder();
		billPro.sandbox.store.processPayment(1, Number(orderId), 'approve');
		const { error } = await operate('resume', orderId);
		expect(error?.message).toMatch(/^BillPro refused: the order .*active/);
	});

	it('says an unknown order was not found', async () => {
		const { error } = await operate('get', '999999');
		expect(error?.message).toBe('The order was not found in BillPro');
	});

	it('refuses an order ID that is not a number before sending anything', async () => {
		const { error } = await operate('cancel', 'ORD-1');
		expect(error?.message).toMatch(/^'Order ID' must be a BillPro ID/);
		// The fix is in the message: an AI agent is given nothing else.
		expect(error?.message).toMatch(
			/Use the order's 'id', a whole number, from the answer of Create an order or Get an order\.$/,
		);
		expect(billPro.requests()).toHaveLength(0);
	});
});

describe('Renewing a checkout', () => {
	const billPro = useSandbox();

	it('gives a new checkout ID for a pending order created with a checkout', async () => {
		const credentials = billPro.singleProfile();
		const customer = await newCustomer(credentials);
		const created = await runBillPro({
			credentials,
			parameters: createOrder(
				customer,
				'single_payment',
				[productOf(billPro.sandbox, 'single_payment')],
				{
					additionalFields: { createCheckout: true },
				},
			),
		});
		const order = created.items[0].json;
		const { items, error } = await runBillPro({
			credentials,
			parameters: { resource: 'checkout', operation: 'renew', orderId: String(order.id) },
		});
		expect(error).toBeUndefined();
		expect(items[0].json[FIELD.checkoutId]).toEqual(expect.any(String));
		expect(items[0].json[FIELD.checkoutId]).not.toBe(order[FIELD.checkoutId]);
		expect(billPro.requests().at(-1)).toMatchObject({
			method: 'POST',
			path: `/api/v1/order_checkouts/${order.id}`,
		});
	});

	it('explains that an order without a checkout cannot renew one', async () => {
		const credentials = billPro.singleProfile();
		const customer = await newCustomer(credentials);
		const created = await runBillPro({
			credentials,
			parameters: createOrder(customer, 'single_payment', [
				productOf(billPro.sandbox, 'single_payment'),
			]),
		});
		const { error } = await runBillPro({
			credentials,
			parameters: {
				resource: 'checkout',
				operation: 'renew',
				orderId: String(created.items[0].json.id),
			},
		});
		expect(error).toMatchObject({ httpCode: '422' });
		expect(error?.message).toMatch(/^BillPro rejected 'Checkout' .*create_checkout/);
	});
});
