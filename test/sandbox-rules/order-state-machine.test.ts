import { sandboxPerFile } from '../harness/sandboxPerFile';
import { FIELD, endpointPath } from '../../nodes/BillPro/shared/api';
import { startSandbox, type OrderType } from '../../sandbox';
import { multi, single } from './client';
import {
	DAY,
	NOT_FOUND,
	SEEDED,
	created,
	daysFromToday,
	monthsFromToday,
	orderOf,
	pay,
} from './orders';

const sandbox = sandboxPerFile();

const PRODUCT_OF: Record<OrderType, number> = {
	single_payment: SEEDED.singleGbp,
	instalment: SEEDED.instalmentGbp,
	subscription: SEEDED.subscriptionEur,
	metered: SEEDED.meteredEur,
};

/** An order of the type brought to `state` through the documented rules only. */
async function orderIn(
	type: OrderType,
	state: 'pending' | 'active' | 'failed' | 'suspended' | 'paused' | 'cancelled' | 'complete',
) {
	const order = await created(single(sandbox()), type, orderOf(sandbox(), PRODUCT_OF[type]));
	const put = (name: 'cancelOrder' | 'pauseOrder') =>
		single(sandbox()).put(endpointPath(name, order.id));
	if (state === 'cancelled') await put('cancelOrder');
	if (state === 'pending' || state === 'cancelled') return order.id;
	await pay(sandbox(), order.id, 'approve');
	if (state === 'failed') await pay(sandbox(), order.id, 'soft_decline');
	if (state === 'suspended') await pay(sandbox(), order.id, 'hard_decline');
	if (state === 'paused') await put('pauseOrder');
	if (state === 'complete' && type !== 'single_payment') await put('cancelOrder');
	expect(sandbox().store.order(1, order.id)?.status).toBe(state);
	return order.id;
}

const operate = (name: 'cancelOrder' | 'pauseOrder' | 'resumeOrder', id: number | string) =>
	single(sandbox()).put(endpointPath(name, id));

const paymentStatuses = (orderId: number) =>
	sandbox()
		.store.scheduledPayments(1, orderId)
		.map((payment) => payment.status);

describe('a subscription’s whole life', () => {
	it('pending → approve → active → list → reschedule → pause → resume → cancel (complete)', async () => {
		const api = single(sandbox());
		const order = await created(api, 'subscription', orderOf(sandbox(), SEEDED.subscriptionEur));
		expect(order.status).toBe('pending');

		const paid = await pay(sandbox(), order.id, 'approve');
		expect(paid.data.order.status).toBe('active');

		const listed = await api.get(endpointPath('listScheduledPayments', order.id));
		expect(listed.status).toBe(200);
		expect(listed.data).toHaveLength(1);
		const [next] = listed.data;
		expect(next).toMatchObject({ status: 'scheduled', [FIELD.scheduledAt]: monthsFromToday(12) });

		const later = new Date(Date.parse(next[FIELD.scheduledAt]) + 7 * DAY).toISOString();
		const rescheduled = await api.put(
			endpointPath('updateScheduledPayment', { orderId: order.id, id: next.id }),
			{ scheduled_payment: { status: 'scheduled', [FIELD.scheduledAt]: later } },
		);
		expect(rescheduled.status).toBe(200);
		expect(rescheduled.data).toMatchObject({
			id: next.id,
			status: 'scheduled',
			[FIELD.scheduledAt]: later,
		});

		const paused = await operate('pauseOrder', order.id);
		expect(paused.status).toBe(200);
		expect(paused.data).toEqual({ ...sandbox().store.order(1, order.id), status: 'paused' });
		expect(paymentStatuses(order.id)).toEqual(['paused']);

		const resumed = await operate('resumeOrder', order.id);
		expect(resumed.data.status).toBe('active');
		// A future date is kept.
		expect(sandbox().store.scheduledPayments(1, order.id)).toEqual([
			expect.objectContaining({ status: 'scheduled', [FIELD.scheduledAt]: later }),
		]);

		const cancelled = await operate('cancelOrder', order.id);
		expect(cancelled.status).toBe(200);
		expect(cancelled.data.status).toBe('complete');
		expect(paymentStatuses(order.id)).toEqual(['cancelled']);

		const again = await operate('cancelOrder', order.id);
		expect(again.status).toBe(422);
		expect(again.data).toEqual({ status: ['cannot cancel an order that is already complete'] });
		expect((await api.get(endpointPath('getOrder', order.id))).data).toEqual(cancelled.data);
	});
});

