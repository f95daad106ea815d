import type { IDataObject } from 'n8n-workflow';
import { ActiveTrigger } from '../harness/poll';
import { runBillPro } from '../harness/workflow';
import { createOrder, newCustomer, productOf } from './orderFixtures';
import { useSandbox } from './sandboxFixture';

const billPro = useSandbox({ seed: { customers: { 1: 2_000 } } });

const newCustomers = { events: ['newCustomer'] };
const created = () => billPro.requests().length;

async function pay(orderId: unknown, outcome: 'approve' | 'soft_decline' | 'hard_decline') {
	billPro.sandbox.store.processPayment(1, Number(orderId), outcome);
}

async function orderFor(type: 'subscription' | 'single_payment') {
	const customer = await newCustomer(billPro.singleProfile());
	const { items, error } = await runBillPro({
		credentials: billPro.singleProfile(),
		parameters: createOrder(customer, type, [productOf(billPro.sandbox, type)]),
	});
	if (error) throw error;
	return items[0].json;
}

describe('A workflow that starts on new BillPro customers', () => {
	it('notes the existing customers on activation and starts on each customer added later', async () => {
		const trigger = new ActiveTrigger(billPro.singleProfile(), newCustomers);
		expect(await trigger.poll()).toEqual([]);
		const customer = await newCustomer(billPro.singleProfile(), 'new.signup@example.com');
		const [event, ...more] = await trigger.poll();
		expect(more).toEqual([]);
		expect(event).toMatchObject({
			event: 'newCustomer',
			id: customer.id,
			email: 'new.signup@example.com',
		});
		expect(await trigger.poll()).toEqual([]);
	});

	it('does not read the whole customer list of a large account on every poll', async () => {
		const trigger = new ActiveTrigger(billPro.singleProfile(), newCustomers);
		const before = created();
		await trigger.poll();
		// 2,000 customers are 80 pages: finding the last one takes about 2·log₂(80) requests.
		expect(created() - before).toBeLessThanOrEqual(16);
		await newCustomer(billPro.singleProfile());
		const beforePoll = created();
		expect(await trigger.poll()).toHaveLength(1);
		expect(created() - beforePoll).toBeLessThanOrEqual(5);
	});

	it('starts with every existing customer when Include Existing Records is on', async () => {
		const trigger = new ActiveTrigger(billPro.singleProfile(), {
			...newCustomers,
			options: { includeExisting: true },
		});
		const events = await trigger.poll();
		expect(events).toHaveLength(2_000);
		expect(new Set(events.map((event) => event.id)).size).toBe(2_000);
		expect(await trigger.poll()).toEqual([]);
	});

	it('shows the newest customer on Fetch Test Event without moving on', async () => {
		const trigger = new ActiveTrigger(billPro.singleProfile(), newCustomers);
		await trigger.poll();
		const customer = await newCustomer(billPro.singleProfile());
		const [sample] = await trigger.poll({ mode: 'manual' });
		expect(sample).toMatchObject({ event: 'newCustomer', id: customer.id });
		// The test event kept nothing: the next poll still starts the workflow with it.
		expect((await trigger.poll()).map((event) => event.id)).toEqual([customer.id]);
	});

	it('starts once on a customer added while n8n was restarting', async () => {
		const trigger = new ActiveTrigger(billPro.singleProfile(), newCustomers);
		await trigger.poll();
		const customer = await newCustomer(billPro.singleProfile());
		const afterRestart = trigger.restarted();
		expect((await afterRestart.poll()).map((event) => event.id)).toEqual([customer.id]);
		expect(await afterRestart.restarted().poll()).toEqual([]);
	});

	it('loses no customer when a poll fails: the next poll still starts on it', async () => {
		const trigger = new ActiveTrigger(billPro.singleProfile(), newCustomers);
		await trigger.poll();
		const customer = await newCustomer(billPro.singleProfile());
		billPro.sandbox.faults.add({ kind: 'status', status: 503, method: 'GET', times: 4 });
		await expect(trigger.poll()).rejects.toThrow(/503|BillPro/);
		expect((await trigger.poll()).map((event) => event.id)).toEqual([customer.id]);
	});
});

