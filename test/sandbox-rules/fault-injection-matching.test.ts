import { sandboxPerFile } from '../harness/sandboxPerFile';
import { endpointPath } from '../../nodes/BillPro/shared/api';
import { apiClient, multi, rootClient, single, uniqueEmail } from './client';

const sandbox = sandboxPerFile();

const newCustomer = (email = uniqueEmail('match')) => ({
	customer: { first_name: 'Mat', last_name: 'Ching', email },
});

/** [method, path, status, fault] of every logged request. */
const log = () =>
	sandbox().store.requests.map((r) => [r.method, r.path, r.status, r.fault ?? null]);

describe('which requests a fault applies to', () => {
	it('`times` requests, then it is spent; pending() counts down', async () => {
		sandbox().faults.add({ kind: 'status', status: 503, times: 3 });
		const statuses: number[] = [];
		for (let attempt = 0; attempt < 4; attempt += 1) {
			statuses.push((await single(sandbox()).get(endpointPath('listProducts'))).status);
			if (attempt === 0)
				expect(sandbox().faults.pending()).toEqual([
					{ kind: 'status', status: 503, times: 2, when: 'before' },
				]);
		}
		expect(statuses).toEqual([503, 503, 503, 200]);
		expect(sandbox().faults.pending()).toEqual([]);
	});

	it('`skip` lets that many matching requests through first: the 3rd create fails', async () => {
		sandbox().faults.add({ kind: 'status', status: 422, method: 'POST', skip: 2 });
		const api = single(sandbox());
		expect((await api.get(endpointPath('listProducts'))).status).toBe(200);
		const statuses: number[] = [];
		for (let create = 0; create < 4; create += 1) {
			statuses.push((await api.post(endpointPath('createCustomer'), newCustomer())).status);
		}
		expect(statuses).toEqual([200, 200, 422, 200]);
		expect(sandbox().faults.pending()).toEqual([]);
	});

	it('`method` alone: only that method, any path', async () => {
		sandbox().faults.add({ kind: 'status', method: 'PUT', times: 2 });
		expect((await single(sandbox()).get(endpointPath('getCustomer', 1))).status).toBe(200);
		expect(
			(await single(sandbox()).put(endpointPath('updateCustomer', 1), newCustomer())).status,
		).toBe(500);
		expect((await single(sandbox()).put(endpointPath('cancelOrder', 999))).status).toBe(500);
		expect(log()).toEqual([
			['GET', '/api/v1/customers/1', 200, null],
			['PUT', '/api/v1/customers/1', 500, 'status'],
			['PUT', '/api/v1/orders/999/cancel_order', 500, 'status'],
		]);
	});

	it('an exact path matches that path only, any method unless `method` says', async () => {
		sandbox().faults.add({ kind: 'status', status: 502, path: '/customers/2', times: 2 });
		const api = single(sandbox());
		expect((await api.get(endpointPath('getCustomer', 1))).status).toBe(200);
		expect((await api.get(endpointPath('listCustomers'))).status).toBe(200);
		expect((await api.get(endpointPath('getCustomer', 2))).status).toBe(502);
		expect((await api.put(endpointPath('updateCustomer', 2), newCustomer())).status).toBe(502);
		expect((await api.get(endpointPath('getCustomer', 2))).status).toBe(200);
	});

	it('a `{name}` segment in a path matches any one segment', async () => {
		sandbox().faults.add({ kind: 'status', status: 504, method: 'GET', path: '/customers/{id}' });
		const api = single(sandbox());
		expect((await api.get(endpointPath('listCustomers'))).status).toBe(200);
		expect((await api.put(endpointPath('updateCustomer', 3), newCustomer())).status).toBe(200);
		expect((await api.get(endpointPath('getCustomer', 3))).status).toBe(504);
	});

	it('an endpoint name matches the requests routed to that endpoint only', async () => {
		sandbox().faults.add([
			{ kind: 'status', status: 502, path: 'getOrder' },
			{ kind: 'status', status: 503, path: 'createSingleOrder', method: 'POST' },
		]);
		const api = single(sandbox());
		// Same '/orders/{id}' prefix, other endpoints: no match (both answer the usual 422).
		expect((await api.get(endpointPath('listScheduledPayments', 999))).status).toBe(422);
		expect((await api.put(endpointPath('cancelOrder', 999))).status).toBe(422);
		expect((await api.get(endpointPath('getOrder', 999))).status).toBe(502);
		// '/orders/create_single_order' is a literal route, never getOrder's '{id}'.
		expect((await api.post(endpointPath('createSingleOrder'), {})).status).toBe(503);
		expect(log().map((entry) => entry[3])).toEqual([null, null, 'status', 'status']);
	});

	it('takes the first matching fault in queue order, one fault per request', async () => {
		sandbox().faults.add([
			{ kind: 'status', status: 502, path: '/products' },
			{ kind: 'status', status: 503 },
			{ kind: 'status', status: 504, path: '/products' },
		]);
		const api = single(sandbox());
		expect((await api.get(endpointPath('listCustomers'))).status).toBe(503);
		expect((await api.get(endpointPath('listProducts'))).status).toBe(502);
		expect((await api.get(endpointPath('listProducts'))).status).toBe(504);
		expect((await api.get(endpointPath('listProducts'))).status).toBe(200);
	});

	it('skips requests refused before the API acts (401, 404, profile_id 422) and control calls', async () => {
		sandbox().faults.add({ kind: 'status', status: 503 });
		await apiClient(sandbox(), { token: 'wrong' }).get(endpointPath('listProducts'));
		await single(sandbox()).get('/no-such-resource');
		await single(sandbox()).delete(endpointPath('getCustomer', 1));
		await multi(sandbox(), '').get(endpointPath('listProducts'));
		await multi(sandbox(), 1).get(endpointPath('listProducts'));
		await rootClient(sandbox()).get('/__sandbox/health');
		expect(log().map(([, , status, fault]) => [status, fault])).toEqual([
			[401, null],
			[404, null],
			[404, null],
			[422, null],
			[422, null],
		]);
		expect(sandbox().faults.pending()).toHaveLength(1);
		expect((await multi(sandbox(), 5).get(endpointPath('listProducts'))).status).toBe(503);
	});

	it('applies before the body and field checks: a malformed body still meets the fault', async () => {
		sandbox().faults.add({ kind: 'status', status: 502, path: 'createCustomer' });
		const res = await single(sandbox()).post(endpointPath('createCustomer'), '{"customer":', {
			headers: { 'content-type': 'application/json' },
			transformRequest: [(data: string) => data],
		});
		expect([res.status, res.data]).toEqual([502, { error: 'Bad Gateway' }]);
	});
});

