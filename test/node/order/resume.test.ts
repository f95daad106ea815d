import { useSandbox } from '../sandboxFixture';
import { orderSteps } from './orderSteps';

describe('Resuming an order', () => {
	const billPro = useSandbox();
	const { pendingOrder, operate } = orderSteps(billPro);

	it('explains that only a paused subscription can be resumed', async () => {
		const orderId = await pendingOrder();
		billPro.sandbox.store.processPayment(1, Number(orderId), 'approve');
		const { error } = await operate('resume', orderId);
		expect(error?.message).toMatch(/^BillPro refused: the order .*active/);
	});
});
