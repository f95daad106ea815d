import { sandboxPerFile } from '../harness/sandboxPerFile';
import { FIELD, endpointPath } from '../../nodes/BillPro/shared/api';
import type { ScheduledPaymentResponse } from '../../sandbox';
import { multi, single } from './client';
import {
	DAY,
	NOT_FOUND,
	PAYMENT_KEYS,
	SEEDED,
	created,
	daysFromToday,
	orderOf,
	pay,
} from './orders';

const sandbox = sandboxPerFile();

const payments = (orderId: number, profileId = 1) =>
	sandbox().store.scheduledPayments(profileId, orderId);

const update = (orderId: number, id: number | string, body: unknown) =>
	single(sandbox()).put(endpointPath('updateScheduledPayment', { orderId, id }), body);

const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

async function instalmentOrder(extra: Record<string, unknown> = {}, active = true) {
	const order = await created(
		single(sandbox()),
		'instalment',
		orderOf(sandbox(), SEEDED.instalmentGbp, extra),
	);
	if (active) await pay(sandbox(), order.id, 'approve');
	return order;
}

/** An active monthly subscription (the guide's product, 44.99 a month) and its scheduled payment. */
async function subscription(): Promise<[number, ScheduledPaymentResponse]> {
	const order = await created(
		single(sandbox()),
		'subscription',
		orderOf(sandbox(), SEEDED.subscriptionLockedPrice),
	);
	await pay(sandbox(), order.id, 'approve');
	return [order.id, payments(order.id)[0]];
}

describe('GET an order’s scheduled payments', () => {
	it('answers a bare array of the order’s payments, by id, with the documented fields', async () => {
		const order = await instalmentOrder({}, false);
		const res = await single(sandbox()).get(endpointPath('listScheduledPayments', order.id));
		expect(res.status).toBe(200);
		expect(res.data).toEqual(payments(order.id));
		expect(res.data.map((p: ScheduledPaymentResponse) => p.id)).toEqual([1, 2, 3]);
		for (const payment of res.data) expect(Object.keys(payment)).toEqual(PAYMENT_KEYS);
		expect(sandbox().store.requests.at(-1)).toMatchObject({
			method: 'GET',
			path: `/api/v1/orders/${order.id}/scheduled_payments`,
			status: 200,
		});
	});

	it('pages like every list: 25 per page, [] past the end, 422 for a bad page', async () => {
		const order = await instalmentOrder(
			{ split_number: 30, initial_amount: '0.99', scheduled_unit: 'DAY' },
			false,
		);
		const api = single(sandbox());
		const page = (n: number | string) =>
			api.get(endpointPath('listScheduledPayments', order.id), { params: { page: n } });
		const all = payments(order.id);
		expect(all).toHaveLength(30);
		expect((await page(1)).data).toEqual(all.slice(0, 25));
		expect((await page(2)).data).toEqual(all.slice(25));
		expect((await page(3)).data).toEqual([]);
		const bad = await page(0);
		expect([bad.status, bad.data]).toEqual([422, { page: ['must be a positive integer'] }]);
	});

	it('numbers payments with one counter across orders', async () => {
		const first = await instalmentOrder({}, false);
		const second = await instalmentOrder({}, false);
		expect(payments(second.id).map((p) => p.id)).toEqual([4, 5, 6]);
		expect(payments(first.id).every((p) => p.order_id === first.id)).toBe(true);
	});

	it('answers [] for an order without scheduled payments', async () => {
		const order = await created(
			single(sandbox()),
			'single_payment',
			orderOf(sandbox(), SEEDED.singleGbp),
		);
		const res = await single(sandbox()).get(endpointPath('listScheduledPayments', order.id));
		expect([res.status, res.data]).toEqual([200, []]);
	});

	it('answers {"id":["not found"]} for an unknown or another profile’s order', async () => {
		const five = await created(multi(sandbox(), 5), 'instalment', {
			customer_id: 4,
			currency: 'EUR',
			order_products: [{ product_id: 63 }],
		});
		for (const [api, id] of [
			[single(sandbox()), 999],
			[single(sandbox()), 'abc'],
			[multi(sandbox(), 7), five.id],
		] as const) {
			const res = await api.get(endpointPath('listScheduledPayments', id));
			expect([res.status, res.data]).toEqual([422, NOT_FOUND]);
		}
		expect(
			(await multi(sandbox(), 5).get(endpointPath('listScheduledPayments', five.id))).data,
		).toHaveLength(3);
	});
});

