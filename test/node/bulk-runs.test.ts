import { runBillPro } from '../harness/workflow';
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