describe('before and after', () => {
	it('before (default): the create is not processed; a retry then creates it', async () => {
		const body = newCustomer();
		const count = sandbox().store.customers(1).length;
		sandbox().faults.add({ kind: 'status', status: 500, path: 'createCustomer' });
		const faulted = await single(sandbox()).post(endpointPath('createCustomer'), body);
		expect([faulted.status, faulted.data]).toEqual([500, { error: 'Internal Server Error' }]);
		expect(sandbox().store.customers(1)).toHaveLength(count);
		expect(sandbox().store.emailTaken(1, body.customer.email)).toBe(false);
		const retry = await single(sandbox()).post(endpointPath('createCustomer'), body);
		expect(retry.status).toBe(200);
		expect(sandbox().store.customers(1)).toHaveLength(count + 1);
	});

	it('after: the customer is created, the client gets 500, and a retry is a duplicate (422)', async () => {
		const body = newCustomer();
		const count = sandbox().store.customers(1).length;
		sandbox().faults.add({ kind: 'status', status: 500, path: 'createCustomer', when: 'after' });
		const faulted = await single(sandbox()).post(endpointPath('createCustomer'), body);
		expect([faulted.status, faulted.data]).toEqual([500, { error: 'Internal Server Error' }]);
		expect(sandbox().store.customers(1)).toHaveLength(count + 1);
		const created = sandbox().store.customers(1).at(-1);
		expect([created?.email, created?.first_name]).toEqual([body.customer.email, 'Mat']);
		const retry = await single(sandbox()).post(endpointPath('createCustomer'), body);
		expect([retry.status, retry.data]).toEqual([422, { email: ['has already been taken'] }]);
		expect(sandbox().store.customers(1)).toHaveLength(count + 1);
		expect(log()).toEqual([
			['POST', '/api/v1/customers', 500, 'status'],
			['POST', '/api/v1/customers', 422, null],
		]);
	});

	it('after with html and malformedJson: the update and the create happen', async () => {
		sandbox().faults.add([
			{ kind: 'html', status: 502, path: 'updateCustomer', when: 'after' },
			{ kind: 'malformedJson', path: 'createCustomer', when: 'after' },
		]);
		const api = single(sandbox());
		const update = await api.put(endpointPath('updateCustomer', 2), {
			customer: { first_name: 'Renamed' },
		});
		expect([update.status, update.headers['content-type']]).toEqual([502, 'text/html']);
		expect(sandbox().store.customer(1, 2)?.first_name).toBe('Renamed');
		const body = newCustomer();
		const create = await api.post(endpointPath('createCustomer'), body);
		expect([create.status, create.data]).toEqual([200, '[{"id": 1, "product_id": "E28']);
		expect(sandbox().store.emailTaken(1, body.customer.email)).toBe(true);
	});

	it('after: a request the API refuses stays refused, only the answer is replaced', async () => {
		const count = sandbox().store.customers(1).length;
		sandbox().faults.add({ kind: 'status', status: 503, path: 'createCustomer', when: 'after' });
		const res = await single(sandbox()).post(endpointPath('createCustomer'), {
			customer: { first_name: 'No email' },
		});
		expect(res.status).toBe(503);
		expect(sandbox().store.customers(1)).toHaveLength(count);
	});
});