describe('PUT a scheduled payment: rescheduling', () => {
	it('moves a scheduled payment to a future date and time, kept in UTC', async () => {
		const order = await instalmentOrder();
		const [first, second] = payments(order.id);
		const res = await update(order.id, first.id, {
			scheduled_payment: { [FIELD.scheduledAt]: '2031-03-01T10:30:00+02:00' },
		});
		expect(res.status).toBe(200);
		expect(res.data).toEqual({
			...first,
			[FIELD.scheduledAt]: '2031-03-01T08:30:00.000Z',
			updated_at: res.data.updated_at,
		});
		expect(res.data.updated_at > first.updated_at).toBe(true);
		expect(payments(order.id)[1]).toEqual(second);
		expect(sandbox().store.requests.at(-1)).toMatchObject({
			method: 'PUT',
			path: `/api/v1/orders/${order.id}/scheduled_payments/${first.id}`,
			status: 200,
			body: { scheduled_payment: { [FIELD.scheduledAt]: '2031-03-01T10:30:00+02:00' } },
		});
	});

	it.each([
		[
			'no time zone',
			'2031-03-01T10:30:00',
			'is not a valid ISO 8601 date and time with a time zone',
		],
		['a date only', '2031-03-01', 'is not a valid ISO 8601 date and time with a time zone'],
		[
			'an impossible date',
			'2031-02-30T09:00:00Z',
			'is not a valid ISO 8601 date and time with a time zone',
		],
		['words', 'tomorrow', 'is not a valid ISO 8601 date and time with a time zone'],
		['a number', 1_900_000_000_000, 'is not a valid ISO 8601 date and time with a time zone'],
		['the past', '2020-01-01T00:00:00Z', 'must be in the future'],
	])('refuses %s', async (_label, value, message) => {
		const order = await instalmentOrder();
		const [first] = payments(order.id);
		const res = await update(order.id, first.id, {
			scheduled_payment: { [FIELD.scheduledAt]: value },
		});
		expect(res.status).toBe(422);
		expect(res.data).toEqual({ [FIELD.scheduledAt]: [message] });
		expect(payments(order.id)[0]).toEqual(first);
	});

	it('retries a soft-declined payment by rescheduling it: back to scheduled, then recovered', async () => {
		const order = await instalmentOrder();
		const declined = (await pay(sandbox(), order.id, 'soft_decline')).data.payment;
		expect(declined.status).toBe('soft-declined');
		const when = inDays(3);
		const res = await update(order.id, declined.id, {
			scheduled_payment: { [FIELD.scheduledAt]: when },
		});
		expect(res.status).toBe(200);
		expect(res.data).toMatchObject({ status: 'scheduled', attempts: 1, [FIELD.scheduledAt]: when });
		// The order stays failed until the retry is collected.
		expect(sandbox().store.order(1, order.id)?.status).toBe('failed');
		const retried = await pay(sandbox(), order.id, 'approve');
		expect(retried.data.payment).toMatchObject({
			id: declined.id,
			status: 'recovered',
			attempts: 2,
		});
		expect(retried.data.order.status).toBe('active');
	});

	it('retries a hard-declined payment with status scheduled alone', async () => {
		const order = await instalmentOrder();
		const declined = (await pay(sandbox(), order.id, 'hard_decline')).data.payment;
		const res = await update(order.id, declined.id, { scheduled_payment: { status: 'scheduled' } });
		expect(res.data).toMatchObject({
			status: 'scheduled',
			[FIELD.scheduledAt]: declined[FIELD.scheduledAt],
		});
	});

	it('lets an explicit status win over the retry of a declined payment', async () => {
		const order = await instalmentOrder();
		const declined = (await pay(sandbox(), order.id, 'soft_decline')).data.payment;
		const res = await update(order.id, declined.id, {
			scheduled_payment: { status: 'skipped', [FIELD.scheduledAt]: inDays(2) },
		});
		expect(res.data.status).toBe('skipped');
	});
});

