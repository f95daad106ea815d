import { byId } from '../orderFixtures';
import { useSandbox } from '../sandboxFixture';
import { itSetsOnePaymentsStatus, paymentSteps } from './paymentSteps';

describe('Skipping a scheduled payment', () => {
	const billPro = useSandbox();
	const { activeOrder, run, firstScheduled } = paymentSteps(billPro);

	itSetsOnePaymentsStatus(billPro, ['skip', 'skipped']);

	it('explains that a collected payment cannot be changed', async () => {
		const orderId = await activeOrder('instalment');
		const payment = await firstScheduled(orderId);
		billPro.sandbox.store.processPayment(1, Number(orderId), 'approve');
		const { error } = await run({ operation: 'skip', orderId, scheduledPayment: byId(payment.id) });
		expect(error?.message).toMatch(/^BillPro refused: the scheduled payment .*complete/);
	});
});
