import { useSandbox } from '../sandboxFixture';
import { orderSteps } from './orderSteps';

describe('Pausing an order', () => {
	const billPro = useSandbox();
	const { pendingOrder, operate } = orderSteps(billPro);

	it('explains that only an active subscription can be paused', async () => {
		const pending = await pendingOrder();
		const { error } = await operate('pause', pending);
		expect(error?.message).toMatch(/^BillPro refused: the order .*pending/);

		const single = await pendingOrder('single_payment');
		expect((await operate('pause', single)).error?.message).toMatch(/subscription/);
	});
});