describe('PUT a scheduled payment: status', () => {
	it('skips a payment: its amount leaves the order’s totals', async () => {
		const order = await instalmentOrder();
		const [first] = payments(order.id);
		const res = await update(order.id, first.id, { scheduled_payment: { status: 'skipped' } });
		expect(res.status).toBe(200);
		expect(res.data).toMatchObject({ id: first.id, status: 'skipped' });
		// 90.99 - 22.74; 4 payments (deposit + 3) become 3.
		expect(sandbox().store.order(1, order.id)).toMatchObject({
			total_to_pay: '68.25',
			count_to_pay: 3,
			total_installment_amount: '90.99',
			status: 'active',
		});
	});

	it('cancels a payment: it stays in the totals', async () => {
		const order = await instalmentOrder();
		const [first] = payments(order.id);
		const res = await update(order.id, first.id, { scheduled_payment: { status: 'cancelled' } });
		expect(res.data.status).toBe('cancelled');
		expect(sandbox().store.order(1, order.id)).toMatchObject({
			total_to_pay: '90.99',
			count_to_pay: 4,
		});
	});

	it('completes a live instalment order once nothing is left to collect', async () => {
		const order = await instalmentOrder();
		const ids = payments(order.id).map((p) => p.id);
		await pay(sandbox(), order.id, 'approve');
		await update(order.id, ids[1], { scheduled_payment: { status: 'skipped' } });
		expect(sandbox().store.order(1, order.id)?.status).toBe('active');
		await update(order.id, ids[2], { scheduled_payment: { status: 'cancelled' } });
		expect(sandbox().store.order(1, order.id)?.status).toBe('complete');
	});

	it('does not complete a pending instalment order whose payments are all skipped', async () => {
		const order = await instalmentOrder({}, false);
		for (const payment of payments(order.id))
			await update(order.id, payment.id, { scheduled_payment: { status: 'skipped' } });
		expect(sandbox().store.order(1, order.id)?.status).toBe('pending');
	});

	it('gives a subscription its next cycle when its payment is skipped', async () => {
		const [orderId, payment] = await subscription();
		await update(orderId, payment.id, { scheduled_payment: { status: 'skipped' } });
		const [skipped, next] = payments(orderId);
		expect(skipped.status).toBe('skipped');
		expect(next).toMatchObject({ status: 'scheduled', amount: '44.99' });
		const expected = new Date(payment[FIELD.scheduledAt]);
		const month = expected.getUTCMonth() + 1;
		const last = new Date(Date.UTC(expected.getUTCFullYear(), month + 1, 0)).getUTCDate();
		expect(next[FIELD.scheduledAt]).toBe(
			new Date(
				Date.UTC(expected.getUTCFullYear(), month, Math.min(expected.getUTCDate(), last), 9),
			).toISOString(),
		);
	});

	it.each(['complete', 'paused', 'SKIPPED', 'soft-declined', 1, true])(
		'refuses status %j: is not one of scheduled, skipped, cancelled',
		async (status) => {
			const order = await instalmentOrder();
			const res = await update(order.id, payments(order.id)[0].id, {
				scheduled_payment: { status },
			});
			expect(res.status).toBe(422);
			expect(res.data).toEqual({ status: ['is not one of scheduled, skipped, cancelled'] });
		},
	);
});

describe('PUT a scheduled payment: which payments can change', () => {
	it.each([
		['complete', 'approve'],
		['recovered', 'recover'],
		['skipped', 'skip'],
		['cancelled', 'cancel'],
	] as const)('refuses a %s payment, naming its status', async (status, how) => {
		const order = await instalmentOrder();
		const [first] = payments(order.id);
		if (how === 'approve') await pay(sandbox(), order.id, 'approve');
		if (how === 'recover') {
			await pay(sandbox(), order.id, 'soft_decline');
			await pay(sandbox(), order.id, 'approve');
		}
		if (how === 'skip' || how === 'cancel')
			await update(order.id, first.id, {
				scheduled_payment: { status: `${how === 'skip' ? 'skipped' : 'cancelled'}` },
			});
		expect(payments(order.id)[0].status).toBe(status);
		for (const change of [
			{ status: 'scheduled' },
			{ amount: '1.00' },
			{ [FIELD.scheduledAt]: inDays(5) },
		]) {
			const res = await update(order.id, first.id, { scheduled_payment: change });
			expect([res.status, res.data]).toEqual([
				422,
				{ status: [`cannot be changed when the scheduled payment is ${status}`] },
			]);
		}
	});

	it('refuses a paused payment of a paused order, and accepts it once resumed', async () => {
		const [orderId, payment] = await subscription();
		await single(sandbox()).put(endpointPath('pauseOrder', orderId));
		for (const change of [
			{ status: 'scheduled' },
			{ [FIELD.scheduledAt]: inDays(5) },
			{ status: 'skipped' },
		]) {
			const res = await update(orderId, payment.id, { scheduled_payment: change });
			expect([res.status, res.data]).toEqual([
				422,
				{ status: ['cannot be changed while the order is paused'] },
			]);
		}
		expect(payments(orderId)[0].status).toBe('paused');
		await single(sandbox()).put(endpointPath('resumeOrder', orderId));
		expect(
			(await update(orderId, payment.id, { scheduled_payment: { status: 'skipped' } })).status,
		).toBe(200);
	});

	it('refuses the payments of a cancelled order (they are cancelled)', async () => {
		const order = await instalmentOrder({}, false);
		await single(sandbox()).put(endpointPath('cancelOrder', order.id));
		const res = await update(order.id, payments(order.id)[0].id, {
			scheduled_payment: { status: 'scheduled' },
		});
		expect(res.data).toEqual({
			status: ['cannot be changed when the scheduled payment is cancelled'],
		});
	});

	it('changes a pending order’s payments', async () => {
		const order = await instalmentOrder({}, false);
		const res = await update(order.id, payments(order.id)[0].id, {
			scheduled_payment: { amount: '20' },
		});
		expect(res.status).toBe(200);
	});
});

