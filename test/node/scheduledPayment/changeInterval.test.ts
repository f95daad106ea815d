import { byId } from '../orderFixtures';
import { useSandbox } from '../sandboxFixture';
import { paymentSteps } from './paymentSteps';

describe("Changing a subscription's payment interval", () => {
	const billPro = useSandbox();
	const { activeOrder, run, firstScheduled } = paymentSteps(billPro);

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
});