describe('PUT cancel_order', () => {
	it.each([
		['instalment', 'pending', 'cancelled'],
		['single_payment', 'pending', 'cancelled'],
		['subscription', 'active', 'complete'],
		['metered', 'active', 'complete'],
		['instalment', 'failed', 'complete'],
		['subscription', 'suspended', 'complete'],
		['subscription', 'paused', 'complete'],
	] as const)(
		'turns a %s order that is %s into %s and cancels its uncollected payments',
		async (type, state, after) => {
			const id = await orderIn(type, state);
			const before = sandbox().store.order(1, id)!;
			const res = await operate('cancelOrder', id);
			expect(res.status).toBe(200);
			expect(res.data).toEqual({ ...before, status: after, updated_at: res.data.updated_at });
			expect(res.data.updated_at > before.updated_at).toBe(true);
			expect(paymentStatuses(id).every((status) => status === 'cancelled')).toBe(true);
		},
	);

	it('keeps collected payments as they are', async () => {
		const id = await orderIn('instalment', 'active');
		await pay(sandbox(), id, 'approve');
		await pay(sandbox(), id, 'soft_decline');
		await operate('cancelOrder', id);
		expect(paymentStatuses(id)).toEqual(['complete', 'cancelled', 'cancelled']);
	});

	it.each([
		['single_payment', 'complete'],
		['subscription', 'complete'],
		['single_payment', 'cancelled'],
		['instalment', 'cancelled'],
	] as const)('refuses a %s order that is already %s', async (type, state) => {
		const id = await orderIn(type, state);
		const before = sandbox().store.order(1, id);
		const res = await operate('cancelOrder', id);
		expect(res.status).toBe(422);
		expect(res.data).toEqual({ status: [`cannot cancel an order that is already ${state}`] });
		expect(sandbox().store.order(1, id)).toEqual(before);
	});
});

describe('PUT pause_order', () => {
	it('pauses an active subscription and only its scheduled payments', async () => {
		const id = await orderIn('subscription', 'active');
		await pay(sandbox(), id, 'approve');
		const res = await operate('pauseOrder', id);
		expect(res.data.status).toBe('paused');
		expect(paymentStatuses(id)).toEqual(['complete', 'paused']);
	});

	it.each(['pending', 'failed', 'suspended', 'paused', 'complete', 'cancelled'] as const)(
		'refuses a subscription that is %s, naming its status',
		async (state) => {
			const id = await orderIn('subscription', state);
			const before = sandbox().store.scheduledPayments(1, id);
			const res = await operate('pauseOrder', id);
			expect(res.status).toBe(422);
			expect(res.data).toEqual({
				status: [`only an active subscription can be paused; this order is ${state}`],
			});
			expect(sandbox().store.scheduledPayments(1, id)).toEqual(before);
		},
	);

	it.each([
		['single_payment', 'pending'],
		['instalment', 'active'],
		['metered', 'active'],
	] as const)('refuses a %s order (%s): only subscriptions can be paused', async (type, state) => {
		const id = await orderIn(type, state);
		const res = await operate('pauseOrder', id);
		expect(res.status).toBe(422);
		expect(res.data).toEqual({ status: ['only subscriptions can be paused'] });
	});
});

