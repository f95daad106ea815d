import { sandboxPerFile } from '../harness/sandboxPerFile';
import { FIELD, endpointPath } from '../../nodes/BillPro/shared/api';
import { UnprocessableError } from '../../sandbox/http';
import { rootClient, single } from './client';
import {
	CUSTOMER,
	NOT_FOUND,
	SEEDED,
	created,
	daysFromToday,
	monthsFromToday,
	orderOf,
	pay,
} from './orders';

const sandbox = sandboxPerFile();

const statuses = (orderId: number) =>
	sandbox()
		.store.scheduledPayments(1, orderId)
		.map((payment) => payment.status);

async function pendingOrder(type: 'single_payment' | 'instalment' | 'subscription' | 'metered') {
	const productId = {
		single_payment: SEEDED.singleGbp,
		instalment: SEEDED.instalmentGbp,
		subscription: SEEDED.subscriptionEur,
		metered: SEEDED.meteredEur,
	}[type];
	return created(single(sandbox()), type, orderOf(sandbox(), productId));
}

async function activeOrder(type: 'instalment' | 'subscription' | 'metered') {
	const order = await pendingOrder(type);
	sandbox().store.processPayment(1, order.id, 'approve');
	return order;
}

describe('POST /__sandbox/orders/{id}/payments: the pending order’s initial payment or registration', () => {
	it.each([
		['single_payment', 'complete'],
		['instalment', 'active'],
		['subscription', 'active'],
		['metered', 'active'],
	] as const)('approving a pending %s order makes it %s', async (type, status) => {
		const order = await pendingOrder(type);
		const before = sandbox().store.scheduledPayments(1, order.id);
		const res = await pay(sandbox(), order.id, 'approve');
		expect(res.status).toBe(200);
		expect(Object.keys(res.data)).toEqual(['order', 'payment']);
		expect(res.data.payment).toBeNull();
		expect(res.data.order).toMatchObject({ id: order.id, status });
		expect(res.data.order.updated_at > order.updated_at).toBe(true);
		const got = await single(sandbox()).get(endpointPath('getOrder', order.id));
		expect(got.data).toEqual(res.data.order);
		// The initial payment is not one of the scheduled payments.
		expect(sandbox().store.scheduledPayments(1, order.id)).toEqual(before);
	});

	it.each(['soft_decline', 'hard_decline'] as const)(
		'a %s leaves it pending and unchanged',
		async (outcome) => {
			const order = await pendingOrder('subscription');
			const res = await pay(sandbox(), order.id, outcome);
			expect(res.status).toBe(200);
			expect(res.data).toEqual({ order, payment: null });
		},
	);

	it('is not logged as an API request', async () => {
		const order = await pendingOrder('single_payment');
		sandbox().store.resetRequests();
		await pay(sandbox(), order.id, 'approve');
		expect(sandbox().store.requests).toEqual([]);
	});
});

