import { sandboxPerFile } from '../harness/sandboxPerFile';
import { endpointPath } from '../../nodes/BillPro/shared/api';
import { startSandbox, type Product } from '../../sandbox';
import { multi, single } from './client';

/** The product in BillPro's "First steps" guide, verbatim. */
const GUIDE_PRODUCT = {
	id: 1,
	product_id: 'E2824181D8',
	currency: 'GBP',
	price: '44.99',
	product_type: 'subscription',
	product_status: 'active',
	lock_price: true,
	lock_payment_config: false,
	product_group: 'Memberships',
	scheduled_interval: '1',
	scheduled_unit: 'MONTH',
	fee_for_initial_payment_only: true,
	discount_for_initial_payment_only: true,
	deposit_amount: '42.74',
	created_at: '2024-02-12T15:12:37.314Z',
	discount: {
		name: 'Discount 5%',
		percentage: '5.00',
		description: 'Five Percent New Customer Discount',
		created_at: '2022-05-05T15:23:16.666Z',
		updated_at: '2022-06-14T10:45:13.933Z',
	},
	tax: {
		name: 'VAT Spain',
		percentage: '21.00',
		description: 'Spain Value Added Tax 21%',
		created_at: '2022-05-05T15:18:09.958Z',
		updated_at: '2022-05-08T16:06:29.185Z',
	},
};
const PRODUCT_KEYS = Object.keys(GUIDE_PRODUCT).sort();
const ADJUSTMENT_KEYS = ['created_at', 'description', 'name', 'percentage', 'updated_at'];
const NOT_FOUND = { id: ['not found'] };

const sandbox = sandboxPerFile();

const allProducts = (): Product[] =>
	[1, 5, 7].flatMap((profileId) => [...sandbox().store.products(profileId)]);

describe('product seed', () => {
	it("starts profile 1 with the guide's example product, field for field", async () => {
		const res = await single(sandbox()).get(endpointPath('getProduct', 1));
		expect(res.status).toBe(200);
		expect(res.data).toEqual(GUIDE_PRODUCT);
		expect(JSON.stringify(res.data)).toBe(JSON.stringify(GUIDE_PRODUCT));
	});

	it('seeds 60, 30 and 5 products in profiles 1, 5 and 7', () => {
		expect([1, 5, 7].map((id) => sandbox().store.products(id).length)).toEqual([60, 30, 5]);
	});

	it("gives every product exactly the guide's keys (no name) and well-formed values", () => {
		for (const product of allProducts()) {
			expect(Object.keys(product).sort()).toEqual(PRODUCT_KEYS);
			expect(product).not.toHaveProperty('name');
			expect(product.product_id).toMatch(/^[A-Z0-9]{10}$/);
			expect(product.price).toMatch(/^\d+\.\d{2}$/);
			expect(product.deposit_amount).toMatch(/^\d+\.\d{2}$/);
			expect(new Date(product.created_at).toISOString()).toBe(product.created_at);
			expect(['active', 'inactive']).toContain(product.product_status);
			for (const adjustment of [product.discount, product.tax]) {
				if (adjustment) expect(Object.keys(adjustment).sort()).toEqual(ADJUSTMENT_KEYS);
			}
			if (product.product_type === 'single_payment') {
				expect([product.scheduled_interval, product.scheduled_unit]).toEqual([null, null]);
			} else {
				expect(product.scheduled_interval).toMatch(/^\d+$/);
				expect(['DAY', 'WEEK', 'MONTH', 'YEAR']).toContain(product.scheduled_unit);
			}
		}
	});

	it('mixes all four types, some inactive, and both lock flags in profile 1', () => {
		const products = sandbox().store.products(1);
		const types = new Set(products.map((p) => p.product_type));
		expect([...types].sort()).toEqual(['instalment', 'metered', 'single_payment', 'subscription']);
		const inactive = products.filter((p) => p.product_status === 'inactive').length;
		expect(inactive).toBeGreaterThan(0);
		expect(inactive).toBeLessThan(products.length / 4);
		expect(new Set(products.map((p) => p.lock_price))).toEqual(new Set([true, false]));
		expect(new Set(products.map((p) => p.lock_payment_config))).toEqual(new Set([true, false]));
		expect(
			products.some((p) => p.discount === null) && products.some((p) => p.discount !== null),
		).toBe(true);
		expect(
			new Set(
				sandbox()
					.store.products(7)
					.map((p) => p.product_type),
			).size,
		).toBe(4);
	});

	it('uses ids and merchant product_ids that are unique across the whole platform', () => {
		const products = allProducts();
		expect(new Set(products.map((p) => p.id)).size).toBe(products.length);
		expect(new Set(products.map((p) => p.product_id)).size).toBe(products.length);
	});

	it('is deterministic: a second sandbox seeds the very same products', async () => {
		const other = await startSandbox();
		try {
			expect(other.store.products(1)).toEqual(sandbox().store.products(1));
			expect(other.store.products(7)).toEqual(sandbox().store.products(7));
			expect(other.store.customers(1)).toEqual(sandbox().store.customers(1));
		} finally {
			await other.close();
		}
	});
});