describe('A workflow that starts when a watched order changes status', () => {
	const watching = (ids: string, extra: IDataObject = {}) => ({
		events: ['orderStatusChanged'],
		watchedOrderIds: ids,
		...extra,
	});

	it('starts when the customer pays: pending to active, with the status before', async () => {
		const order = await orderFor('subscription');
		const trigger = new ActiveTrigger(billPro.singleProfile(), watching(String(order.id)));
		expect(await trigger.poll()).toEqual([]);
		await pay(order.id, 'approve');
		const [event, ...more] = await trigger.poll();
		expect(more).toEqual([]);
		expect(event).toMatchObject({
			event: 'orderStatusChanged',
			id: order.id,
			previousStatus: 'pending',
			status: 'active',
		});
		expect(await trigger.poll()).toEqual([]);
	});

	it('starts only on the statuses picked under Order Statuses', async () => {
		const order = await orderFor('subscription');
		const trigger = new ActiveTrigger(
			billPro.singleProfile(),
			watching(String(order.id), { orderStatuses: ['failed', 'suspended'] }),
		);
		await trigger.poll();
		await pay(order.id, 'approve');
		expect(await trigger.poll()).toEqual([]);
		await pay(order.id, 'soft_decline');
		expect(await trigger.poll()).toMatchObject([{ previousStatus: 'active', status: 'failed' }]);
	});

	it("reads every watched order in turn when n8n's poll budget is short", async () => {
		const orders = [
			await orderFor('subscription'),
			await orderFor('subscription'),
			await orderFor('subscription'),
		];
		const trigger = new ActiveTrigger(
			billPro.singleProfile(),
			watching(orders.map((order) => order.id).join(', ')),
		);
		for (let poll = 0; poll < 3; poll++) await trigger.poll({ budgetMs: 0 });
		for (const order of orders) await pay(order.id, 'approve');
		const seen: unknown[] = [];
		for (let poll = 0; poll < 3; poll++)
			seen.push(...(await trigger.poll({ budgetMs: 0 })).map((event) => event.id));
		expect(seen.sort()).toEqual(orders.map((order) => order.id).sort());
	});
});

describe('A workflow that starts on declined scheduled payments', () => {
	it('starts on a soft decline of a watched subscription, and not on the approved ones', async () => {
		const order = await orderFor('subscription');
		await pay(order.id, 'approve');
		const trigger = new ActiveTrigger(billPro.singleProfile(), {
			events: ['scheduledPaymentStatusChanged'],
			watchedOrderIds: `${order.id}`,
			scheduledPaymentStatuses: ['soft-declined', 'hard-declined'],
		});
		await trigger.poll();
		await pay(order.id, 'soft_decline');
		const [event, ...more] = await trigger.poll();
		expect(more).toEqual([]);
		expect(event).toMatchObject({
			event: 'scheduledPaymentStatusChanged',
			orderId: order.id,
			previousStatus: 'scheduled',
			status: 'soft-declined',
		});
		await pay(order.id, 'approve');
		expect(await trigger.poll()).toEqual([]);
	});
});

describe('Trigger settings that cannot work are refused before any request', () => {
	const refused: Array<[string, IDataObject, RegExp]> = [
		['no event', { events: [] }, /'Events' is empty/],
		['an event that does not exist', { events: ['newInvoice'] }, /'Events' has "newInvoice"/],
		[
			'watched orders that resolve to nothing',
			{ events: ['orderStatusChanged'], watchedOrderIds: '' },
			/'Watched Order IDs' is empty/,
		],
		[
			'a watched order that is not an ID',
			{ events: ['orderStatusChanged'], watchedOrderIds: '1042, abc' },
			/'Watched Order IDs' has "abc"/,
		],
		[
			'a status BillPro does not have',
			{ events: ['orderStatusChanged'], watchedOrderIds: '1', orderStatuses: ['paid'] },
			/'Order Statuses' has "paid"/,
		],
		[
			'Include Existing Records as text',
			{ events: ['newCustomer'], options: { includeExisting: 'yes' } },
			/'Include Existing Records' must be true or false/,
		],
	];

	it.each(refused)('%s', async (_, parameters, message) => {
		const before = created();
		await expect(new ActiveTrigger(billPro.singleProfile(), parameters).poll()).rejects.toThrow(
			message,
		);
		expect(created()).toBe(before);
	});

	it('refuses more than 1,000 watched orders', async () => {
		const ids = Array.from({ length: 1_001 }, (_, index) => index + 1);
		await expect(
			new ActiveTrigger(billPro.singleProfile(), {
				events: ['orderStatusChanged'],
				watchedOrderIds: ids,
			}).poll(),
		).rejects.toThrow(/lists 1001 orders, more than 1000/);
	});
});

describe('A workflow that starts on new or changed products', () => {
	const products = { events: ['newOrChangedProduct'] };

	it("starts when a product's price or status changes in BillPro, saying what changed", async () => {
		const trigger = new ActiveTrigger(billPro.singleProfile(), products);
		expect(await trigger.poll()).toEqual([]);
		const product = productOf(billPro.sandbox, 'subscription');
		const oldPrice = product.price;
		billPro.sandbox.store.changeProductInUi(1, product.id, {
			price: '123.45',
			product_status: 'inactive',
		});
		expect(await trigger.poll()).toEqual([
			expect.objectContaining({
				event: 'productChanged',
				id: product.id,
				changes: {
					price: { from: oldPrice, to: '123.45' },
					product_status: { from: 'active', to: 'inactive' },
				},
			}),
		]);
		expect(await trigger.poll()).toEqual([]);
	});

	it('keeps the product list it compares with across a restart', async () => {
		const trigger = new ActiveTrigger(billPro.singleProfile(), products);
		await trigger.poll();
		const product = productOf(billPro.sandbox, 'single_payment');
		billPro.sandbox.store.changeProductInUi(1, product.id, { price: '1.00' });
		expect((await trigger.restarted().poll()).map((event) => event.id)).toEqual([product.id]);
	});
});
