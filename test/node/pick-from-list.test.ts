import { listSearch } from '../harness/listSearch';
import { useSandbox } from './sandboxFixture';

describe('Picking a customer or product from the list', () => {
	const billPro = useSandbox();

	it('lists customers by name and email, with their system ID as value', async () => {
		const { results, paginationToken } = await listSearch(
			'searchCustomers',
			billPro.singleProfile(),
		);
		const customers = billPro.sandbox.store.customers(1);
		expect(results).toEqual(
			customers.map((customer) => ({
				name: `${customer.first_name} ${customer.last_name} (${customer.email})`,
				value: String(customer.id),
			})),
		);
		expect(paginationToken).toBe('2');
	});

	it('narrows the list to what the user types', async () => {
		const [, second] = billPro.sandbox.store.customers(1);
		const { results } = await listSearch(
			'searchCustomers',
			billPro.singleProfile(),
			second.email.toUpperCase(),
		);
		expect(results.map((result) => result.value)).toEqual([String(second.id)]);
	});

	it('lists products by merchant ID, type and price, page by page', async () => {
		const first = await listSearch('searchProducts', billPro.singleProfile());
		expect(first.results).toHaveLength(25);
		expect(first.results[0].name).toMatch(/^[A-Z0-9]{10} · \w+ · [\d.]+ [A-Z]{3}/);
		const third = await listSearch('searchProducts', billPro.singleProfile(), undefined, '3');
		expect(third.results).toHaveLength(10);
		const ids = billPro.sandbox.store.products(1).map((product) => String(product.id));
		expect(third.results.map((result) => result.value)).toEqual(ids.slice(50));
	});

	it('searches further pages for a match', async () => {
		const last = billPro.sandbox.store.products(1)[59];
		const { results } = await listSearch(
			'searchProducts',
			billPro.singleProfile(),
			last.product_id,
		);
		expect(results.map((result) => result.value)).toEqual([String(last.id)]);
	});
});
