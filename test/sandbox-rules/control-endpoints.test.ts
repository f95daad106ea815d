import { sandboxPerFile } from '../harness/sandboxPerFile';
import { endpointPath } from '../../nodes/BillPro/shared/api';
import { MULTI_PROFILE_TOKEN, SINGLE_PROFILE_TOKEN } from '../../sandbox';
import { apiClient, multi, rootClient, single } from './client';

const sandbox = sandboxPerFile();

describe('/__sandbox control endpoints (no auth, outside /api/v1)', () => {
	it('GET /__sandbox/health answers {"ok":true}', async () => {
		const res = await rootClient(sandbox()).get('/__sandbox/health');
		expect(res.status).toBe(200);
		expect(res.data).toEqual({ ok: true });
		expect(sandbox().baseUrl).toBe(`${sandbox().url}/api/v1`);
		expect(sandbox().url).toBe(`http://127.0.0.1:${sandbox().port}`);
	});

	it('logs each /api/v1 request with method, path, query, profile, auth, status and parsed body', async () => {
		await multi(sandbox(), 5).get(endpointPath('listProducts'), { params: { page: 2 } });
		await apiClient(sandbox(), { token: 'wrong' }).get(endpointPath('listCustomers'));
		await single(sandbox()).post(endpointPath('createCustomer'), {
			customer: { first_name: 'Only' },
		});
		await rootClient(sandbox()).get('/__sandbox/health');
		await rootClient(sandbox()).get('/elsewhere');

		const expected = [
			{
				method: 'GET',
				path: '/api/v1/products',
				query: { profile_id: '5', page: '2' },
				profileId: '5',
				authorized: true,
				status: 200,
				body: undefined,
			},
			{
				method: 'GET',
				path: '/api/v1/customers',
				query: {},
				profileId: undefined,
				authorized: false,
				status: 401,
				body: undefined,
			},
			{
				method: 'POST',
				path: '/api/v1/customers',
				query: {},
				profileId: undefined,
				authorized: true,
				status: 422,
				body: { customer: { first_name: 'Only' } },
			},
		];
		expect(sandbox().store.requests).toEqual(expected);

		const res = await rootClient(sandbox()).get('/__sandbox/requests');
		expect(res.status).toBe(200);
		expect(res.data).toEqual(JSON.parse(JSON.stringify(expected)));
		expect(JSON.stringify(res.data)).not.toContain(SINGLE_PROFILE_TOKEN);
		expect(JSON.stringify(res.data)).not.toContain(MULTI_PROFILE_TOKEN);
	});

	it('DELETE /__sandbox/requests clears the log (same array object)', async () => {
		const log = sandbox().store.requests;
		await single(sandbox()).get(endpointPath('listProducts'));
		expect(log).toHaveLength(1);
		const res = await rootClient(sandbox()).delete('/__sandbox/requests');
		expect(res.status).toBe(200);
		expect(res.data).toEqual({ ok: true });
		expect(sandbox().store.requests).toBe(log);
		expect(log).toHaveLength(0);
	});

	it('POST /__sandbox/reset restores the seed, id counters included', async () => {
		const body = {
			customer: { first_name: 'Temp', last_name: 'Person', email: 'temp@example.com' },
		};
		const first = await single(sandbox()).post(endpointPath('createCustomer'), body);
		await single(sandbox()).put(endpointPath('updateCustomer', 1), {
			customer: { first_name: 'Changed' },
		});
		const reset = await rootClient(sandbox()).post('/__sandbox/reset');
		expect(reset.data).toEqual({ ok: true });
		expect(
			sandbox()
				.store.customers(1)
				.map((c) => c.first_name),
		).toEqual(['Ada', 'José', 'Brendan']);
		expect(sandbox().store.customer(1, 1)?.addresses).toHaveLength(2);
		expect(sandbox().store.requests).toEqual([]);
		const again = await single(sandbox()).post(endpointPath('createCustomer'), body);
		expect(again.status).toBe(200);
		expect(again.data.id).toBe(first.data.id);
		expect(again.data.customer_id).toBe(first.data.customer_id);
	});

	it("POST /__sandbox/products/{id} changes a product's price and status, as BillPro's UI does", async () => {
		const product = sandbox().store.products(1)[0];
		const res = await rootClient(sandbox()).post(`/__sandbox/products/${product.id}?profile_id=1`, {
			price: '42.50',
			product_status: 'inactive',
		});
		expect(res.status).toBe(200);
		expect(res.data).toMatchObject({ id: product.id, price: '42.50', product_status: 'inactive' });
		const read = await single(sandbox()).get(endpointPath('getProduct', product.id));
		expect(read.data).toMatchObject({ price: '42.50', product_status: 'inactive' });
	});

	it.each([
		[{}, { base: ['give price, product_status (active or inactive) or both'] }],
		[{ price: 19.99 }, { price: ['must be an amount with at most 2 decimals, such as "19.99"'] }],
		[{ product_status: 'gone' }, { product_status: ['must be active or inactive'] }],
	])(
		'POST /__sandbox/products/{id} with %j changes nothing and answers 422',
		async (body, errors) => {
			const product = sandbox().store.products(1)[0];
			const before = { ...product };
			const res = await rootClient(sandbox()).post(
				`/__sandbox/products/${product.id}?profile_id=1`,
				body,
			);
			expect(res.status).toBe(422);
			expect(res.data).toEqual(errors);
			expect(sandbox().store.products(1)[0]).toEqual(before);
		},
	);

	it('POST /__sandbox/customers/{id}/status deactivates and reactivates a customer', async () => {
		const marie = sandbox().store.customers(5)[0];
		const res = await rootClient(sandbox()).post(
			`/__sandbox/customers/${marie.id}/status`,
			{ status: 'inactive' },
			{
				params: { profile_id: 5 },
			},
		);
		expect(res.status).toBe(200);
		expect(res.data).toMatchObject({ id: marie.id, status: 'inactive' });
		expect((await multi(sandbox(), 5).get(endpointPath('getCustomer', marie.id))).data.status).toBe(
			'inactive',
		);
		const back = await rootClient(sandbox()).post(
			`/__sandbox/customers/${marie.id}/status?profile_id=5`,
			{ status: 'active' },
		);
		expect(back.data.status).toBe('active');
		expect(sandbox().store.requests.map((r) => r.path)).toEqual([`/api/v1/customers/${marie.id}`]);
	});

	it.each([
		[
			'a bad status',
			'?profile_id=5',
			{ status: 'deleted' },
			{ status: ['must be active or inactive'] },
		],
		['no profile_id', '', { status: 'inactive' }, { profile_id: ['is not a sandbox profile'] }],
		[
			'an unknown profile',
			'?profile_id=3',
			{ status: 'inactive' },
			{ profile_id: ['is not a sandbox profile'] },
		],
		['another profile', '?profile_id=7', { status: 'inactive' }, { id: ['not found'] }],
	])('answers 422 for %s', async (_label, query, body, errors) => {
		const marie = sandbox().store.customers(5)[0];
		const res = await rootClient(sandbox()).post(
			`/__sandbox/customers/${marie.id}/status${query}`,
			body,
		);
		expect(res.status).toBe(422);
		expect(res.data).toEqual(errors);
	});

	it('answers 404 for unknown control paths and for paths outside /api/v1', async () => {
		for (const path of [
			'/__sandbox/nope',
			'/__sandbox',
			'/',
			'/api/v2/products',
			'/api/v1x/products',
		]) {
			const res = await rootClient(sandbox()).get(path, {
				headers: { Authorization: `Bearer ${SINGLE_PROFILE_TOKEN}` },
			});
			expect([path, res.status, res.data]).toEqual([path, 404, { error: 'Not found' }]);
		}
		expect(sandbox().store.requests).toEqual([]);
	});
});

