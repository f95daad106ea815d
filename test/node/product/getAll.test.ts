import { runBillPro } from '../../harness/workflow';
import { useSandbox } from '../sandboxFixture';

const getManyProducts = (extra: Record<string, unknown> = {}) => ({
	resource: 'product',
	operation: 'getAll',
	...extra,
});

describe('Listing products', () => {
	const billPro = useSandbox();

	it('returns all 60 products of the profile, reading page 1, then pages 2 to 5 together', async () => {
		const { items, error } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: getManyProducts({ returnAll: true }),
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(60);
		expect(new Set(items.map((item) => item.json.id)).size).toBe(60);
		// 25 + 25 + 10: page 3 is short, so it is the last; pages 4 and 5 were asked for in the
		// same batch (PAGES_AHEAD) and answer empty.
		expect(
			billPro
				.requests()
				.map((request) => request.query.page)
				.sort(),
		).toEqual(['1', '2', '3', '4', '5']);
	});

	it('stops at the limit, reading only the pages it needs', async () => {
		const { items } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: getManyProducts({ returnAll: false, limit: 30 }),
		});
		expect(items).toHaveLength(30);
		expect(billPro.requests().map((request) => request.query.page)).toEqual(['1', '2']);
	});

	it('returns 50 by default', async () => {
		const { items } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: getManyProducts(),
		});
		expect(items).toHaveLength(50);
	});

	it('simplifies each product to its 10 most useful fields by default', async () => {
		const { items } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: getManyProducts({ limit: 1 }),
		});
		expect(Object.keys(items[0].json)).toEqual([
			'id',
			'product_id',
			'product_type',
			'product_status',
			'price',
			'currency',
			'product_group',
			'scheduled_interval',
			'scheduled_unit',
			'deposit_amount',
		]);
	});

	it('returns the raw product when Simplify is off', async () => {
		const { items } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: getManyProducts({ limit: 1, simplify: false }),
		});
		const [seeded] = billPro.sandbox.store.products(1);
		expect(items[0].json).toEqual(seeded);
		expect(items[0].json).toHaveProperty('lock_price');
	});

	it('filters by merchant product ID', async () => {
		const wanted = billPro.sandbox.store.products(1)[41];
		const { items } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: getManyProducts({ returnAll: true, filters: { productId: wanted.product_id } }),
		});
		expect(items.map((item) => item.json.id)).toEqual([wanted.id]);
		expect(billPro.requests()[0].query).toEqual({ page: '1', product_id: wanted.product_id });
	});

	it('lists only the products of the profile in the credential', async () => {
		const { items } = await runBillPro({
			credentials: billPro.multiProfile('5'),
			parameters: getManyProducts({ returnAll: true }),
		});
		const profile5 = billPro.sandbox.store.products(5).map((product) => product.id);
		expect(items.map((item) => item.json.id)).toEqual(profile5);
		expect(billPro.requests().every((request) => request.profileId === '5')).toBe(true);
	});

	it.each([
		['null', '={{ null }}', /^'Merchant Product ID' is empty \[item 0\]/],
		['a missing input field', '={{ $json.nothing }}', /^'Merchant Product ID' is empty \[item 0\]/],
		['an object', '={{ { id: "E2824181D8" } }}', /^'Merchant Product ID' must be text or a number/],
		['true', '={{ true }}', /^'Merchant Product ID' must be text or a number; got 'true'/],
	])(
		'refuses a Merchant Product ID filter that gives %s, without listing every product',
		async (_what, productId, message) => {
			const { items, error } = await runBillPro({
				credentials: billPro.singleProfile(),
				parameters: getManyProducts({ returnAll: true, filters: { productId } }),
			});
			expect(items).toHaveLength(0);
			expect(error?.message).toMatch(message);
			expect(error?.message).toMatch(/Remove the filter 'Merchant Product ID' .* or map a value/);
			expect(billPro.requests()).toHaveLength(0);
		},
	);
});

describe('Listing products when the last page is full', () => {
	const billPro = useSandbox({ seed: { products: { 1: 50 } } });

	it('stops at the first empty page of a batch', async () => {
		const { items } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: getManyProducts({ returnAll: true }),
		});
		expect(items).toHaveLength(50);
		expect(
			billPro
				.requests()
				.map((request) => request.query.page)
				.sort(),
		).toEqual(['1', '2', '3', '4', '5']);
	});
});

describe('Listing a large catalogue', () => {
	const billPro = useSandbox({ seed: { products: { 1: 1000 } } });

	it('returns all 1,000 products in order, each once, reading its 40 pages and one past the end', async () => {
		const { items } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: getManyProducts({ returnAll: true, simplify: false }),
		});
		expect(items.map((item) => item.json.id)).toEqual(
			billPro.sandbox.store.products(1).map((product) => product.id),
		);
		// Page 1, then batches of 4: 2–5, …, 38–41; page 41 is empty. 41 pages in all.
		expect(billPro.requests()).toHaveLength(41);
	});

	it('with a limit, never asks for more pages than it needs', async () => {
		const { items } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: getManyProducts({ limit: 110 }),
		});
		expect(items).toHaveLength(110);
		expect(
			billPro
				.requests()
				.map((request) => request.query.page)
				.sort(),
		).toEqual(['1', '2', '3', '4', '5']);
	});
});
