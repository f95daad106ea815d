import { sandboxPerFile } from '../harness/sandboxPerFile';
import { endpointPath } from '../../nodes/BillPro/shared/api';
import { startSandbox, type Fault } from '../../sandbox';
import { rootClient, single, waitFor } from './client';

const sandbox = sandboxPerFile();

describe('/__sandbox/faults', () => {
	it('POST appends and answers every pending fault with its defaults; GET lists; DELETE clears', async () => {
		const root = rootClient(sandbox());
		expect((await root.get('/__sandbox/faults')).data).toEqual({ faults: [] });

		const first = await root.post('/__sandbox/faults', {
			faults: [
				{ kind: 'status', status: 503, retryAfter: 1 },
				{ kind: 'slow', delayMs: 10 },
			],
		});
		expect(first.status).toBe(200);
		expect(first.data).toEqual({
			faults: [
				{ kind: 'status', times: 1, when: 'before', status: 503, retryAfter: 1 },
				{ kind: 'slow', times: 1, delayMs: 10 },
			],
		});
		await root.post('/__sandbox/faults', {
			faults: [{ kind: 'reset', method: 'POST', path: 'createCustomer', times: 2, when: 'after' }],
		});
		const listed = await root.get('/__sandbox/faults');
		expect(listed.data.faults.map((f: Fault) => f.kind)).toEqual(['status', 'slow', 'reset']);
		expect(listed.data.faults[2]).toEqual({
			kind: 'reset',
			method: 'POST',
			path: 'createCustomer',
			times: 2,
			when: 'after',
		});
		expect(sandbox().faults.pending()).toEqual(listed.data.faults);

		const cleared = await root.delete('/__sandbox/faults');
		expect([cleared.status, cleared.data]).toEqual([200, { ok: true }]);
		expect((await root.get('/__sandbox/faults')).data).toEqual({ faults: [] });
		expect((await single(sandbox()).get(endpointPath('listProducts'))).status).toBe(200);
		// Control calls are never logged, and never meet a fault.
		expect(sandbox().store.requests).toHaveLength(1);
	});

	it('a fault added over HTTP applies to the next API request', async () => {
		await rootClient(sandbox()).post('/__sandbox/faults', {
			faults: [{ kind: 'status', status: 429, retryAfter: 7 }],
		});
		const res = await single(sandbox()).get(endpointPath('listProducts'));
		expect([res.status, res.data, res.headers['retry-after']]).toEqual([
			429,
			{ error: 'Too Many Requests' },
			'7',
		]);
		expect((await rootClient(sandbox()).get('/__sandbox/faults')).data).toEqual({ faults: [] });
	});

	it.each([
		['no body', undefined, { faults: ['must be an array of faults'] }],
		[
			'faults not an array',
			{ faults: { kind: 'reset' } },
			{ faults: ['must be an array of faults'] },
		],
		['a fault that is not an object', { faults: ['reset'] }, { 'faults.0': ['must be an object'] }],
		[
			'a missing or unknown kind',
			{ faults: [{}, { kind: 'timeout' }] },
			{
				'faults.0.kind': ['is not one of status, html, malformedJson, reset, slow'],
				'faults.1.kind': ['is not one of status, html, malformedJson, reset, slow'],
			},
		],
		[
			'an unknown field',
			{ faults: [{ kind: 'status', retry_after: 5 }] },
			{ 'faults.0.retry_after': ['is not a fault field'] },
		],
		[
			'fields the kind does not use',
			{
				faults: [
					{ kind: 'reset', status: 500, body: 'x', retryAfter: 1 },
					{ kind: 'slow', when: 'after', status: 200 },
				],
			},
			{
				'faults.0.status': ['is not used by reset faults'],
				'faults.0.body': ['is not used by reset faults'],
				'faults.0.retryAfter': ['is not used by reset faults'],
				'faults.1.when': ['is not used by slow faults'],
				'faults.1.status': ['is not used by slow faults'],
			},
		],
		[
			'a bad method, times, skip and when',
			{ faults: [{ kind: 'status', method: 'DELETE', times: 0, skip: -1, when: 'later' }] },
			{
				'faults.0.method': ['is not one of GET, POST, PUT'],
				'faults.0.times': ['must be an integer >= 1'],
				'faults.0.skip': ['must be an integer >= 0'],
				'faults.0.when': ['must be before or after'],
			},
		],
		[
			'non-integer times',
			{
				faults: [
					{ kind: 'status', times: 1.5 },
					{ kind: 'status', times: '2' },
				],
			},
			{
				'faults.0.times': ['must be an integer >= 1'],
				'faults.1.times': ['must be an integer >= 1'],
			},
		],
		[
			'paths that can never match',
			{
				faults: [
					{ kind: 'status', path: 'customers' },
					{ kind: 'status', path: '/api/v1/customers' },
					{ kind: 'status', path: '/customers?page=2' },
					{ kind: 'status', path: 'createCustomers' },
					{ kind: 'status', path: 42 },
				],
			},
			{
				'faults.0.path': [
					'must be an API path relative to /api/v1 (e.g. /customers) or an endpoint name (e.g. createCustomer)',
				],
				'faults.1.path': ['must be relative to /api/v1: drop the prefix'],
				'faults.2.path': [
					'must be an API path relative to /api/v1 (e.g. /customers) or an endpoint name (e.g. createCustomer)',
				],
				'faults.3.path': [
					'must be an API path relative to /api/v1 (e.g. /customers) or an endpoint name (e.g. createCustomer)',
				],
				'faults.4.path': [
					'must be an API path relative to /api/v1 (e.g. /customers) or an endpoint name (e.g. createCustomer)',
				],
			},
		],
		[
			"a method other than the endpoint's",
			{ faults: [{ kind: 'status', path: 'createCustomer', method: 'GET' }] },
			{ 'faults.0.method': ['must be POST, the method of createCustomer'] },
		],
		[
			'a bad status',
			{
				faults: [
					{ kind: 'status', status: 199 },
					{ kind: 'html', status: 600 },
					{ kind: 'malformedJson', status: '500' },
				],
			},
			{
				'faults.0.status': ['must be an integer from 200 to 599'],
				'faults.1.status': ['must be an integer from 200 to 599'],
				'faults.2.status': ['must be an integer from 200 to 599'],
			},
		],
		[
			'a bad retryAfter, delayMs and body',
			{
				faults: [
					{ kind: 'status', retryAfter: -1, delayMs: -1, body: 42 },
					{ kind: 'status', retryAfter: '', delayMs: 600_001 },
					{ kind: 'status', retryAfter: 'soon\r\nX-Injected: 1', delayMs: 1.5 },
				],
			},
			{
				'faults.0.retryAfter': [
					'must be an integer >= 0 (seconds) or a non-empty header value (e.g. an HTTP date)',
				],
				'faults.0.delayMs': ['must be an integer from 0 to 600000'],
				'faults.0.body': ['must be a string'],
				'faults.1.retryAfter': [
					'must be an integer >= 0 (seconds) or a non-empty header value (e.g. an HTTP date)',
				],
				'faults.1.delayMs': ['must be an integer from 0 to 600000'],
				'faults.2.retryAfter': [
					'must be an integer >= 0 (seconds) or a non-empty header value (e.g. an HTTP date)',
				],
				'faults.2.delayMs': ['must be an integer from 0 to 600000'],
			},
		],
	])('POST answers 422 for %s, and adds none of the faults', async (_label, body, errors) => {
		const res = await rootClient(sandbox()).post('/__sandbox/faults', body);
		expect(res.status).toBe(422);
		expect(res.data).toEqual(errors);
		expect(sandbox().faults.pending()).toEqual([]);
	});

	it('adds nothing when one fault of several is bad', async () => {
		const res = await rootClient(sandbox()).post('/__sandbox/faults', {
			faults: [{ kind: 'status' }, { kind: 'reset', status: 500 }],
		});
		expect([res.status, res.data]).toEqual([
			422,
			{ 'faults.1.status': ['is not used by reset faults'] },
		]);
		expect(sandbox().faults.pending()).toEqual([]);
	});

	it('answers 400 for a body that is not JSON and 404 for other methods', async () => {
		const root = rootClient(sandbox());
		const bad = await root.post('/__sandbox/faults', '{"faults": [', {
			headers: { 'content-type': 'application/json' },
			transformRequest: [(data: string) => data],
		});
		expect([bad.status, bad.data]).toEqual([400, { error: 'Malformed JSON body' }]);
		const put = await root.put('/__sandbox/faults', { faults: [] });
		expect([put.status, put.data]).toEqual([404, { error: 'Not found' }]);
		expect(sandbox().faults.pending()).toEqual([]);
	});
});