describe('payments of a live order', () => {
	it('collects an instalment order’s payments in date order, then completes it', async () => {
		const order = await activeOrder('instalment');
		const [first, second, third] = sandbox().store.scheduledPayments(1, order.id);
		const res = await pay(sandbox(), order.id, 'approve');
		expect(res.status).toBe(200);
		expect(res.data.payment).toEqual({
			...first,
			status: 'complete',
			attempts: 1,
			updated_at: res.data.order.updated_at,
		});
		expect(res.data.order).toMatchObject({
			status: 'active',
			total_to_pay: '90.99',
			count_to_pay: 4,
		});
		expect((await pay(sandbox(), order.id, 'approve')).data.payment.id).toBe(second.id);
		const last = await pay(sandbox(), order.id, 'approve');
		expect(last.data.payment).toMatchObject({ id: third.id, status: 'complete' });
		expect(last.data.order.status).toBe('complete');
		expect(statuses(order.id)).toEqual(['complete', 'complete', 'complete']);
		const after = await pay(sandbox(), order.id, 'approve');
		expect(after.status).toBe(422);
		expect(after.data).toEqual({ status: ['cannot take a payment: the order is complete'] });
	});

	it('takes the earliest payment by date, not by id', async () => {
		const order = await activeOrder('instalment');
		const [first, second] = sandbox().store.scheduledPayments(1, order.id);
		const later = new Date(Date.parse(second[FIELD.scheduledAt]) + 86_400_000).toISOString();
		await single(sandbox()).put(
			endpointPath('updateScheduledPayment', { orderId: order.id, id: first.id }),
			{
				scheduled_payment: { [FIELD.scheduledAt]: later },
			},
		);
		expect((await pay(sandbox(), order.id, 'approve')).data.payment.id).toBe(second.id);
	});

	it('gives a subscription its next cycle after each collected payment, one interval later', async () => {
		const order = await activeOrder('subscription');
		const [first] = sandbox().store.scheduledPayments(1, order.id);
		expect(first[FIELD.scheduledAt]).toBe(monthsFromToday(12));
		const res = await pay(sandbox(), order.id, 'approve');
		expect(res.data.payment).toMatchObject({ id: first.id, status: 'complete', attempts: 1 });
		expect(res.data.order.status).toBe('active');
		const payments = sandbox().store.scheduledPayments(1, order.id);
		expect(payments.map((p) => [p.status, p.amount, p[FIELD.scheduledAt]])).toEqual([
			['complete', '164.99', monthsFromToday(12)],
			['scheduled', '164.99', monthsFromToday(24)],
		]);
		await pay(sandbox(), order.id, 'approve');
		expect(statuses(order.id)).toEqual(['complete', 'complete', 'scheduled']);
	});

	it('soft decline: payment soft-declined (attempts count), order failed; approval recovers both', async () => {
		const order = await activeOrder('subscription');
		const soft = await pay(sandbox(), order.id, 'soft_decline');
		expect(soft.data.order.status).toBe('failed');
		expect(soft.data.payment).toMatchObject({ status: 'soft-declined', attempts: 1 });
		const again = await pay(sandbox(), order.id, 'soft_decline');
		expect(again.data.payment).toMatchObject({ id: soft.data.payment.id, attempts: 2 });
		expect(again.data.order.status).toBe('failed');
		const recovered = await pay(sandbox(), order.id, 'approve');
		expect(recovered.data.payment).toMatchObject({
			id: soft.data.payment.id,
			status: 'recovered',
			attempts: 3,
		});
		expect(recovered.data.order.status).toBe('active');
		expect(statuses(order.id)).toEqual(['recovered', 'scheduled']);
	});

	it('hard decline: payment hard-declined, order suspended; it is not retried by itself', async () => {
		const order = await activeOrder('subscription');
		const hard = await pay(sandbox(), order.id, 'hard_decline');
		expect(hard.data.order.status).toBe('suspended');
		expect(hard.data.payment).toMatchObject({ status: 'hard-declined', attempts: 1 });
		const nothing = await pay(sandbox(), order.id, 'approve');
		expect(nothing.status).toBe(422);
		expect(nothing.data).toEqual({
			scheduled_payments: ['has no scheduled or soft-declined payment to collect'],
		});
		// Rescheduled (status scheduled, as after a card update), it is collected: complete, not recovered.
		await single(sandbox()).put(
			endpointPath('updateScheduledPayment', { orderId: order.id, id: hard.data.payment.id }),
			{ scheduled_payment: { status: 'scheduled' } },
		);
		const paid = await pay(sandbox(), order.id, 'approve');
		expect(paid.data.payment).toMatchObject({ status: 'complete', attempts: 2 });
		expect(paid.data.order.status).toBe('active');
	});

	it('a suspended instalment order collects its next payment and is active again; not complete while a payment is declined', async () => {
		const order = await activeOrder('instalment');
		await pay(sandbox(), order.id, 'hard_decline');
		const next = await pay(sandbox(), order.id, 'approve');
		expect(next.data.order.status).toBe('active');
		await pay(sandbox(), order.id, 'approve');
		expect(statuses(order.id)).toEqual(['hard-declined', 'complete', 'complete']);
		expect(sandbox().store.order(1, order.id)?.status).toBe('active');
	});

	it('an active metered order has nothing to collect (its payments are scheduled in the UI)', async () => {
		const order = await activeOrder('metered');
		const res = await pay(sandbox(), order.id, 'approve');
		expect(res.status).toBe(422);
		expect(res.data).toEqual({
			scheduled_payments: ['has no scheduled or soft-declined payment to collect'],
		});
	});

	it('refuses paused, cancelled and complete orders, saying why', async () => {
		const paused = await activeOrder('subscription');
		await single(sandbox()).put(endpointPath('pauseOrder', paused.id));
		const cancelled = await pendingOrder('single_payment');
		await single(sandbox()).put(endpointPath('cancelOrder', cancelled.id));
		const complete = await pendingOrder('single_payment');
		await pay(sandbox(), complete.id, 'approve');
		for (const [order, message] of [
			[paused, 'cannot take a payment while the order is paused: resume it first'],
			[cancelled, 'cannot take a payment: the order is cancelled'],
			[complete, 'cannot take a payment: the order is complete'],
		] as const) {
			const res = await pay(sandbox(), order.id, 'approve');
			expect([res.status, res.data]).toEqual([422, { status: [message] }]);
		}
	});
});

