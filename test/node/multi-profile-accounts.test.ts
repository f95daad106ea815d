import { listSearch } from '../harness/listSearch';
import { runBillPro } from '../harness/workflow';
import { productOf } from './orderFixtures';
import { useSandbox } from './sandboxFixture';

describe('Using an API user with several merchant profiles', () => {
	const billPro = useSandbox();

	it('sends profile_id with every request of every operation', async () => {
		const credentials = billPro.multiProfile('7');
		const created = await runBillPro({
			credentials,
			parameters: {
				resource: 'customer',
				operation: 'create',
				firstName: 'Eve',
				lastName: 'Ng',
				email: 'eve@example.com',
			},
		});
		const customer = { __rl: true, mode: 'id', value: String(created.items[0].json.id) };
		await runBillPro({
			credentials,
			parameters: {
				resource: 'customer',
				operation: 'update',
				customer,
				updateFields: { lastName: 'Ong' },
			},
		});
		await runBillPro({
			credentials,
			parameters: { resource: 'customer', operation: 'get', customer },
		});
		await runBillPro({
			credentials,
			parameters: { resource: 'customer', operation: 'getAll', returnAll: true },
		});
		await runBillPro({
			credentials,
			parameters: { resource: 'product', operation: 'getAll', returnAll: true },
		});
		const [product] = billPro.sandbox.store.products(7);
		await runBillPro({
			credentials,
			parameters: {
				resource: 'product',
				operation: 'get',
				product: { __rl: true, mode: 'id', value: String(product.id) },
			},
		});
		await listSearch('searchCustomers', credentials);
		await listSearch('searchProducts', credentials);
		const single = productOf(billPro.sandbox, 'single_payment', { profileId: 7 });
		const order = await runBillPro({
			credentials,
			parameters: {
				resource: 'order',
				operation: 'create',
				orderType: 'single_payment',
				customer: customer,
				currency: single.currency,
				products: { product: [{ productId: String(single.id), quantity: 1 }] },
				additionalFields: { createCheckout: true },
			},
		});
		const orderId = String(order.items[0].json.id);
		await runBillPro({ credentials, parameters: { resource: 'order', operation: 'get', orderId } });
		await runBillPro({
			credentials,
			parameters: { resource: 'checkout', operation: 'renew', orderId },
		});
		await runBillPro({
			credentials,
			parameters: { resource: 'scheduledPayment', operation: 'getAll', orderId, returnAll: true },
		});
		await runBillPro({
			credentials,
			parameters: { resource: 'order', operation: 'cancel', orderId },
		});

		const requests = billPro.requests();
		expect(requests.length).toBeGreaterThanOrEqual(14);
		expect(requests.filter((request) => request.status >= 400)).toEqual([]);
		expect(requests.filter((request) => request.profileId !== '7')).toEqual([]);
		expect(requests.every((request) => request.authorized)).toBe(true);
	});

	it('sends no profile_id at all for a single-profile API user', async () => {
		await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: { resource: 'product', operation: 'getAll', limit: 5 },
		});
		expect(billPro.requests()[0].query).not.toHaveProperty('profile_id');
	});

	it('explains that a Profile ID is needed when it is missing', async () => {
		const { error } = await runBillPro({
			credentials: billPro.multiProfile(''),
			parameters: { resource: 'product', operation: 'getAll' },
		});
		expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '422' });
		expect(error?.message).toMatch(/^BillPro needs a valid Profile ID/);
		expect(error?.description).toMatch(/Merchants in BillPro's User Details/);
	});

	it('keeps the data of each profile apart', async () => {
		const five = await runBillPro({
			credentials: billPro.multiProfile('5'),
			parameters: { resource: 'customer', operation: 'getAll', returnAll: true },
		});
		const seven = await runBillPro({
			credentials: billPro.multiProfile('7'),
			parameters: { resource: 'customer', operation: 'getAll', returnAll: true },
		});
		const ids = (result: typeof five) => result.items.map((item) => item.json.id);
		expect(ids(five)).toEqual(billPro.sandbox.store.customers(5).map((customer) => customer.id));
		expect(ids(seven)).toEqual(billPro.sandbox.store.customers(7).map((customer) => customer.id));
		expect(ids(five).filter((id) => ids(seven).includes(id))).toEqual([]);
	});
});
