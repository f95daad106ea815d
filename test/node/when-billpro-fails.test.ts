import type { IDataObject } from 'n8n-workflow';
import { SINGLE_PROFILE_TOKEN, type Fault } from '../../sandbox';
import { placesContaining } from '../harness/secrets';
import { listSearch } from '../harness/listSearch';
import { runBillPro } from '../harness/workflow';
import { useSandbox } from './sandboxFixture';

/**
 * Faults of a billing API and its network, injected by the sandbox. Reads are retried; a write
 * is retried only when BillPro certainly did not act on it, so no fault creates a duplicate.
 */
const FAULTS: Array<[string, Omit<Fault, 'times' | 'method' | 'path' | 'when'>, RegExp]> = [
	['500', { kind: 'status', status: 500 }, /could not process the request \(HTTP 500\)/],
	['502', { kind: 'status', status: 502 }, /could not process the request \(HTTP 502\)/],
	['503', { kind: 'status', status: 503 }, /could not process the request \(HTTP 503\)/],
	['504', { kind: 'status', status: 504 }, /could not process the request \(HTTP 504\)/],
	[
		'a connection reset',
		{ kind: 'reset' },
		/could not be reached or did not answer \(ECONNRESET\)/,
	],
	['malformed JSON', { kind: 'malformedJson' }, /something other than JSON \(HTTP 200\)/],
	[
		'an HTML page with 200',
		{ kind: 'html', status: 200 },
		/something other than JSON \(HTTP 200\)/,
	],
	[
		'an HTML page with 500',
		{ kind: 'html', status: 500 },
		/could not process the request \(HTTP 500\)/,
	],
];

const listProducts = { resource: 'product', operation: 'getAll', limit: 5 };
const createCustomer = (email = 'once@example.com'): IDataObject => ({
	resource: 'customer',
	operation: 'create',
	firstName: 'Only',
	lastName: 'Once',
	email,
});

