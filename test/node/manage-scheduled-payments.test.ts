import type { IDataObject } from 'n8n-workflow';
import { FIELD } from '../../nodes/BillPro/shared/api';
import { runBillPro } from '../harness/workflow';
import { byId, createOrder, newCustomer, productOf } from './orderFixtures';
import { useSandbox } from './sandboxFixture';

describe("Managing an order's scheduled payments", () => {
	const billPro = useSandbox();

	/** An order of the type, paid through its link (so it is active), and its scheduled payments. */
	async function activeOrder(type: 'instalment' | 'subscription') {
		const credentials = billPro.singleProfile();
		const customer = await newCustomer(credentials);
		const created = await runBillPro({
			credentials,
			parameters: createOrder(customer, type, [productOf(billPro.sandbox, type)]),
		});
		if (created.error) throw created.error;
		const orderId = String(created.items[0].json.id);
		billPro.sandbox.store.processPayment(1, Number(orderId), 'approve');
		billPro.sandbox.store.resetRequests();
		return orderId;
	}

	const run = (parameters: IDataObject) =>
		runBillPro({
			credentials: billPro.singleProfile(),
			parameters: { resource: 'scheduledPayment', ...parameters },
		});

	const firstScheduled = async (orderId: string) => {
		const { items } = await run({ operation: 'getAll', orderId, returnAll: true, simplify: false });
		const payment = items.find((item) => item.json.status === 'scheduled')?.json;
		if (!payment) throw new Error('no scheduled payment');
		billPro.sandbox.store.resetRequests();
		return payment;
	};

	const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

	it("lists all of an instalment order's payments, simplified", async () => {
		const orderId = await activeOrder('instalment');
		const { items } = await run({ operation: 'getAll', orderId, returnAll: true });
		const stored = billPro.sandbox.store.scheduledPayments(1, Number(orderId));
		expect(items.map((item) => item.json.id)).toEqual(stored.map((payment) => payment.id));
		expect(Object.keys(items[0].json)).toHaveLength(10);
		expect(billPro.requests()[0].path).toBe(`/api/v1/orders/${orderId}/scheduled_payments`);
	});

	it('reschedules a payment to a date in UTC', async () => {
		const orderId = await activeOrder('subscription');
		const payment = await firstScheduled(orderId);
		const when = inAWeek();
		const { items, error } = await run({
			operation: 'reschedule',
			orderId,
			scheduledPayment: byId(payment.id),
			scheduledAt: when.replace('Z', ''), // n8n's date picker gives no time zone
		});
		expect(error).toBeUndefined();
		expect(items[0].json[FIELD.scheduledAt]).toBe(when);
		expect(billPro.requests()[0]).toMatchObject({
			method: 'PUT',
			path: `/api/v1/orders/${orderId}/scheduled_payments/${payment.id}`,
			body: { scheduled_payment: { status: 'scheduled', [FIELD.scheduledAt]: when } },
		});
	});

	it('retries a soft-declined payment by rescheduling it', async () => {
		const orderId = await activeOrder('subscription');
		const payment = await firstScheduled(orderId);
		billPro.sandbox.store.processPayment(1, Number(orderId), 'soft_decline');
		const declined = billPro.sandbox.store
			.scheduledPayments(1, Number(orderId))
			.find((candidate) => candidate.id === payment.id);
		expect(declined?.status).toBe('soft-declined');
		const { items } = await run({
			operation: 'reschedule',
			orderId,
			scheduledPayment: byId(payment.id),
			scheduledAt: inAWeek(),
		});
		expect(items[0].json.status).toBe('scheduled');
	});

	it('refuses a date in the past before sending anything', async () => {
		const orderId = await activeOrder('subscription');
		const payment = await firstScheduled(orderId);
		const { error } = await run({
			operation: 'reschedule',
			orderId,
			scheduledPayment: byId(payment.id),
			scheduledAt: '2020-01-01T00:00:00Z',
		});
		expect(error?.message).toMatch(/^'Scheduled At' must be in the future/);
		expect(billPro.requests()).toHaveLength(0);
	});

	it.each([
		['skip', 'skipped'],
		['cancel', 'cancelled'],
	])('can %s one payment', async (operation, status) => {
		const orderId = await activeOrder('instalment');
		const payment = await firstScheduled(orderId);
		const { items } = await run({ operation, orderId, scheduledPayment: byId(payment.id) });
		expect(items[0].json.status).toBe(status);
		expect(billPro.requests()[0].body).toEqual({ scheduled_payment: { status } });
	});

	it('updates the amount of a subscription payment and of the later ones', async () => {
		const orderId = await activeOrder('subscription');
		const payment = await firstScheduled(orderId);
		const { items, error } = await run({
			operation: 'updateAmount',
			orderId,
			scheduledPayment: byId(payment.id),
			amount: '24.99',
		});
		expect(error).toBeUndefined();
		expect(items[0].json.amount).toBe('24.99');
		expect(billPro.sandbox.store.order(1, Number(orderId))?.monthly_amount).toBe('24.99');
	});

	it("changes a subscription's interval", async () => {
		const orderId = await activeOrder('subscription');
		const payment = await firstScheduled(orderId);
		const { items } = await run({
			operation: 'changeInterval',
			orderId,
			scheduledPayment: byId(payment.id),
			interval: 2,
			intervalUnit: 'WEEK',
		});
		expect(items[0].json).toMatchObject({ scheduled_interval: 2, scheduled_duration_unit: 'WEEK' });
		expect(billPro.requests()[0].body).toEqual({
			scheduled_payment: { scheduled_interval: 2, scheduled_duration_unit: 'WEEK' },
		});
	});

	it('explains that only subscriptions change interval', async () => {
		const orderId = await activeOrder('instalment');
		const payment = await firstScheduled(orderId);
		const { error } = await run({
			operation: 'changeInterval',
			orderId,
			scheduledPayment: byId(payment.id),
			interval: 2,
			intervalUnit: 'WEEK',
		});
		expect(error).toMatchObject({ httpCode: '422' });
		expect(error?.message).toMatch(/only be changed for subscriptions/);
	});

	it('explains that a collected payment cannot be changed', async () => {
		const orderId = await activeOrder('instalment');
		const payment = await firstScheduled(orderId);
		billPro.sandbox.store.processPayment(1, Number(orderId), 'approve');
		const { error } = await run({ operation: 'skip', orderId, scheduledPayment: byId(payment.id) });
		expect(error?.message).toMatch(/^BillPro refused: the scheduled payment .*complete/);
	});

	it('refuses an amount that is not an amount before sending anything', async () => {
		const orderId = await activeOrder('subscription');
		const payment = await firstScheduled(orderId);
		const { error } = await run({
			operation: 'updateAmount',
			orderId,
			scheduledPayment: byId(payment.id),
			amount: '12,50',
		});
		expect(error?.message).toMatch(/^'Amount' must be an amount/);
		expect(billPro.requests()).toHaveLength(0);
	});
});
