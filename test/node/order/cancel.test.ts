import { useSandbox } from '../sandboxFixture';
import { orderSteps } from './orderSteps';

describe('Cancelling an order', () => {
	const billPro = useSandbox();
	const { pendingOrder, operate } = orderSteps(billPro);

	it('cancels a pending order, then explains it cannot be cancelled again', async () => {
		const orderId = await pendingOrder();
		const cancelled = await operate('cancel', orderId);
		expect(cancelled.items[0].json.status).toBe('cancelled');
		expect(billPro.requests()[0]).toMatchObject({
			method: 'PUT',
			path: `/api/v1/orders/${orderId}/cancel_order`,
		});

		const again = await operate('cancel', orderId);
		expect(again.error).toMatchObject({ name: 'NodeApiError', httpCode: '422' });
		expect(again.error?.message).toMatch(/^BillPro refused: the order .*cancelled/);
		expect(again.error?.description).toMatch(/current status/);
	});

	it('marks a live order complete when cancelled', async () => {
		const orderId = await pendingOrder();
		billPro.sandbox.store.processPayment(1, Number(orderId), 'approve');
		expect((await operate('cancel', orderId)).items[0].json.status).toBe('complete');
	});

	it('refuses an order ID that is not a number before sending anything', async () => {
		const { error } = await operate('cancel', 'ORD-1');
		expect(error?.message).toMatch(/^'Order ID' must be a BillPro ID/);
		// The fix is in the message: an AI agent is given nothing else.
		expect(error?.message).toMatch(
			/Use the order's 'id', a whole number, from the answer of Create an order or Get an order\.$/,
		);
		expect(billPro.requests()).toHaveLength(0);
	});
});
