import type { IDataObject } from 'n8n-workflow';
import { ActiveTrigger } from '../harness/poll';
import { runBillPro } from '../harness/workflow';
import { createOrder, newCustomer, productOf } from './orderFixtures';
import { useSandbox } from './sandboxFixture';

/**
 * What each poll of the BillPro Trigger asks BillPro for, as the sandbox's request log shows it
 * (pages of 25). A quiet account costs the remembered page, and the next one only if that one
 * was full; a list read whole (products) ends at its first short page.
 */
const billPro = useSandbox({ seed: { customers: { 1: 24 } } });

const newCustomers = { events: ['newCustomer'] };
const ids = (events: IDataObject[]) => events.map((event) => Number(event.id));

/** The requests one poll sent, as `GET <path>?page=N`. */
async function requestsOf(poll: () => Promise<IDataObject[]>) {
	const before = billPro.requests().length;
	const events = await poll();
	const requests = billPro.requests().slice(before);
	return {
		events,
		requests: requests.map(
			({ method, path, query }) => `${method} ${path}${query.page ? `?page=${query.page}` : ''}`,
		),
	};
}

/** Two polls in a row that start nothing and each send `requests`. */
async function expectQuietPolls(trigger: ActiveTrigger, requests: string[]) {
	for (let poll = 0; poll < 2; poll++) {
		expect(await requestsOf(() => trigger.poll())).toEqual({ events: [], requests });
	}
}

const customerPages = (...pages: number[]) =>
	pages.map((page) => `GET /api/v1/customers?page=${page}`);

async function addCustomers(count: number) {
	const added: number[] = [];
	for (let n = 0; n < count; n++)
		added.push(Number((await newCustomer(billPro.singleProfile())).id));
	return added;
}

async function orderOf(type: 'subscription' | 'instalment', extra: IDataObject = {}) {
	const customer = await newCustomer(billPro.singleProfile());
	const { items, error } = await runBillPro({
		credentials: billPro.singleProfile(),
		parameters: createOrder(customer, type, [productOf(billPro.sandbox, type)], extra),
	});
	if (error) throw error;
	return items[0].json as IDataObject & { id: number };
}

const subscription = async () => await orderOf('subscription');

describe('New Customer reads the remembered page, and the next only if that one was full', () => {
	it('24 customers on one page: two requests a poll while the page size is not known yet', async () => {
		const trigger = new ActiveTrigger(billPro.singleProfile(), newCustomers);
		expect((await requestsOf(() => trigger.poll())).requests).toEqual(customerPages(1, 2));
		await expectQuietPolls(trigger, customerPages(1, 2));
	});

	it('24 → 27 customers across a page boundary: two requests start the three, then one request a poll', async () => {
		const trigger = new ActiveTrigger(billPro.singleProfile(), newCustomers);
		await trigger.poll();
		const added = await addCustomers(3);
		const crossing = await requestsOf(() => trigger.poll());
		expect(ids(crossing.events)).toEqual(added);
		expect(crossing.requests).toEqual(customerPages(1, 2));
		// Page 1 was followed by customers: it is full, and page 2 (two customers) is the last.
		await expectQuietPolls(trigger, customerPages(2));
		const next = await addCustomers(1);
		expect(await requestsOf(() => trigger.poll())).toEqual({
			events: [expect.objectContaining({ event: 'newCustomer', id: next[0] })],
			requests: customerPages(2),
		});
	});

	it('a remembered page that is full: it and the next, one request each', async () => {
		const trigger = new ActiveTrigger(billPro.singleProfile(), newCustomers);
		await trigger.poll();
		await addCustomers(26);
		expect((await trigger.poll()).length).toBe(26);
		// 50 customers: page 2 is full, so every poll also asks for page 3 (empty).
		expect(await requestsOf(() => trigger.poll())).toEqual({
			events: [],
			requests: customerPages(2, 3),
		});
	});

	it('after a restart the page size is still known: one request for a quiet account', async () => {
		const trigger = new ActiveTrigger(billPro.singleProfile(), newCustomers);
		await trigger.poll();
		await addCustomers(3);
		await trigger.poll();
		expect((await requestsOf(() => trigger.restarted().poll())).requests).toEqual(customerPages(2));
	});

	it('what the trigger kept before it kept page sizes still holds: no new baseline, nothing lost', async () => {
		const { account } = await firstPollState('newCustomer', newCustomers);
		const keptBefore = {
			'node:BillPro Trigger': { newCustomer: { page: 1, maxId: 24, account } },
		};
		const upgraded = new ActiveTrigger(billPro.singleProfile(), newCustomers, keptBefore);
		const added = await addCustomers(3);
		expect(await requestsOf(() => upgraded.poll())).toEqual({
			events: added.map((id) => expect.objectContaining({ id })),
			requests: customerPages(1, 2),
		});
		expect((await requestsOf(() => upgraded.poll())).requests).toEqual(customerPages(2));
		expect(upgraded.reports).toEqual([]);
	});
});

/** The account mark the trigger writes beside an event's state, read from a first poll. */
async function firstPollState(event: string, parameters: IDataObject) {
	const first = new ActiveTrigger(billPro.singleProfile(), parameters);
	await first.poll();
	const kept = first.stored['node:BillPro Trigger'] as Record<string, IDataObject>;
	return { account: kept[event].account as string, state: kept[event] };
}

