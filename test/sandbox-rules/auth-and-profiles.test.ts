import { sandboxPerFile } from '../harness/sandboxPerFile';
import { ENDPOINTS, endpointPath } from '../../nodes/BillPro/shared/api';
import { MULTI_PROFILE_TOKEN, SINGLE_PROFILE_TOKEN } from '../../sandbox';
import { apiClient, multi, single, uniqueEmail } from './client';

const UNAUTHORIZED = { error: 'Invalid or missing API token' };
const NOT_YOUR_PROFILE = { profile_id: ['is not a merchant profile of this API user'] };
const PROFILE_REQUIRED = {
	profile_id: ['is required when the API user has more than one merchant profile'],
};
const NOT_FOUND = { id: ['not found'] };

const sandbox = sandboxPerFile();

describe('authentication (Authorization: Bearer <token>)', () => {
	const products = endpointPath('listProducts');

	it('answers 401 JSON without an Authorization header', async () => {
		const res = await apiClient(sandbox(), { token: null }).get(products);
		expect(res.status).toBe(401);
		expect(res.data).toEqual(UNAUTHORIZED);
		expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
	});

	it.each([
		['another scheme', `Basic ${SINGLE_PROFILE_TOKEN}`],
		['the token without a scheme', SINGLE_PROFILE_TOKEN],
		['an unknown token', `Bearer ${'x'.repeat(59)}`],
		['a truncated token', `Bearer ${SINGLE_PROFILE_TOKEN.slice(0, -1)}`],
		['a scheme with no token', 'Bearer'],
		['an empty header', ''],
	])('answers 401 for %s', async (_label, header) => {
		const res = await apiClient(sandbox(), { token: null }).get(products, {
			headers: { Authorization: header },
		});
		expect(res.status).toBe(401);
		expect(res.data).toEqual(UNAUTHORIZED);
	});

	it('accepts the scheme in any case (RFC 7235)', async () => {
		const res = await apiClient(sandbox(), { token: null }).get(products, {
			headers: { Authorization: `bearer ${SINGLE_PROFILE_TOKEN}` },
		});
		expect(res.status).toBe(200);
	});

	it('checks the token before the path: unknown paths answer 401 too', async () => {
		const res = await apiClient(sandbox(), { token: null }).get('/no-such-thing');
		expect(res.status).toBe(401);
	});

	it('never echoes or logs a token', async () => {
		sandbox().store.resetRequests();
		const bad = apiClient(sandbox(), { token: 'secret-token-that-is-wrong' });
		const res = await bad.get(products);
		const ok = await single(sandbox()).get(products);
		expect(JSON.stringify(res.data)).not.toContain('secret-token-that-is-wrong');
		expect(ok.status).toBe(200);
		const log = JSON.stringify(sandbox().store.requests);
		expect(log).not.toContain('secret-token-that-is-wrong');
		expect(log).not.toContain(SINGLE_PROFILE_TOKEN);
		expect(sandbox().store.requests.map((r) => [r.authorized, r.status])).toEqual([
			[false, 401],
			[true, 200],
		]);
	});
});

describe('single-profile API user (profile 1)', () => {
	const firstIdOf = (profileId: number) => sandbox().store.products(profileId)[0].id;

	it('needs no profile_id', async () => {
		const res = await single(sandbox()).get(endpointPath('listProducts'));
		expect(res.status).toBe(200);
		expect(res.data[0].id).toBe(firstIdOf(1));
	});

	it.each(['1', ''])('accepts profile_id=%j', async (profileId) => {
		const res = await apiClient(sandbox(), { profileId }).get(endpointPath('listProducts'));
		expect(res.status).toBe(200);
		expect(res.data[0].id).toBe(firstIdOf(1));
	});

	it.each(['5', '7', '2', 'abc', '1abc', '-1'])(
		'refuses profile_id=%j with 422',
		async (profileId) => {
			const res = await apiClient(sandbox(), { profileId }).get(endpointPath('listProducts'));
			expect(res.status).toBe(422);
			expect(res.data).toEqual(NOT_YOUR_PROFILE);
		},
	);
});

