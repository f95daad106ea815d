import { runBillPro } from '../../harness/workflow';
import { useSandbox } from '../sandboxFixture';

describe('Finding customers', () => {
	const billPro = useSandbox();

	it('returns every customer across pages after a bulk create', async () => {
		const credentials = billPro.singleProfile();
		const people = Array.from({ length: 30 }, (_, index) => ({
			first: `Person${index}`,
			mail: `person${index}@example.com`,
		}));
		const created = await runBillPro({
			credentials,
			items: people,
			parameters: {
				resource: 'customer',
				operation: 'create',
				firstName: '={{ $json.first }}',
				lastName: 'Imported',
				email: '={{ $json.mail }}',
			},
		});
		expect(created.items).toHaveLength(30);
		billPro.sandbox.store.resetRequests();

		const seeded = billPro.sandbox.store.customers(1).length - 30;
		const { items } = await runBillPro({
			credentials,
			parameters: { resource: 'customer', operation: 'getAll', returnAll: true },
		});
		expect(items).toHaveLength(seeded + 30);
		expect(items.filter((item) => item.json.last_name === 'Imported')).toHaveLength(30);
		// 33 customers: page 1, then pages 2–5 together (3–5 past the end).
		expect(billPro.requests()).toHaveLength(5);
	});

	it('filters by merchant customer ID', async () => {
		const [first] = billPro.sandbox.store.customers(1);
		const { items } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: {
				resource: 'customer',
				operation: 'getAll',
				filters: { customerId: first.customer_id },
				simplify: false,
			},
		});
		expect(items.map((item) => item.json)).toEqual([first]);
	});

	// n8n drops an empty query value, and BillPro then lists everyone: "find by merchant ID,
	// then update" would act on every customer.
	it.each([
		['null', '={{ null }}', 'is empty'],
		['empty text', '={{ "" }}', 'is empty'],
		['blank text', '={{ "   " }}', 'is empty'],
		['a missing input field', '={{ $json.nothing }}', 'is empty'],
		['an object', '={{ { a: 1 } }}', `must be text or a number; got '{"a":1}'`],
		['a list', '={{ ["4F7Q2K9XAB"] }}', `must be text or a number; got '["4F7Q2K9XAB"]'`],
		['true', '={{ true }}', "must be text or a number; got 'true'"],
	])(
		'refuses a Merchant Customer ID filter that gives %s, without listing anyone',
		async (_what, customerId, problem) => {
			const { items, error } = await runBillPro({
				credentials: billPro.singleProfile(),
				parameters: { resource: 'customer', operation: 'getAll', filters: { customerId } },
			});
			expect(items).toHaveLength(0);
			expect(error?.message).toBe(
				`'Merchant Customer ID' ${problem} [item 0]. An empty filter would list every record. ` +
					`Remove the filter 'Merchant Customer ID' to list them all, or map a value to it${
						problem === 'is empty'
							? ' (check that the expression finds the field in the input item)'
							: ''
					}.`,
			);
			expect(billPro.requests()).toHaveLength(0);
		},
	);

	it('sends a number as the Merchant Customer ID filter as text', async () => {
		const { items, error } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: {
				resource: 'customer',
				operation: 'getAll',
				filters: { customerId: '={{ 4242 }}' },
			},
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(0);
		expect(billPro.requests().map((request) => request.query.customer_id)).toEqual(['4242']);
	});

	it('with Continue On Fail, fails only the item whose filter is empty, paired with it', async () => {
		const [first] = billPro.sandbox.store.customers(1);
		const { items, error } = await runBillPro({
			credentials: billPro.singleProfile(),
			continueOnFail: true,
			items: [{ merchantId: first.customer_id }, {}],
			parameters: {
				resource: 'customer',
				operation: 'getAll',
				filters: { customerId: '={{ $json.merchantId }}' },
			},
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => [item.pairedItem, item.json.id ?? item.json.error])).toEqual([
			[{ item: 0 }, first.id],
			[{ item: 1 }, expect.stringMatching(/^'Merchant Customer ID' is empty \[item 1\]/)],
		]);
		// Only the first item's list was read (its pages all carry its filter).
		const filters = new Set(billPro.requests().map((request) => request.query.customer_id));
		expect(filters).toEqual(new Set([first.customer_id]));
	});
});
