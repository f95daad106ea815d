import { runBillPro } from '../../harness/workflow';
import { useSandbox } from '../sandboxFixture';

describe('Getting a product', () => {
	const billPro = useSandbox();

	it('gets the product picked from the list', async () => {
		const product = billPro.sandbox.store.products(1)[7];
		const { items, error } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: {
				resource: 'product',
				operation: 'get',
				product: { __rl: true, mode: 'list', value: String(product.id) },
				simplify: false,
			},
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([product]);
		expect(billPro.requests()[0].path).toBe(`/api/v1/products/${product.id}`);
	});

	it('gets a product by ID, simplified', async () => {
		const product = billPro.sandbox.store.products(1)[0];
		const { items } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: {
				resource: 'product',
				operation: 'get',
				product: { __rl: true, mode: 'id', value: String(product.id) },
			},
		});
		expect(items[0].json).toMatchObject({ id: product.id, product_id: product.product_id });
		expect(Object.keys(items[0].json)).toHaveLength(10);
	});

	it('says the product was not found (BillPro answers 422, not 404)', async () => {
		const { error } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: {
				resource: 'product',
				operation: 'get',
				product: { __rl: true, mode: 'id', value: '999999' },
			},
		});
		expect(error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '422',
			message:
				"The product was not found in BillPro. Check the ID. Use the product's 'id', a whole number, from the answer of Get many products or Get a product (not its merchant 'product_id').",
		});
		expect(error?.description).toMatch(/no product with this ID/);
	});

	it('refuses an ID that is not a system ID before sending anything', async () => {
		// Typed in, n8n itself flags it; from an expression, the node does.
		const { error } = await runBillPro({
			credentials: billPro.singleProfile(),
			items: [{ merchantId: 'E2824181D8' }],
			parameters: {
				resource: 'product',
				operation: 'get',
				product: { __rl: true, mode: 'id', value: '={{ $json.merchantId }}' },
			},
		});
		expect(error?.message).toMatch(/^'Product' must be a BillPro ID.*got 'E2824181D8'/);
		expect(error?.message).toMatch(
			/Use the product's 'id', a whole number, from the answer of Get many products or Get a product \(not its merchant 'product_id'\)\.$/,
		);
		expect(billPro.requests()).toHaveLength(0);
	});
});