describe('store.requestsTo', () => {
	it('counts logged requests by endpoint name or by method and path, every status included', async () => {
		sandbox().faults.add({ kind: 'status', status: 503, path: 'getCustomer' });
		const api = single(sandbox());
		await api.get(endpointPath('getCustomer', 1));
		await api.get(endpointPath('getCustomer', 1));
		await api.get(endpointPath('getCustomer', 2));
		await apiClient(sandbox(), { token: 'wrong' }).get(endpointPath('getCustomer', 2));
		await api.put(endpointPath('updateCustomer', 2), { customer: { first_name: 'X' } });
		await api.get(endpointPath('listCustomers'));
		await api.post(endpointPath('createCustomer'), newCustomer());

		const store = sandbox().store;
		expect(store.requestsTo('getCustomer').map((r) => [r.path, r.status, r.fault])).toEqual([
			['/api/v1/customers/1', 503, 'status'],
			['/api/v1/customers/1', 200, undefined],
			['/api/v1/customers/2', 200, undefined],
			['/api/v1/customers/2', 401, undefined],
		]);
		expect(store.requestsTo('GET', '/customers/1')).toHaveLength(2);
		expect(store.requestsTo('GET', '/customers/{id}')).toHaveLength(4);
		expect(store.requestsTo('PUT', 'updateCustomer')).toHaveLength(1);
		expect(store.requestsTo('GET', 'updateCustomer')).toHaveLength(0);
		expect(store.requestsTo('GET', '/customers')).toHaveLength(1);
		expect(store.requestsTo('POST', '/customers')).toHaveLength(1);
		expect(store.requestsTo('createCustomer')).toHaveLength(1);
		expect(store.requestsTo('listProducts')).toHaveLength(0);
	});

	it('refuses a path that could never match', () => {
		expect(() => sandbox().store.requestsTo('POST', '/api/v1/customers')).toThrow(
			'requestsTo: path "/api/v1/customers" must be relative to /api/v1: drop the prefix',
		);
		expect(() => sandbox().store.requestsTo('POST', 'createCustomers')).toThrow(
			'requestsTo: path "createCustomers" must be an API path relative to /api/v1',
		);
	});
});
