import { AxiosError } from 'axios';
import { Agent } from 'node:http';

import { sandboxPerFile } from '../harness/sandboxPerFile';
import { endpointPath } from '../../nodes/BillPro/shared/api';
import { rawApi, single, uniqueEmail } from './client';

const sandbox = sandboxPerFile();

const JSON_TYPE = 'application/json; charset=utf-8';

const newCustomer = (email = uniqueEmail('fault')) => ({
	customer: { first_name: 'Fay', last_name: 'Ult', email },
});

/** The error a request ends with; fails the test if it gets an answer instead. */
async function failure(pending: Promise<unknown>): Promise<NodeJS.ErrnoException> {
	try {
		await pending;
	} catch (error) {
		return error as NodeJS.ErrnoException;
	}
	throw new Error('expected the request to fail, but it got an answer');
}

describe('status faults', () => {
	it.each([
		[500, 'Internal Server Error'],
		[502, 'Bad Gateway'],
		[503, 'Service Unavailable'],
		[504, 'Gateway Timeout'],
		[429, 'Too Many Requests'],
	])('answer %i with {"error": "%s"} as JSON, once', async (status, text) => {
		sandbox().faults.add({ kind: 'status', status });
		const faulted = await rawApi(sandbox(), 'GET', endpointPath('listProducts'));
		expect(faulted.status).toBe(status);
		expect(faulted.text).toBe(JSON.stringify({ error: text }));
		expect(faulted.headers['content-type']).toBe(JSON_TYPE);
		expect(faulted.headers['retry-after']).toBeUndefined();
		const next = await single(sandbox()).get(endpointPath('listProducts'));
		expect(next.status).toBe(200);
		expect(next.data).toHaveLength(25);
	});

	it('defaults to 500 and sends Retry-After in seconds or as an HTTP date', async () => {
		const date = 'Wed, 21 Oct 2015 07:28:00 GMT';
		sandbox().faults.add([
			{ kind: 'status' },
			{ kind: 'status', status: 429, retryAfter: 2 },
			{ kind: 'status', status: 503, retryAfter: date },
		]);
		const first = await rawApi(sandbox(), 'GET', endpointPath('listProducts'));
		expect([first.status, first.text]).toEqual([500, '{"error":"Internal Server Error"}']);
		const second = await rawApi(sandbox(), 'GET', endpointPath('listProducts'));
		expect([second.status, second.headers['retry-after']]).toEqual([429, '2']);
		const third = await single(sandbox()).get(endpointPath('listProducts'));
		expect([third.status, third.headers['retry-after'], third.data]).toEqual([
			503,
			date,
			{ error: 'Service Unavailable' },
		]);
	});

	it('sends `body` as is instead of the standard one', async () => {
		sandbox().faults.add({ kind: 'status', status: 502, body: '{"message":"upstream down"}' });
		const res = await rawApi(sandbox(), 'GET', endpointPath('listProducts'));
		expect([res.status, res.text, res.headers['content-type']]).toEqual([
			502,
			'{"message":"upstream down"}',
			JSON_TYPE,
		]);
	});

	it('logs the faulted attempt with its status and `fault`, and an unfaulted one without', async () => {
		sandbox().faults.add({ kind: 'status', status: 503 });
		await single(sandbox()).get(endpointPath('listCustomers'));
		await single(sandbox()).get(endpointPath('listCustomers'));
		const entry = {
			method: 'GET',
			path: '/api/v1/customers',
			query: {},
			profileId: undefined,
			authorized: true,
			body: undefined,
		};
		expect(sandbox().store.requests).toEqual([
			{ ...entry, status: 503, fault: 'status' },
			{ ...entry, status: 200 },
		]);
		expect('fault' in sandbox().store.requests[1]).toBe(false);
	});
});

