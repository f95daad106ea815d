import { FIELD } from '../../../nodes/BillPro/shared/api';
import { byId } from '../orderFixtures';
import { useSandbox } from '../sandboxFixture';
import { paymentSteps } from './paymentSteps';

describe('Rescheduling a scheduled payment', () => {
	const billPro = useSandbox();
	const { activeOrder, run, firstScheduled } = paymentSteps(billPro);

	const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

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
});
