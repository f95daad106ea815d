import { FIELD } from '../../../nodes/BillPro/shared/api';
import { useSandbox } from '../sandboxFixture';
import { orderSteps } from './orderSteps';

describe('Getting an order', () => {
	const billPro = useSandbox();
	const { pendingOrder, operate } = orderSteps(billPro);

	it('gets an order, simplified to 10 fields with its payment link', async () => {
		const orderId = await pendingOrder();
		const { items } = await operate('get', orderId);
		expect(Object.keys(items[0].json)).toHaveLength(10);
		expect(items[0].json).toMatchObject({ id: Number(orderId), status: 'pending' });
		expect(items[0].json[FIELD.paymentLink]).toEqual(expect.any(String));
		expect(billPro.requests()[0]).toMatchObject({
			method: 'GET',
			path: `/api/v1/orders/${orderId}`,
		});
	});

	it('gets the raw order when Simplify is off', async () => {
		const orderId = await pendingOrder();
		const { items } = await operate('get', orderId, { simplify: false });
		expect(items[0].json).toEqual(billPro.sandbox.store.order(1, Number(orderId)));
	});

	it('says an unknown order was not found', async () => {
		const { error } = await operate('get', '999999');
		expect(error?.message).toBe(
			"The order was not found in BillPro. Check the ID. Use the order's 'id', a whole number, from the answer of Create an order or Get an order.",
		);
	});
});