describe('control endpoint input', () => {
	it.each([
		[
			'a bad outcome',
			'?profile_id=1',
			{ outcome: 'decline' },
			{ outcome: ['must be approve, soft_decline or hard_decline'] },
		],
		[
			'no outcome',
			'?profile_id=1',
			{},
			{ outcome: ['must be approve, soft_decline or hard_decline'] },
		],
		['no profile_id', '', { outcome: 'approve' }, { profile_id: ['is not a sandbox profile'] }],
		[
			'an unknown profile',
			'?profile_id=2',
			{ outcome: 'approve' },
			{ profile_id: ['is not a sandbox profile'] },
		],
		['another profile', '?profile_id=5', { outcome: 'approve' }, NOT_FOUND],
	])('answers 422 for %s', async (_label, query, body, errors) => {
		const order = await pendingOrder('single_payment');
		const res = await rootClient(sandbox()).post(
			`/__sandbox/orders/${order.id}/payments${query}`,
			body,
		);
		expect(res.status).toBe(422);
		expect(res.data).toEqual(errors);
		expect(sandbox().store.order(1, order.id)?.status).toBe('pending');
	});

	it.each(['999', 'abc'])('answers {"id":["not found"]} for order %s', async (id) => {
		const res = await rootClient(sandbox()).post(`/__sandbox/orders/${id}/payments?profile_id=1`, {
			outcome: 'approve',
		});
		expect(res.status).toBe(422);
		expect(res.data).toEqual(NOT_FOUND);
	});

	it('answers 404 for another method', async () => {
		const order = await pendingOrder('single_payment');
		const res = await rootClient(sandbox()).get(
			`/__sandbox/orders/${order.id}/payments?profile_id=1`,
		);
		expect(res.status).toBe(404);
	});
});

describe('store API (in-process)', () => {
	it('processPayment answers like the endpoint and throws UnprocessableError with the same errors', async () => {
		const order = await pendingOrder('subscription');
		const result = sandbox().store.processPayment(1, order.id, 'approve');
		expect(result).toEqual({ order: sandbox().store.order(1, order.id), payment: null });
		expect(result.order.status).toBe('active');
		expect(() => sandbox().store.processPayment(7, order.id, 'approve')).toThrow(
			UnprocessableError,
		);
		try {
			sandbox().store.processPayment(1, 424242, 'approve');
			throw new Error('no error');
		} catch (error) {
			expect((error as UnprocessableError).errors).toEqual(NOT_FOUND);
		}
	});

	it('orders, order and scheduledPayments read per profile, as fresh copies', async () => {
		const order = await pendingOrder('instalment');
		expect(sandbox().store.orders(1)).toEqual([order]);
		const copy = sandbox().store.order(1, order.id)!;
		copy.status = 'complete';
		copy.products[0].amount = '0.00';
		expect(sandbox().store.order(1, order.id)).toEqual(order);
		const payments = sandbox().store.scheduledPayments(1, order.id);
		expect(payments).toHaveLength(3);
		payments[0].status = 'complete';
		expect(statuses(order.id)).toEqual(['scheduled', 'scheduled', 'scheduled']);
		expect(sandbox().store.order(1, 999)).toBeUndefined();
		expect(sandbox().store.scheduledPayments(1, 999)).toEqual([]);
		expect(sandbox().store.orders(2)).toEqual([]);
	});

	it('reset() removes orders and payments and restarts their ids', async () => {
		const first = await pendingOrder('instalment');
		await pendingOrder('subscription');
		sandbox().store.reset();
		expect(sandbox().store.orders(1)).toEqual([]);
		expect(sandbox().store.scheduledPayments(1, first.id)).toEqual([]);
		const again = await created(
			single(sandbox()),
			'instalment',
			orderOf(sandbox(), SEEDED.instalmentGbp, { start_date: daysFromToday(1).date }),
		);
		expect(again.id).toBe(1);
		expect(
			sandbox()
				.store.scheduledPayments(1, 1)
				.map((p) => p.id),
		).toEqual([1, 2, 3]);
		expect(again.customer_id).toBe(CUSTOMER.ada);
	});

	it('POST /__sandbox/reset does it over HTTP', async () => {
		await pendingOrder('single_payment');
		await rootClient(sandbox()).post('/__sandbox/reset');
		expect(sandbox().store.orders(1)).toEqual([]);
	});
});