describe('PUT resume_order', () => {
	it('makes a paused subscription active and its paused payments scheduled', async () => {
		const id = await orderIn('subscription', 'paused');
		const res = await operate('resumeOrder', id);
		expect(res.status).toBe(200);
		expect(res.data.status).toBe('active');
		expect(paymentStatuses(id)).toEqual(['scheduled']);
		expect(sandbox().store.scheduledPayments(1, id)[0][FIELD.scheduledAt]).toBe(
			monthsFromToday(12),
		);
	});

	it.each(['pending', 'active', 'failed', 'suspended', 'complete', 'cancelled'] as const)(
		'refuses a subscription that is %s, naming its status',
		async (state) => {
			const id = await orderIn('subscription', state);
			const res = await operate('resumeOrder', id);
			expect(res.status).toBe(422);
			expect(res.data).toEqual({
				status: [`only a paused subscription can be resumed; this order is ${state}`],
			});
		},
	);

	it.each([
		['single_payment', 'pending'],
		['instalment', 'active'],
	] as const)('refuses a %s order (%s): only subscriptions can be resumed', async (type, state) => {
		const id = await orderIn(type, state);
		const res = await operate('resumeOrder', id);
		expect(res.data).toEqual({ status: ['only subscriptions can be resumed'] });
	});

	it('moves a payment whose date passed while paused to now + 1 day', async () => {
		// A sandbox of its own: this test moves the clock forward, and the store's clock never goes back.
		const own = await startSandbox();
		const clock = jest.spyOn(Date, 'now');
		try {
			const api = single(own);
			const start = daysFromToday(1);
			const order = await created(
				api,
				'subscription',
				orderOf(own, SEEDED.subscriptionWeekly, { start_date: start.date }),
			);
			own.store.processPayment(1, order.id, 'approve');
			await api.put(endpointPath('pauseOrder', order.id));
			clock.mockReturnValue(Date.parse(start.at) + 3 * DAY);
			const resumed = await api.put(endpointPath('resumeOrder', order.id));
			expect(resumed.data.status).toBe('active');
			const [payment] = own.store.scheduledPayments(1, order.id);
			expect(payment.status).toBe('scheduled');
			expect(payment[FIELD.scheduledAt]).toBe(
				new Date(Date.parse(resumed.data.updated_at) + DAY).toISOString(),
			);
			expect(Date.parse(payment[FIELD.scheduledAt])).toBeGreaterThan(
				Date.parse(start.at) + 3 * DAY,
			);
		} finally {
			clock.mockRestore();
			await own.close();
		}
	});
});

describe('order ids in paths', () => {
	it.each(['getOrder', 'cancelOrder', 'pauseOrder', 'resumeOrder'] as const)(
		'%s answers {"id":["not found"]} for unknown, non-numeric and other profiles’ orders',
		async (name) => {
			const five = await created(multi(sandbox(), 5), 'subscription', {
				customer_id: 4,
				currency: 'EUR',
				order_products: [{ product_id: SEEDED.profile5Subscription }],
			});
			await pay(sandbox(), five.id, 'approve', 5);
			const request = (api: ReturnType<typeof single>, id: number | string) =>
				name === 'getOrder' ? api.get(endpointPath(name, id)) : api.put(endpointPath(name, id));
			for (const [api, id] of [
				[single(sandbox()), 999],
				[single(sandbox()), 'abc'],
				[single(sandbox()), five.id],
				[multi(sandbox(), 7), five.id],
			] as const) {
				const res = await request(api, id);
				expect([id, res.status, res.data]).toEqual([id, 422, NOT_FOUND]);
			}
			expect(sandbox().store.order(5, five.id)?.status).toBe('active');
		},
	);

	it('answers 404 for a wrong method on a state-change path', async () => {
		const id = await orderIn('subscription', 'active');
		for (const name of ['cancelOrder', 'pauseOrder', 'resumeOrder'] as const) {
			const res = await single(sandbox()).get(endpointPath(name, id));
			expect([name, res.status]).toEqual([name, 404]);
		}
		expect(sandbox().store.order(1, id)?.status).toBe('active');
	});

	it('logs state changes like every API request', async () => {
		const id = await orderIn('subscription', 'active');
		sandbox().store.resetRequests();
		await operate('pauseOrder', id);
		expect(sandbox().store.requests).toEqual([
			{
				method: 'PUT',
				path: `/api/v1${endpointPath('pauseOrder', id)}`,
				query: {},
				profileId: undefined,
				authorized: true,
				status: 200,
				body: undefined,
			},
		]);
	});
});