describe('faults in-process', () => {
	it('sandbox.faults is store.faults: add one or several, pending() gives copies, clear() empties', () => {
		const { faults, store } = sandbox();
		expect(faults).toBe(store.faults);
		faults.add({ kind: 'html' });
		faults.add([
			{ kind: 'reset', when: 'after' },
			{ kind: 'malformedJson', times: 2 },
		]);
		const pending = faults.pending();
		expect(pending).toEqual([
			{ kind: 'html', times: 1, when: 'before' },
			{ kind: 'reset', times: 1, when: 'after' },
			{ kind: 'malformedJson', times: 2, when: 'before' },
		]);
		pending[0].times = 99;
		expect(faults.pending()[0].times).toBe(1);
		faults.clear();
		expect(faults.pending()).toEqual([]);
	});

	it('add() throws for a bad fault, naming every bad field, and adds none', () => {
		const bad = [{ kind: 'slow' }, { kind: 'status', times: 0, delay: 5 }] as unknown as Fault[];
		expect(() => sandbox().faults.add(bad)).toThrow(
			'Invalid fault: {"faults.1.delay":["is not a fault field"],"faults.1.times":["must be an integer >= 1"]}',
		);
		expect(sandbox().faults.pending()).toEqual([]);
	});

	it('store.reset() and POST /__sandbox/reset clear the faults', async () => {
		sandbox().faults.add({ kind: 'status', times: 5 });
		sandbox().store.reset();
		expect(sandbox().faults.pending()).toEqual([]);
		sandbox().faults.add({ kind: 'status', times: 5 });
		await rootClient(sandbox()).post('/__sandbox/reset');
		expect(sandbox().faults.pending()).toEqual([]);
		expect((await single(sandbox()).get(endpointPath('listProducts'))).status).toBe(200);
	});

	it('store.reset() drops a slow request still waiting: never processed nor logged', async () => {
		const count = sandbox().store.customers(1).length;
		sandbox().faults.add({ kind: 'slow', delayMs: 20_000 });
		// Settled at once so a failing test cannot leave an unhandled rejection behind.
		const outcome = single(sandbox())
			.post(endpointPath('createCustomer'), {
				customer: { first_name: 'Late', last_name: 'Comer', email: 'late@example.com' },
			})
			.catch((error: unknown) => error);
		await waitFor(() => sandbox().faults.pending().length === 0);
		const started = performance.now();
		sandbox().store.reset();
		expect(await outcome).toMatchObject({ code: 'ECONNRESET', message: 'read ECONNRESET' });
		await sandbox().faults.settled();
		expect(performance.now() - started).toBeLessThan(1000);
		expect(sandbox().store.customers(1)).toHaveLength(count);
		expect(sandbox().store.requests).toEqual([]);
	});
});

describe('close() with faults', () => {
	it('returns promptly with a slow response in flight, and the client sees the connection end', async () => {
		const own = await startSandbox();
		let closed = false;
		try {
			own.faults.add({ kind: 'slow', delayMs: 20_000 });
			const outcome = single(own)
				.get(endpointPath('listProducts'))
				.catch((error: unknown) => error);
			// The fault is taken when the request arrives, before the wait.
			await waitFor(() => own.faults.pending().length === 0);
			const started = performance.now();
			await own.close();
			closed = true;
			expect(performance.now() - started).toBeLessThan(1000);
			expect(await outcome).toMatchObject({ code: 'ECONNRESET', message: 'socket hang up' });
			await own.faults.settled();
			expect(performance.now() - started).toBeLessThan(1000);
		} finally {
			if (!closed) await own.close();
		}
	});
});