describe('PUT a scheduled payment: amount', () => {
	it('for a subscription, also sets the order’s monthly_amount for future cycles', async () => {
		const [orderId, payment] = await subscription();
		const res = await update(orderId, payment.id, { scheduled_payment: { amount: 24.99 } });
		expect(res.status).toBe(200);
		expect(res.data.amount).toBe('24.99');
		expect(sandbox().store.order(1, orderId)?.monthly_amount).toBe('24.99');
		await pay(sandbox(), orderId, 'approve');
		expect(payments(orderId).map((p) => [p.status, p.amount])).toEqual([
			['complete', '24.99'],
			['scheduled', '24.99'],
		]);
	});

	it('for an instalment, changes that payment and the total, not monthly_amount', async () => {
		const order = await instalmentOrder();
		const [first, second] = payments(order.id);
		const res = await update(order.id, first.id, { scheduled_payment: { amount: '30.00' } });
		expect(res.data.amount).toBe('30.00');
		expect(payments(order.id)[1]).toEqual(second);
		expect(sandbox().store.order(1, order.id)).toMatchObject({
			monthly_amount: '22.74',
			total_to_pay: '98.25',
			total_installment_amount: '90.99',
		});
	});

	it.each(['-1', '1.005', 'abc', '', false])('refuses amount %j', async (amount) => {
		const order = await instalmentOrder();
		const res = await update(order.id, payments(order.id)[0].id, { scheduled_payment: { amount } });
		expect(res.data).toEqual({ amount: ['is not a valid amount'] });
	});
});

describe('PUT a scheduled payment: interval (subscriptions only)', () => {
	it('changes the payment’s and the order’s interval; the next cycle follows it', async () => {
		const [orderId, payment] = await subscription();
		const res = await update(orderId, payment.id, {
			scheduled_payment: { scheduled_interval: '2', scheduled_duration_unit: 'WEEK' },
		});
		expect(res.status).toBe(200);
		expect(res.data).toMatchObject({
			scheduled_interval: 2,
			scheduled_duration_unit: 'WEEK',
			[FIELD.scheduledAt]: payment[FIELD.scheduledAt],
		});
		expect(sandbox().store.order(1, orderId)).toMatchObject({
			scheduled_interval: 2,
			scheduled_duration_unit: 'WEEK',
		});
		await pay(sandbox(), orderId, 'approve');
		const next = payments(orderId)[1];
		expect(next).toMatchObject({
			status: 'scheduled',
			scheduled_interval: 2,
			scheduled_duration_unit: 'WEEK',
		});
		expect(Date.parse(next[FIELD.scheduledAt]) - Date.parse(payment[FIELD.scheduledAt])).toBe(
			14 * DAY,
		);
	});

	it.each([
		[
			{ scheduled_interval: 2 },
			{ scheduled_duration_unit: ['is required when scheduled_interval is sent'] },
		],
		[
			{ scheduled_duration_unit: 'WEEK' },
			{ scheduled_interval: ['is required when scheduled_duration_unit is sent'] },
		],
		[
			{ scheduled_interval: 0, scheduled_duration_unit: 'week' },
			{
				scheduled_interval: ['must be greater than or equal to 1'],
				scheduled_duration_unit: ['is not one of DAY, WEEK, MONTH, YEAR'],
			},
		],
		[
			{ scheduled_interval: 2_000_000, scheduled_duration_unit: 'YEAR' },
			{ scheduled_interval: ['puts a scheduled payment after the year 9999'] },
		],
	])('refuses %j for a subscription', async (change, errors) => {
		const [orderId, payment] = await subscription();
		const res = await update(orderId, payment.id, { scheduled_payment: change });
		expect([res.status, res.data]).toEqual([422, errors]);
		expect(sandbox().store.order(1, orderId)?.scheduled_interval).toBe(1);
	});

	it('refuses an interval change for an instalment order: can only be changed for subscriptions', async () => {
		const order = await instalmentOrder();
		const res = await update(order.id, payments(order.id)[0].id, {
			scheduled_payment: { scheduled_interval: 2, scheduled_duration_unit: 'WEEK' },
		});
		expect(res.status).toBe(422);
		expect(res.data).toEqual({
			scheduled_interval: ['can only be changed for subscriptions'],
			scheduled_duration_unit: ['can only be changed for subscriptions'],
		});
	});
});