describe('list products', () => {
	it("answers the first page as a bare array of the profile's products", async () => {
		const res = await single(sandbox()).get(endpointPath('listProducts'), { params: { page: 1 } });
		expect(res.status).toBe(200);
		expect(res.data).toEqual(sandbox().store.products(1).slice(0, 25));
	});

	it('filters by the merchant product_id, exactly', async () => {
		const wanted = sandbox().store.products(1)[41];
		const api = single(sandbox());
		const exact = await api.get(endpointPath('listProducts'), {
			params: { product_id: wanted.product_id },
		});
		expect(exact.status).toBe(200);
		expect(exact.data).toEqual([wanted]);
		for (const product_id of [
			wanted.product_id.toLowerCase(),
			wanted.product_id.slice(0, 9),
			'NOSUCHCODE',
		]) {
			const none = await api.get(endpointPath('listProducts'), { params: { product_id } });
			expect(none.status).toBe(200);
			expect(none.data).toEqual([]);
		}
	});

	it("does not find another profile's product_id", async () => {
		const ofFive = sandbox().store.products(5)[0];
		const res = await multi(sandbox(), 7).get(endpointPath('listProducts'), {
			params: { product_id: ofFive.product_id },
		});
		expect(res.data).toEqual([]);
	});

	it('ignores an empty product_id filter', async () => {
		const res = await single(sandbox()).get(endpointPath('listProducts'), {
			params: { product_id: '' },
		});
		expect(res.data).toHaveLength(25);
	});
});

describe('get a product by system id', () => {
	it('answers the same object as the list', async () => {
		const product = sandbox().store.products(1)[7];
		const res = await single(sandbox()).get(endpointPath('getProduct', product.id));
		expect(res.status).toBe(200);
		expect(res.data).toEqual(product);
	});

	it.each(['999999', 'abc', '1.5', '-1', 'E2824181D8'])(
		'answers 422 {"id":["not found"]} for %j',
		async (id) => {
			const res = await single(sandbox()).get(endpointPath('getProduct', id));
			expect(res.status).toBe(422);
			expect(res.data).toEqual(NOT_FOUND);
		},
	);

	it("does not find another profile's product", async () => {
		const res = await single(sandbox()).get(
			endpointPath('getProduct', sandbox().store.products(7)[0].id),
		);
		expect(res.status).toBe(422);
		expect(res.data).toEqual(NOT_FOUND);
	});
});

describe('products are read-only', () => {
	it.each([
		['post', endpointPath('listProducts')],
		['put', endpointPath('getProduct', 1)],
		['delete', endpointPath('getProduct', 1)],
	] as const)('%s %s answers 404', async (method, path) => {
		const res = await single(sandbox()).request({ method, url: path, data: { product: {} } });
		expect(res.status).toBe(404);
		expect(res.data).toEqual({ error: 'Not found' });
		expect(sandbox().store.products(1)).toHaveLength(60);
	});
});