describe('New or Changed Product reads its whole list, and no page past a short last one', () => {
	const products = { events: ['newOrChangedProduct'] };
	const productPages = (...pages: number[]) =>
		pages.map((page) => `GET /api/v1/products?page=${page}`);

	it('60 products (25, 25, 10): three requests a poll', async () => {
		const trigger = new ActiveTrigger(billPro.singleProfile(), products);
		expect((await requestsOf(() => trigger.poll())).requests).toEqual(productPages(1, 2, 3));
		const product = productOf(billPro.sandbox, 'subscription');
		billPro.sandbox.store.changeProductInUi(1, product.id, { price: '9.99' });
		const changed = await requestsOf(() => trigger.poll());
		expect(ids(changed.events)).toEqual([product.id]);
		expect(changed.requests).toEqual(productPages(1, 2, 3));
	});

	it('5 products (profile 7): page 1 and the empty page 2', async () => {
		const trigger = new ActiveTrigger(billPro.multiProfile('7'), products);
		await trigger.poll();
		expect((await requestsOf(() => trigger.poll())).requests).toEqual(productPages(1, 2));
	});

	it('what the trigger kept before it kept page sizes still holds', async () => {
		const { account, state } = await firstPollState('newOrChangedProduct', products);
		const keptBefore = {
			'node:BillPro Trigger': { newOrChangedProduct: { products: state.products, account } },
		};
		const product = productOf(billPro.sandbox, 'single_payment');
		billPro.sandbox.store.changeProductInUi(1, product.id, { price: '2.22' });
		const upgraded = new ActiveTrigger(billPro.singleProfile(), products, keptBefore);
		expect(await requestsOf(() => upgraded.poll())).toEqual({
			events: [expect.objectContaining({ event: 'productChanged', id: product.id })],
			requests: productPages(1, 2, 3),
		});
		expect(upgraded.reports).toEqual([]);
	});
});

describe('The order events read each watched order once a poll', () => {
	const watchingPayments = (...orderIds: number[]) => ({
		events: ['scheduledPaymentStatusChanged'],
		watchedOrderIds: orderIds.join(', '),
	});
	const pagesOf = (orderId: number, ...pages: number[]) =>
		pages.map((page) => `GET /api/v1/orders/${orderId}/scheduled_payments?page=${page}`);
	const pay = (orderId: number, outcome: 'approve' | 'soft_decline' = 'approve') =>
		billPro.sandbox.store.processPayment(1, orderId, outcome);

	it('Order Status Changed: one request per watched order', async () => {
		const order = await subscription();
		const trigger = new ActiveTrigger(billPro.singleProfile(), {
			events: ['orderStatusChanged'],
			watchedOrderIds: String(order.id),
		});
		await trigger.poll();
		expect(await requestsOf(() => trigger.poll())).toEqual({
			events: [],
			requests: [`GET /api/v1/orders/${order.id}`],
		});
		pay(order.id);
		expect((await requestsOf(() => trigger.poll())).requests).toEqual([
			`GET /api/v1/orders/${order.id}`,
		]);
	});

	it('Scheduled Payment Status Changed: two requests per watched order (its payments, and page 2)', async () => {
		const order = await subscription();
		pay(order.id);
		const paymentPages = pagesOf(order.id, 1, 2);
		const trigger = new ActiveTrigger(billPro.singleProfile(), watchingPayments(order.id));
		expect((await requestsOf(() => trigger.poll())).requests).toEqual(paymentPages);
		expect(await requestsOf(() => trigger.poll())).toEqual({ events: [], requests: paymentPages });
		pay(order.id, 'soft_decline');
		const declined = await requestsOf(() => trigger.poll());
		expect(declined.events).toEqual([
			expect.objectContaining({ orderId: order.id, status: 'soft-declined' }),
		]);
		expect(declined.requests).toEqual(paymentPages);
	});

	it('Scheduled Payment Status Changed: one request for an order whose payments fit on a page, once a full page was seen', async () => {
		const instalments = await orderOf('instalment', { schedule: { numberOfPayments: 30 } });
		const order = await subscription();
		const trigger = new ActiveTrigger(
			billPro.singleProfile(),
			watchingPayments(instalments.id, order.id),
		);
		expect((await requestsOf(() => trigger.poll())).requests.sort()).toEqual(
			[...pagesOf(instalments.id, 1, 2), ...pagesOf(order.id, 1, 2)].sort(),
		);
		// The instalments' page 1 was followed by page 2: a full page is 25 payments.
		expect((await requestsOf(() => trigger.poll())).requests.sort()).toEqual(
			[...pagesOf(instalments.id, 1, 2), ...pagesOf(order.id, 1)].sort(),
		);
	});

	it('what the trigger kept before it kept page sizes still holds', async () => {
		const order = await subscription();
		pay(order.id);
		const parameters = watchingPayments(order.id);
		const { state } = await firstPollState('scheduledPaymentStatusChanged', parameters);
		const { orders, nextStart, missing, account } = state;
		const keptBefore = {
			'node:BillPro Trigger': {
				scheduledPaymentStatusChanged: { orders, nextStart, missing, account },
			},
		};
		const upgraded = new ActiveTrigger(billPro.singleProfile(), parameters, keptBefore);
		pay(order.id, 'soft_decline');
		expect(await upgraded.poll()).toEqual([
			expect.objectContaining({ orderId: order.id, status: 'soft-declined' }),
		]);
		expect(upgraded.reports).toEqual([]);
	});
});