describe('PUT a scheduled payment: body and ids', () => {
	it.each([
		['no body', undefined],
		['no scheduled_payment key', { status: 'skipped' }],
		['an empty object', { scheduled_payment: {} }],
		['a string', { scheduled_payment: 'skipped' }],
	])('answers {"scheduled_payment":["is required"]} for %s', async (_label, body) => {
		const order = await instalmentOrder();
		const res = await update(order.id, payments(order.id)[0].id, body);
		expect([res.status, res.data]).toEqual([422, { scheduled_payment: ['is required'] }]);
	});

	it('answers which fields it takes when none is sent', async () => {
		const order = await instalmentOrder();
		const res = await update(order.id, payments(order.id)[0].id, {
			scheduled_payment: { note: 'x', status: null },
		});
		expect(res.data).toEqual({
			scheduled_payment: [
				`must contain at least one of status, ${FIELD.scheduledAt}, amount, scheduled_interval, scheduled_duration_unit`,
			],
		});
	});

	it('collects every field error in one 422 and changes nothing', async () => {
		const order = await instalmentOrder();
		const [first] = payments(order.id);
		const res = await update(order.id, first.id, {
			scheduled_payment: {
				status: 'done',
				[FIELD.scheduledAt]: '2020-01-01T00:00:00Z',
				amount: 'x',
				scheduled_interval: 2,
			},
		});
		expect(res.data).toEqual({
			status: ['is not one of scheduled, skipped, cancelled'],
			[FIELD.scheduledAt]: ['must be in the future'],
			amount: ['is not a valid amount'],
			scheduled_interval: ['can only be changed for subscriptions'],
		});
		expect(payments(order.id)[0]).toEqual(first);
	});

	it('answers {"id":["not found"]} for a payment of another order, unknown ids and other profiles', async () => {
		const order = await instalmentOrder();
		const other = await instalmentOrder();
		const theirs = payments(other.id)[0];
		for (const [orderId, id] of [
			[order.id, theirs.id],
			[order.id, 999],
			[order.id, 'abc'],
			[999, theirs.id],
		] as const) {
			const res = await update(orderId, id, { scheduled_payment: { status: 'skipped' } });
			expect([orderId, id, res.status, res.data]).toEqual([orderId, id, 422, NOT_FOUND]);
		}
		const fromSeven = await multi(sandbox(), 7).put(
			endpointPath('updateScheduledPayment', { orderId: other.id, id: theirs.id }),
			{ scheduled_payment: { status: 'skipped' } },
		);
		expect([fromSeven.status, fromSeven.data]).toEqual([422, NOT_FOUND]);
		expect(payments(other.id)[0]).toEqual(theirs);
	});

	it('answers 404 for another method', async () => {
		const order = await instalmentOrder();
		const path = endpointPath('updateScheduledPayment', {
			orderId: order.id,
			id: payments(order.id)[0].id,
		});
		for (const method of ['get', 'post', 'delete'] as const) {
			const res = await single(sandbox()).request({ method, url: path });
			expect([method, res.status]).toEqual([method, 404]);
		}
	});

	it('uses a date in DD/MM/YYYY start_date only at creation: scheduled_at must be ISO 8601', async () => {
		const order = await instalmentOrder();
		const res = await update(order.id, payments(order.id)[0].id, {
			scheduled_payment: { [FIELD.scheduledAt]: daysFromToday(3).date },
		});
		expect(res.data).toEqual({
			[FIELD.scheduledAt]: ['is not a valid ISO 8601 date and time with a time zone'],
		});
	});
});
