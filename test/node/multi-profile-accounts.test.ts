import { listSearch } from '../harness/listSearch';
import { ActiveTrigger } from '../harness/poll';
import { asAiTool, runBillPro } from '../harness/workflow';
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

describe("A node's own Profile ID (Request Options) for one credential with several profiles", () => {
	const billPro = useSandbox();
	const inProfile7 = { requestOptions: { profileId: '7' } };
	const profilesSent = () => [...new Set(billPro.requests().map((request) => request.profileId))];

	it("every request of every path carries the node's profile instead of the credential's", async () => {
		const credentials = billPro.multiProfile('5');
		const created = await runBillPro({
			credentials,
			parameters: {
				resource: 'customer',
				operation: 'create',
				firstName: 'Ida',
				lastName: 'Seven',
				email: 'ida7@example.com',
				...inProfile7,
			},
		});
		expect(created.error).toBeUndefined();
		const customer = { __rl: true, mode: 'id', value: String(created.items[0].json.id) };
		const updated = await runBillPro({
			credentials,
			parameters: {
				resource: 'customer',
				operation: 'update',
				customer,
				updateFields: { lastName: 'Sevens' },
				...inProfile7,
			},
		});
		expect(updated.error).toBeUndefined();
		const listed = await runBillPro({
			credentials,
			parameters: { resource: 'customer', operation: 'getAll', returnAll: true, ...inProfile7 },
		});
		expect(listed.items.map((item) => item.json.id)).toEqual(
			billPro.sandbox.store.customers(7).map((c) => c.id),
		);
		const asTool = await asAiTool(
			async () =>
				await runBillPro({
					credentials,
					parameters: {
						resource: 'customer',
						operation: 'create',
						firstName: 'Tom',
						lastName: 'Seven',
						email: 'tom7@example.com',
						...inProfile7,
					},
				}),
		);
		expect(asTool.error).toBeUndefined();
		const search = await listSearch(
			'searchProducts',
			credentials,
			undefined,
			undefined,
			inProfile7,
		);
		expect(search.results.length).toBe(billPro.sandbox.store.products(7).length);
		await new ActiveTrigger(credentials, { events: ['newCustomer'], ...inProfile7 }).poll();
		expect(profilesSent()).toEqual(['7']);
		expect(billPro.sandbox.store.customers(5).some((c) => c.email === 'ida7@example.com')).toBe(
			false,
		);
	});

	it("an empty Profile ID, also from an expression, uses the credential's", async () => {
		const credentials = billPro.multiProfile('5');
		await runBillPro({
			credentials,
			parameters: {
				resource: 'product',
				operation: 'getAll',
				limit: 5,
				requestOptions: { profileId: '' },
			},
		});
		await new ActiveTrigger(credentials, {
			events: ['newCustomer'],
			requestOptions: { profileId: '' },
		}).poll();
		expect(profilesSent()).toEqual(['5']);
	});

	it.each(['seven', '7 ', -7, 'profile 7'])(
		'refuses a Profile ID of %p before any request, naming the field',
		async (profileId) => {
			const credentials = billPro.multiProfile('5');
			const routed = await runBillPro({
				credentials,
				parameters: {
					resource: 'product',
					operation: 'getAll',
					limit: 5,
					requestOptions: { profileId },
				},
			});
			expect(routed.error?.message).toMatch(
				/^'Profile ID' under Request Options must be a profile's ID/,
			);
			const created = await runBillPro({
				credentials,
				parameters: {
					resource: 'customer',
					operation: 'create',
					firstName: 'No',
					lastName: 'Body',
					email: 'nobody@example.com',
					requestOptions: { profileId },
				},
			});
			expect(created.error?.message).toMatch(/^'Profile ID' under Request Options/);
			await expect(
				new ActiveTrigger(credentials, {
					events: ['newCustomer'],
					requestOptions: { profileId },
				}).poll(),
			).rejects.toThrow(/'Profile ID' under Request Options/);
			expect(billPro.requests()).toEqual([]);
		},
	);
});
