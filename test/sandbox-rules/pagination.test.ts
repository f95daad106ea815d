import { endpointPath } from '../../nodes/BillPro/shared/api';
import { PAGE_SIZE, startSandbox, type Sandbox } from '../../sandbox';
import { apiClient, single } from './client';

let sandbox: Sandbox;
beforeAll(async () => {
	// 30 customers in profile 1 so customer lists span two pages as well.
	sandbox = await startSandbox({ seed: { customers: { 1: 30 } } });
});
afterAll(async () => {
	await sandbox.close();
});

type WithId = { id: number };
const ids = (items: WithId[]) => items.map((item) => item.id);

describe('pagination with ?page=N', () => {
	it('uses a fixed page size of 25', () => {
		expect(PAGE_SIZE).toBe(25);
	});

	it("splits profile 1's 60 products into pages of 25, 25 and 10, then empty arrays", async () => {
		const api = single(sandbox);
		const sizes: number[] = [];
		const seen: number[] = [];
		for (const page of [1, 2, 3, 4, 1000]) {
			const res = await api.get(endpointPath('listProducts'), { params: { page } });
			expect(res.status).toBe(200);
			expect(Array.isArray(res.data)).toBe(true);
			sizes.push(res.data.length);
			seen.push(...ids(res.data));
		}
		expect(sizes).toEqual([25, 25, 10, 0, 0]);
		expect(seen).toEqual(sandbox.store.products(1).map((p) => p.id));
		expect(seen).toEqual([...seen].sort((a, b) => a - b));
		expect(new Set(seen).size).toBe(60);
	});

	it('answers page 1 when page is missing', async () => {
		const api = single(sandbox);
		const without = await api.get(endpointPath('listProducts'));
		const first = await api.get(endpointPath('listProducts'), { params: { page: 1 } });
		expect(without.status).toBe(200);
		expect(without.data).toEqual(first.data);
		expect(without.data).toHaveLength(25);
	});

	it('reads leading zeros as a number (page=02 is page 2)', async () => {
		const res = await single(sandbox).get(endpointPath('listProducts'), { params: { page: '02' } });
		expect(ids(res.data)[0]).toBe(sandbox.store.products(1)[25].id);
	});

	it('pages customers the same way (30 -> 25, 5, [])', async () => {
		const api = single(sandbox);
		const sizes = [];
		for (const page of [1, 2, 3]) {
			sizes.push((await api.get(endpointPath('listCustomers'), { params: { page } })).data.length);
		}
		expect(sizes).toEqual([25, 5, 0]);
	});

	it.each(['0', '-1', 'abc', '1.5', '', '1e2', ' 1', '2a'])(
		'refuses page=%j with 422',
		async (page) => {
			for (const path of [endpointPath('listProducts'), endpointPath('listCustomers')]) {
				const res = await single(sandbox).get(path, { params: { page } });
				expect(res.status).toBe(422);
				expect(res.data).toEqual({ page: ['must be a positive integer'] });
			}
		},
	);

	it('pages filtered lists too (a filter match is on page 1 only)', async () => {
		const product = sandbox.store.products(1)[40];
		const api = single(sandbox);
		const one = await api.get(endpointPath('listProducts'), {
			params: { product_id: product.product_id, page: 1 },
		});
		const two = await api.get(endpointPath('listProducts'), {
			params: { product_id: product.product_id, page: 2 },
		});
		expect(ids(one.data)).toEqual([product.id]);
		expect(two.data).toEqual([]);
	});

	it('checks the token before the page (401, not 422)', async () => {
		const res = await apiClient(sandbox, { token: null }).get(endpointPath('listProducts'), {
			params: { page: 0 },
		});
		expect(res.status).toBe(401);
	});
});

describe('seed sizes for benchmarks', () => {
	it('generates 10,000 products in well under a second and pages them by slicing', async () => {
		const started = Date.now();
		const big = await startSandbox({ seed: { products: { 1: 10000 } } });
		try {
			expect(Date.now() - started).toBeLessThan(1000);
			expect(big.store.products(1)).toHaveLength(10000);
			const api = single(big);
			const last = await api.get(endpointPath('listProducts'), { params: { page: 400 } });
			const past = await api.get(endpointPath('listProducts'), { params: { page: 401 } });
			expect(last.data).toHaveLength(25);
			expect(last.data[24].id).toBe(big.store.products(1)[9999].id);
			expect(past.data).toEqual([]);
			// Other profiles keep their defaults.
			expect(big.store.products(5)).toHaveLength(30);
		} finally {
			await big.close();
		}
	});

	it('refuses seed counts for unknown profiles, bad counts and unknown kinds', async () => {
		await expect(startSandbox({ seed: { products: { 3: 10 } } })).rejects.toThrow(
			'Unknown sandbox profile 3',
		);
		await expect(startSandbox({ seed: { orders: { 1: 5 } } as never })).rejects.toThrow(
			'Unknown seed option "orders"',
		);
		await expect(startSandbox({ seed: { customers: { 1: -1 } } })).rejects.toThrow(
			'must be an integer >= 0',
		);
	});
});