describe('When BillPro or the network fails', () => {
	const billPro = useSandbox();
	const customersNamedOnce = () =>
		billPro.sandbox.store.customers(1).filter((customer) => customer.last_name === 'Once');

	describe.each(FAULTS)('with %s', (_name, fault, message) => {
		it('a read is retried and succeeds', async () => {
			billPro.sandbox.faults.add({ ...fault, method: 'GET', times: 2 });
			const result = await runBillPro({
				credentials: billPro.singleProfile(),
				parameters: listProducts,
			});
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(5);
			expect(billPro.requests()).toHaveLength(3);
		});

		it('a read that keeps failing fails the item clearly after 4 attempts', async () => {
			billPro.sandbox.faults.add({ ...fault, method: 'GET', times: 10 });
			const result = await runBillPro({
				credentials: billPro.singleProfile(),
				parameters: listProducts,
			});
			expect(result.error?.message).toMatch(message);
			expect(result.error?.description).toMatch(/The node tried 4 times/);
			expect(result.error?.message).not.toMatch(/\[object Object\]|^Error|stack/);
			expect(billPro.requests()).toHaveLength(4);
			expect(placesContaining(SINGLE_PROFILE_TOKEN, result)).toEqual([]);
		});

		it('a create that reached BillPro is not sent again: no duplicate', async () => {
			billPro.sandbox.faults.add({ ...fault, method: 'POST', when: 'after' });
			const result = await runBillPro({
				credentials: billPro.singleProfile(),
				parameters: createCustomer(),
			});
			expect(result.error?.message).toMatch(message);
			expect(result.error?.description).toMatch(
				/may have carried out this POST.*so nothing is created twice/,
			);
			expect(billPro.requests().filter((request) => request.method === 'POST')).toHaveLength(1);
			expect(customersNamedOnce()).toHaveLength(1);
			expect(placesContaining(SINGLE_PROFILE_TOKEN, result)).toEqual([]);
		});

		it('with Continue On Fail, only the faulted item fails and items stay paired', async () => {
			billPro.sandbox.faults.add({
				...fault,
				method: 'POST',
				when: 'before',
				path: 'createCustomer',
			});
			const { items, error } = await runBillPro({
				credentials: billPro.singleProfile(),
				continueOnFail: true,
				items: [{ n: 1 }, { n: 2 }, { n: 3 }],
				parameters: {
					...createCustomer(),
					email: '={{ "item" + $json.n + "@example.com" }}',
					requestOptions: { maxConcurrency: 1 },
				},
			});
			expect(error).toBeUndefined();
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(items.map((item) => (item.json.error ? 'failed' : item.json.email))).toEqual([
				'failed',
				'item2@example.com',
				'item3@example.com',
			]);
			expect(String(items[0].json.error)).toMatch(message);
		});
	});

	describe('with 429 Too Many Requests', () => {
		it('a read is retried after Retry-After', async () => {
			billPro.sandbox.faults.add({ kind: 'status', status: 429, retryAfter: 1, method: 'GET' });
			const started = Date.now();
			const { items, error } = await runBillPro({
				credentials: billPro.singleProfile(),
				parameters: listProducts,
			});
			expect(error).toBeUndefined();
			expect(items).toHaveLength(5);
			expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
			expect(billPro.requests()).toHaveLength(2);
		});

		it('a read without Retry-After backs off and retries', async () => {
			billPro.sandbox.faults.add({ kind: 'status', status: 429, method: 'GET', times: 2 });
			const { error } = await runBillPro({
				credentials: billPro.singleProfile(),
				parameters: listProducts,
			});
			expect(error).toBeUndefined();
			expect(billPro.requests()).toHaveLength(3);
		});

		// A 429 does not prove nothing was done (a gateway can answer it after passing the
		// request on), so a create is reported, not sent again: see the README, Reliability.
		it('a create is not sent again, and the error says to check BillPro first', async () => {
			billPro.sandbox.faults.add({ kind: 'status', status: 429, retryAfter: 1, method: 'POST' });
			const { items, error } = await runBillPro({
				credentials: billPro.singleProfile(),
				parameters: createCustomer(),
			});
			expect(items).toEqual([]);
			expect(error?.message).toMatch(/HTTP 429/);
			expect(error?.description).toMatch(
				/Check the customer in BillPro before sending this item again/,
			);
			expect(billPro.requests()).toHaveLength(1);
			expect(customersNamedOnce()).toHaveLength(0);
		});

		it('says to wait when BillPro asks for longer than the node waits', async () => {
			billPro.sandbox.faults.add({ kind: 'status', status: 429, retryAfter: 3600, method: 'GET' });
			const { error } = await runBillPro({
				credentials: billPro.singleProfile(),
				parameters: listProducts,
			});
			expect(error?.message).toBe('BillPro is limiting the request rate (HTTP 429)');
			expect(error?.description).toMatch(/asked to wait 3600 s/);
			expect(billPro.requests()).toHaveLength(1);
		});
	});

	describe('with an answer slower than the timeout', () => {
		const timeout = { timeout: 300 };

		it('a read is retried and succeeds', async () => {
			billPro.sandbox.faults.add({ kind: 'slow', delayMs: 1500, method: 'GET' });
			const { items, error } = await runBillPro({
				credentials: billPro.singleProfile(),
				parameters: { ...listProducts, requestOptions: timeout },
			});
			expect(error).toBeUndefined();
			expect(items).toHaveLength(5);
		});

		it('a create is not sent again, and the error says to check first', async () => {
			billPro.sandbox.faults.add({ kind: 'slow', delayMs: 1500, method: 'POST' });
			const result = await runBillPro({
				credentials: billPro.singleProfile(),
				parameters: { ...createCustomer(), requestOptions: timeout },
			});
			expect(result.error?.message).toMatch(/did not answer \((ETIMEDOUT|ECONNABORTED)\)/);
			expect(result.error?.description).toMatch(
				/did not answer in time.*may have carried out this POST/,
			);
			await billPro.sandbox.faults.settled(); // BillPro finishes its work
			expect(customersNamedOnce()).toHaveLength(1);
			expect(billPro.requests().filter((request) => request.method === 'POST')).toHaveLength(1);
		});
	});

	it("retries the customer read that Update makes before keeping the customer's addresses", async () => {
		billPro.sandbox.faults.add({ kind: 'status', status: 503, method: 'GET', path: 'getCustomer' });
		const { items, error } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: {
				resource: 'customer',
				operation: 'update',
				customer: { __rl: true, mode: 'id', value: '1' },
				updateFields: { lastName: 'Kept' },
			},
		});
		expect(error).toBeUndefined();
		expect(items[0].json.last_name).toBe('Kept');
		expect(billPro.requests().map((request) => `${request.method} ${request.status}`)).toEqual([
			'GET 503',
			'GET 200',
			'PUT 200',
		]);
	});

	it('retries the list behind a "From List" picker', async () => {
		billPro.sandbox.faults.add({ kind: 'reset', method: 'GET', path: 'listCustomers' });
		const { results } = await listSearch('searchCustomers', billPro.singleProfile());
		expect(results).toHaveLength(billPro.sandbox.store.customers(1).length);
		expect(billPro.requests()).toHaveLength(2);
	});

	it('an update that failed after BillPro acted is not sent again', async () => {
		billPro.sandbox.faults.add({ kind: 'status', status: 502, method: 'PUT', when: 'after' });
		const { error } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: {
				resource: 'customer',
				operation: 'update',
				customer: { __rl: true, mode: 'id', value: '1' },
				addressHandling: 'replace',
				updateFields: { lastName: 'Changed' },
			},
		});
		expect(error?.description).toMatch(/may have carried out this PUT/);
		expect(billPro.requests().filter((request) => request.method === 'PUT')).toHaveLength(1);
	});

	it('refuses a base URL that is not http(s) before sending anything', async () => {
		const { error } = await runBillPro({
			credentials: billPro.singleProfile({ customUrl: 'ftp://127.0.0.1/api/v1' }),
			parameters: listProducts,
		});
		expect(error?.message).toMatch(
			/^'Custom URL' of the BillPro credential must start with http:\/\/ or https:\/\//,
		);
		expect(billPro.requests()).toHaveLength(0);
	});
});