describe('store API (in-process)', () => {
	it('reads customers and products per profile', () => {
		expect(sandbox().store.profileIds()).toEqual([1, 5, 7]);
		expect(
			sandbox()
				.store.customers(1)
				.map((c) => c.status),
		).toEqual(['active', 'active', 'inactive']);
		expect(sandbox().store.customers(5)).toHaveLength(2);
		expect(sandbox().store.customers(7)).toHaveLength(1);
		const product = sandbox().store.products(7)[0];
		expect(sandbox().store.product(7, product.id)).toBe(product);
		expect(sandbox().store.product(5, product.id)).toBeUndefined();
		expect(sandbox().store.customers(2)).toEqual([]);
	});

	it('seeds at least one customer with an organisation and addresses', () => {
		const withBoth = sandbox()
			.store.customers(1)
			.filter((c) => c.organisation && c.addresses.length === 2);
		expect(withBoth.length).toBeGreaterThan(0);
	});

	it('setCustomerStatus changes the status and updated_at; undefined when not found', async () => {
		const ada = sandbox().store.customers(1)[0];
		const updated = sandbox().store.setCustomerStatus(1, ada.id, 'inactive');
		expect(updated?.status).toBe('inactive');
		expect(updated?.updated_at).not.toBe(ada.updated_at);
		expect((await single(sandbox()).get(endpointPath('getCustomer', ada.id))).data.status).toBe(
			'inactive',
		);
		expect(sandbox().store.setCustomerStatus(5, ada.id, 'inactive')).toBeUndefined();
	});
});
