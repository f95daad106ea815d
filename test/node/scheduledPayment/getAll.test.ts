import { useSandbox } from '../sandboxFixture';
import { paymentSteps } from './paymentSteps';

describe("Listing an order's scheduled payments", () => {
	const billPro = useSandbox();
	const { activeOrder, run } = paymentSteps(billPro);

	it("lists all of an instalment order's payments, simplified", async () => {
		const orderId = await activeOrder('instalment');
		const { items } = await run({ operation: 'getAll', orderId, returnAll: true });
		const stored = billPro.sandbox.store.scheduledPayments(1, Number(orderId));
		expect(items.map((item) => item.json.id)).toEqual(stored.map((payment) => payment.id));
		expect(Object.keys(items[0].json)).toHaveLength(10);
		expect(billPro.requests()[0].path).toBe(`/api/v1/orders/${orderId}/scheduled_payments`);
	});
});
