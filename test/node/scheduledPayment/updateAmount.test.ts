import { byId } from '../orderFixtures';
import { useSandbox } from '../sandboxFixture';
import { paymentSteps } from './paymentSteps';

describe('Updating the amount of a scheduled payment', () => {
	const billPro = useSandbox();
	const { activeOrder, run, firstScheduled } = paymentSteps(billPro);

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