describe('html faults', () => {
	it('answer 200 with a maintenance page as text/html by default', async () => {
		sandbox().faults.add({ kind: 'html' });
		const res = await rawApi(sandbox(), 'GET', endpointPath('listProducts'));
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toBe('text/html');
		expect(res.text).toBe(
			'<html>\r\n<head><title>BillPro is down for maintenance</title></head>\r\n<body>\r\n' +
				'<center><h1>BillPro is down for maintenance</h1></center>\r\n<hr><center>nginx</center>\r\n' +
				'</body>\r\n</html>\r\n',
		);
	});

	it("answer an error status with nginx's error page, Retry-After when given", async () => {
		sandbox().faults.add({ kind: 'html', status: 502, retryAfter: 120 });
		const res = await rawApi(sandbox(), 'GET', endpointPath('listProducts'));
		expect(res.status).toBe(502);
		expect(res.headers['content-type']).toBe('text/html');
		expect(res.headers['retry-after']).toBe('120');
		expect(res.text).toBe(
			'<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n' +
				'<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n' +
				'</body>\r\n</html>\r\n',
		);
	});

	it('send `body` instead of the standard page', async () => {
		sandbox().faults.add({ kind: 'html', status: 503, body: '<p>Back soon</p>' });
		const res = await single(sandbox()).get(endpointPath('listProducts'));
		expect([res.status, res.headers['content-type'], res.data]).toEqual([
			503,
			'text/html',
			'<p>Back soon</p>',
		]);
	});
});

describe('malformedJson faults', () => {
	it('answer 200 as application/json with a body cut off mid-string', async () => {
		sandbox().faults.add({ kind: 'malformedJson' });
		const res = await rawApi(sandbox(), 'GET', endpointPath('listProducts'));
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toBe(JSON_TYPE);
		expect(res.text).toBe('[{"id": 1, "product_id": "E28');
		expect(() => JSON.parse(res.text) as unknown).toThrow(SyntaxError);
	});

	it('take a status and a body; axios hands back the text it could not parse', async () => {
		sandbox().faults.add([
			{ kind: 'malformedJson', status: 500 },
			{ kind: 'malformedJson', body: '{"id": 4' },
		]);
		const first = await single(sandbox()).get(endpointPath('listProducts'));
		expect([first.status, first.data]).toEqual([500, '[{"id": 1, "product_id": "E28']);
		const second = await single(sandbox()).get(endpointPath('listProducts'));
		expect([second.status, second.data]).toEqual([200, '{"id": 4']);
	});
});

describe('reset faults', () => {
	it('drop the connection without an answer: axios and node:http see ECONNRESET', async () => {
		sandbox().faults.add({ kind: 'reset', times: 2 });
		const viaAxios = await failure(single(sandbox()).get(endpointPath('listProducts')));
		expect(viaAxios).toBeInstanceOf(AxiosError);
		expect([viaAxios.code, viaAxios.message]).toEqual(['ECONNRESET', 'read ECONNRESET']);
		expect((viaAxios as AxiosError).response).toBeUndefined();
		const viaHttp = await failure(rawApi(sandbox(), 'GET', endpointPath('listProducts')));
		expect([viaHttp.code, viaHttp.message]).toEqual(['ECONNRESET', 'read ECONNRESET']);
		expect(sandbox().store.requests.map((r) => [r.status, r.fault])).toEqual([
			[0, 'reset'],
			[0, 'reset'],
		]);
		expect((await single(sandbox()).get(endpointPath('listProducts'))).status).toBe(200);
	});

	it('before (default) creates nothing; after creates the customer, then drops the answer', async () => {
		const before = newCustomer();
		const after = newCustomer();
		sandbox().faults.add([
			{ kind: 'reset', path: 'createCustomer' },
			{ kind: 'reset', path: 'createCustomer', when: 'after' },
		]);
		const count = sandbox().store.customers(1).length;
		await failure(single(sandbox()).post(endpointPath('createCustomer'), before));
		expect(sandbox().store.customers(1)).toHaveLength(count);
		await failure(single(sandbox()).post(endpointPath('createCustomer'), after));
		expect(sandbox().store.customers(1)).toHaveLength(count + 1);
		expect(sandbox().store.customers(1).at(-1)?.email).toBe(after.customer.email);
		expect(sandbox().store.requests.map((r) => [r.method, r.status, r.fault])).toEqual([
			['POST', 0, 'reset'],
			['POST', 0, 'reset'],
		]);
	});

	it('keep the keep-alive agent usable for the next request', async () => {
		const agent = new Agent({ keepAlive: true, maxSockets: 1 });
		try {
			const api = single(sandbox());
			api.defaults.httpAgent = agent;
			expect((await api.get(endpointPath('listProducts'))).status).toBe(200);
			sandbox().faults.add({ kind: 'reset' });
			expect((await failure(api.get(endpointPath('listProducts')))).code).toBe('ECONNRESET');
			expect((await api.get(endpointPath('listProducts'))).status).toBe(200);
		} finally {
			agent.destroy();
		}
	});
});

