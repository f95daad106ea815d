import { FIELD } from '../../../nodes/BillPro/shared/api';
import { runBillPro } from '../../harness/workflow';
import { createOrder, newCustomer, productOf } from '../orderFixtures';
import { useSandbox } from '../sandboxFixture';

describe('Renewing a checkout', () => {
	const billPro = useSandbox();

	it('gives a new checkout ID for a pending order created with a checkout', async () => {
		const credentials = billPro.singleProfile();
		const customer = await newCustomer(credentials);
		const created = await runBillPro({
			credentials,
			parameters: createOrder(
				customer,
				'single_payment',
				[productOf(billPro.sandbox, 'single_payment')],
				{
					additionalFields: { createCheckout: true },
				},
			),
		});
		const order = created.items[0].json;
		const { items, error } = await runBillPro({
			credentials,
			parameters: { resource: 'checkout', operation: 'renew', orderId: String(order.id) },
		});
		expect(error).toBeUndefined();
		expect(items[0].json[FIELD.checkoutId]).toEqual(expect.any(String));
		expect(items[0].json[FIELD.checkoutId]).not.toBe(order[FIELD.checkoutId]);
		expect(billPro.requests().at(-1)).toMatchObject({
			method: 'POST',
			path: `/api/v1/order_checkouts/${order.id}`,
		});
	});

	it('explains that an order without a checkout cannot renew one', async () => {
		const credentials = billPro.singleProfile();
		const customer = await newCustomer(credentials);
		const created = await runBillPro({
			credentials,
			parameters: createOrder(customer, 'single_payment', [
				productOf(billPro.sandbox, 'single_payment'),
			]),
		});
		const { error } = await runBillPro({
			credentials,
			parameters: {
				resource: 'checkout',
				operation: 'renew',
				orderId: String(created.items[0].json.id),
			},
		});
		expect(error).toMatchObject({ httpCode: '422' });
		expect(error?.message).toMatch(/^BillPro rejected 'Checkout' .*create_checkout/);
	});
});
