import { runBillPro } from '../harness/workflow';
import { useSandbox } from './sandboxFixture';

const getManyProducts = (extra: Record<string, unknown> = {}) => ({
	resource: 'product',
	operation: 'getAll',
	...extra,
});

describe('Listing products', () => {
	const billPro = useSandbox();

	it('returns all 60 products of the profile, reading pages 1 to 3 and no further', async () => {
		const { items, error } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: getManyProducts({ returnAll: true }),
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(60);
		expect(new Set(items.map((item) => item.json.id)).size).toBe(60);
		// 25 + 25 + 10: the short third page is the last, so page 4 is never asked for.
		expect(billPro.requests().map((request) => request.query.page)).toEqual(['1', '2', '3']);
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
});

describe('Listing products when the last page is full', () => {
	const billPro = useSandbox({ seed: { products: { 1: 50 } } });

	it('reads one empty page to know the list has ended', async () => {
		const { items } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: getManyProducts({ returnAll: true }),
		});
		expect(items).toHaveLength(50);
		expect(billPro.requests().map((request) => request.query.page)).toEqual(['1', '2', '3']);
	});
});