describe('slow faults', () => {
	it('answer normally after at least delayMs, once', async () => {
		sandbox().faults.add({ kind: 'slow', delayMs: 400 });
		let started = performance.now();
		const slow = await single(sandbox()).get(endpointPath('getCustomer', 1));
		const waited = performance.now() - started;
		// Timers fire at millisecond granularity, so allow 1 ms of rounding.
		expect(waited).toBeGreaterThanOrEqual(399);
		expect(waited).toBeLessThan(3000);
		expect(slow.status).toBe(200);
		expect(slow.data).toMatchObject({ id: 1, first_name: 'Ada' });
		started = performance.now();
		const fast = await single(sandbox()).get(endpointPath('getCustomer', 1));
		expect(performance.now() - started).toBeLessThan(300);
		expect(fast.data).toEqual(slow.data);
		expect(sandbox().store.requests.map((r) => [r.status, r.fault])).toEqual([
			[200, 'slow'],
			[200, undefined],
		]);
	});

	it('default to 5000 ms: a 1 s client timeout gives up first', async () => {
		sandbox().faults.add({ kind: 'slow' });
		expect(sandbox().faults.pending()).toEqual([{ kind: 'slow', times: 1 }]);
		const error = await failure(
			single(sandbox()).get(endpointPath('listProducts'), { timeout: 1000 }),
		);
		expect(error.code).toBe('ECONNABORTED');
	});

	it('still process a request whose client gave up: at that moment, see faults.settled()', async () => {
		sandbox().faults.add({ kind: 'slow', path: 'createCustomer', delayMs: 20_000 });
		const body = newCustomer();
		const count = sandbox().store.customers(1).length;
		const started = performance.now();
		const error = await failure(
			single(sandbox()).post(endpointPath('createCustomer'), body, { timeout: 200 }),
		);
		expect(error.code).toBe('ECONNABORTED');
		await sandbox().faults.settled();
		expect(performance.now() - started).toBeLessThan(5000);
		expect(sandbox().store.customers(1)).toHaveLength(count + 1);
		expect(sandbox().store.customers(1).at(-1)?.email).toBe(body.customer.email);
		expect(sandbox().store.requests.map((r) => [r.method, r.status, r.fault])).toEqual([
			['POST', 200, 'slow'],
		]);
	});

	it('settled() resolves at once when nothing is delayed', async () => {
		let done = false;
		void sandbox()
			.faults.settled()
			.then(() => (done = true));
		await Promise.resolve();
		expect(done).toBe(true);
	});
});

describe('delayMs on other kinds', () => {
	it('waits before the fault answers (a gateway timeout after a while)', async () => {
		sandbox().faults.add({ kind: 'status', status: 504, delayMs: 300 });
		const started = performance.now();
		const res = await single(sandbox()).get(endpointPath('listProducts'));
		expect(performance.now() - started).toBeGreaterThanOrEqual(299);
		expect([res.status, res.data]).toEqual([504, { error: 'Gateway Timeout' }]);
	});
});