describe('multi-profile API user (profiles 5 and 7)', () => {
	it('requires profile_id', async () => {
		const res = await apiClient(sandbox(), { token: MULTI_PROFILE_TOKEN }).get(
			endpointPath('listProducts'),
		);
		expect(res.status).toBe(422);
		expect(res.data).toEqual(PROFILE_REQUIRED);
	});

	it('treats an empty profile_id as missing', async () => {
		const res = await multi(sandbox(), '').get(endpointPath('listProducts'));
		expect(res.status).toBe(422);
		expect(res.data).toEqual(PROFILE_REQUIRED);
	});

	it.each(['1', '6', 'abc', '5.0', ' 5'])('refuses profile_id=%j', async (profileId) => {
		const res = await multi(sandbox(), profileId).get(endpointPath('listProducts'));
		expect(res.status).toBe(422);
		expect(res.data).toEqual(NOT_YOUR_PROFILE);
	});

	it('serves each profile its own products', async () => {
		const five = await multi(sandbox(), 5).get(endpointPath('listProducts'));
		const seven = await multi(sandbox(), 7).get(endpointPath('listProducts'));
		expect(five.status).toBe(200);
		expect(seven.status).toBe(200);
		expect(five.data.map((p: { id: number }) => p.id)).toEqual(
			sandbox()
				.store.products(5)
				.slice(0, 25)
				.map((p) => p.id),
		);
		expect(seven.data.map((p: { id: number }) => p.id)).toEqual(
			sandbox()
				.store.products(7)
				.map((p) => p.id),
		);
	});

	it('checks profile_id on writes too', async () => {
		const body = { customer: { first_name: 'A', last_name: 'B', email: uniqueEmail() } };
		const res = await apiClient(sandbox(), { token: MULTI_PROFILE_TOKEN }).post(
			endpointPath('createCustomer'),
			body,
		);
		expect(res.status).toBe(422);
		expect(res.data).toEqual(PROFILE_REQUIRED);
		expect(sandbox().store.customers(5)).toHaveLength(2);
	});
});

describe('strict profile scoping', () => {
	it('a product of profile 5 is not found from profile 7 nor from profile 1', async () => {
		const product = sandbox().store.products(5)[0];
		const path = endpointPath('getProduct', product.id);
		expect((await multi(sandbox(), 5).get(path)).data).toEqual(product);
		for (const client of [multi(sandbox(), 7), single(sandbox())]) {
			const res = await client.get(path);
			expect(res.status).toBe(422);
			expect(res.data).toEqual(NOT_FOUND);
		}
	});

	it('a customer of profile 5 cannot be read or updated from profile 7', async () => {
		const customer = sandbox().store.customers(5)[0];
		const path = endpointPath('getCustomer', customer.id);
		expect((await multi(sandbox(), 5).get(path)).status).toBe(200);
		const read = await multi(sandbox(), 7).get(path);
		expect(read.status).toBe(422);
		expect(read.data).toEqual(NOT_FOUND);

		const write = await multi(sandbox(), 7).put(endpointPath('updateCustomer', customer.id), {
			customer: { first_name: 'Hijacked' },
		});
		expect(ENDPOINTS.updateCustomer.method).toBe('PUT');
		expect(write.status).toBe(422);
		expect(write.data).toEqual(NOT_FOUND);
		expect(sandbox().store.customer(5, customer.id)?.first_name).toBe('Marie');
	});

	it("lists only the profile's own customers, and a new one stays in its profile", async () => {
		const created = await multi(sandbox(), 7).post(endpointPath('createCustomer'), {
			customer: { first_name: 'New', last_name: 'Seven', email: uniqueEmail() },
		});
		expect(created.status).toBe(200);
		expect(created.data.profile_id).toBe(7);
		const five = await multi(sandbox(), 5).get(endpointPath('listCustomers'));
		const seven = await multi(sandbox(), 7).get(endpointPath('listCustomers'));
		expect(five.data.map((c: { id: number }) => c.id)).toEqual(
			sandbox()
				.store.customers(5)
				.map((c) => c.id),
		);
		expect(seven.data.map((c: { id: number }) => c.id)).toEqual([
			sandbox().store.customers(7)[0].id,
			created.data.id,
		]);
		expect(
			(await multi(sandbox(), 5).get(endpointPath('getCustomer', created.data.id))).data,
		).toEqual(NOT_FOUND);
	});
});
