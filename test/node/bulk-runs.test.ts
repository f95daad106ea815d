import { Expression } from 'n8n-workflow';

import { BASE_URL_EXPRESSION } from '../../nodes/BillPro/shared/api';
import { TestCredentialsHelper } from '../harness/credentialsHelper';
import { runBillPro } from '../harness/workflow';
import { CREATE_CUSTOMER_FROM_ITEM } from './customerFixtures';
import { useSandbox } from './sandboxFixture';

const LATENCY_MS = 40;

describe('Creating many customers in one run', () => {
	const billPro = useSandbox({ latencyMs: LATENCY_MS });
	const people = Array.from({ length: 20 }, (_, index) => ({ mail: `bulk${index}@example.com` }));
	const createAll = (requestOptions?: object) =>
		runBillPro({
			credentials: billPro.singleProfile(),
			items: people,
			parameters: {
				resource: 'customer',
				operation: 'create',
				firstName: 'Bulk',
				lastName: 'Import',
				email: '={{ $json.mail }}',
				...(requestOptions ? { requestOptions } : {}),
			},
		});

	// Each request takes at least LATENCY_MS, so n requests k at a time take at least n/k of it.
	it('sends at most 5 requests at a time by default', async () => {
		const started = Date.now();
		const { items, error } = await createAll();
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual(people.map((_, item) => ({ item })));
		expect(Date.now() - started).toBeGreaterThanOrEqual((20 / 5) * LATENCY_MS);
		expect(billPro.sandbox.store.customers(1).filter((c) => c.last_name === 'Import')).toHaveLength(
			20,
		);
	});

	it('sends one at a time when Max Concurrent Requests is 1', async () => {
		const started = Date.now();
		await createAll({ maxConcurrency: 1 });
		expect(Date.now() - started).toBeGreaterThanOrEqual(20 * LATENCY_MS);
	});

	// n8n 2.41 reads a credential from its database and decrypts it each time it is asked for.
	it('reads the credential once for the whole run, not once per request', async () => {
		const reads = jest.spyOn(TestCredentialsHelper.prototype, 'getDecrypted');
		try {
			const { error } = await createAll();
			expect(error).toBeUndefined();
			expect(billPro.requests()).toHaveLength(20);
			expect(reads).toHaveBeenCalledTimes(1);
		} finally {
			reads.mockRestore();
		}
	});

	it("takes Batching's Items per Batch as the number of requests at a time", async () => {
		const started = Date.now();
		await createAll({ batching: { batch: { batchSize: 2, batchInterval: 0 } } });
		expect(Date.now() - started).toBeGreaterThanOrEqual((20 / 2) * LATENCY_MS);
	});

	it("keeps n8n's batching: a pause between batches of items", async () => {
		const started = Date.now();
		await createAll({
			maxConcurrency: 20,
			batching: { batch: { batchSize: 10, batchInterval: 300 } },
		});
		expect(Date.now() - started).toBeGreaterThanOrEqual(300);
		expect(billPro.requests()).toHaveLength(20);
	});
});

/**
 * n8n evaluates expressions one at a time, each with a fresh data proxy (about 0.07 ms in
 * n8n-core 2.11, 0.3 ms in n8n 2.41's isolated evaluator): in a bulk run they are most of the
 * node's CPU time (bench/results-n8n.md). Customer → Create, a custom operation, resolves each
 * mapped field once per item; routed operations pay RoutingNode's own pass over every parameter.
 */
describe('What a bulk run costs in expression evaluations', () => {
	const billPro = useSandbox({ seed: { products: { 1: 120 } } });
	let evaluated: Map<string, number>;
	beforeEach(() => {
		evaluated = new Map();
		const original = Expression.prototype.resolveSimpleParameterValue;
		jest.spyOn(Expression.prototype, 'resolveSimpleParameterValue').mockImplementation(function (
			this: Expression,
			value,
			...rest
		) {
			if (typeof value === 'string' && value.startsWith('='))
				evaluated.set(value, (evaluated.get(value) ?? 0) + 1);
			return original.call(this, value, ...rest);
		});
	});
	afterEach(() => jest.restoreAllMocks());

	it('creating customers reads each mapped field once per item, and the base URL from the credential', async () => {
		const rows = Array.from({ length: 30 }, (_, index) => ({
			first: 'Cost',
			last: `Count ${index}`,
			mail: `cost${index}@example.com`,
		}));
		const { items, error } = await runBillPro({
			credentials: billPro.singleProfile(),
			items: rows,
			parameters: CREATE_CUSTOMER_FROM_ITEM,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(30);
		expect(Object.fromEntries(evaluated)).toEqual({
			'={{ $json.first }}': 30,
			'={{ $json.last }}': 30,
			'={{ $json.mail }}': 30,
		});
	});

	it('Return All evaluates the base URL once, not once per page', async () => {
		const { items, error } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: { resource: 'product', operation: 'getAll', returnAll: true },
		});
		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThan(100);
		expect(billPro.requests().length).toBeGreaterThan(4);
		expect(Object.fromEntries(evaluated)).toEqual({ [BASE_URL_EXPRESSION]: 1 });
	});
});
