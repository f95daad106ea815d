/**
 * Queue mode: 20 bulk imports (examples/bulk-import-customers.json, five rows each) started at
 * once through the main. The main enqueues them, both workers run some, every customer is
 * created in BillPro exactly once, and each run's output stays paired with its own rows.
 */
import { readFileSync } from 'node:fs';

import { importWorkflow, n8nRest, sandbox, workflowRun } from '../e2e/support/context';
import { bulkImportWorkflow, taggedRows } from './support/bulkImports';
import { queue } from './support/queueContext';
import { finishedExecution, startThroughQueue } from './support/runThroughQueue';
import { workerThatRan } from './support/workers';

const RUNS = 20;
const batches = Array.from({ length: RUNS }, (_, index) => {
	const tag = `q${String(index + 1).padStart(2, '0')}`;
	const rows = taggedRows(tag);
	// At most 16 characters: n8n 1.x keeps no static data for a longer workflow id.
	const id = `BillProQImp${tag}`;
	return { id, tag, rows, workflow: bulkImportWorkflow(id, tag, rows) };
});

describe('Queue mode: 20 bulk imports at once', () => {
	beforeAll(async () => {
		await sandbox.reset();
		await importWorkflow(batches.map((batch) => batch.workflow));
		await sandbox.clearRequests();
	});

	it('run on both workers; every customer is created exactly once, each run paired with its rows', async () => {
		const rest = await n8nRest();
		const executionIds = await Promise.all(
			batches.map((batch) => startThroughQueue(rest, batch.id)),
		);
		const finished = await Promise.all(
			executionIds.map((executionId) => finishedExecution(rest, executionId, 300_000)),
		);

		// Each run: its four accepted rows imported, in order, its refused row reported.
		finished.forEach((execution, index) => {
			const { rows } = batches[index];
			expect(execution.status).toBe('success');
			const run = workflowRun(0, execution.run);
			expect(run.items('Imported').map((item) => item.email)).toEqual(
				rows.slice(0, 4).map((row) => row.email),
			);
			expect(run.items('Not imported')).toEqual([
				expect.objectContaining({ email: rows[4].email, imported: false, billpro_id: null }),
			]);
		});

		// The main enqueued every run, and both workers ran some of them.
		const mainLog = readFileSync(queue().mainLogFile, 'utf8');
		for (const executionId of executionIds)
			expect(mainLog).toContain(`Enqueued execution ${executionId} `);
		const ranBy = executionIds.map(workerThatRan);
		expect(ranBy.every((name) => name !== undefined)).toBe(true);
		expect(new Set(ranBy)).toEqual(new Set(queue().workers.map((worker) => worker.name)));

		// BillPro received one create per row and holds each accepted customer once, with the id
		// its run reported for that row.
		const creates = (await sandbox.requests()).filter(
			(request) => request.method === 'POST' && request.path === '/api/v1/customers',
		);
		expect(creates).toHaveLength(RUNS * 5);
		expect(creates.filter((request) => request.status === 200)).toHaveLength(RUNS * 4);
		expect(creates.filter((request) => request.status === 422)).toHaveLength(RUNS);
		const customers = await sandbox.records<{ id: number; email: string }>('listCustomers');
		finished.forEach((execution, index) => {
			const imported = workflowRun(0, execution.run).items('Imported');
			for (const row of batches[index].rows.slice(0, 4)) {
				const held = customers.filter((customer) => customer.email === row.email);
				expect(held).toHaveLength(1);
				expect(imported.find((item) => item.email === row.email)?.billpro_id).toBe(held[0].id);
			}
			expect(customers.some((customer) => customer.email === batches[index].rows[4].email)).toBe(
				false,
			);
		});
		process.stdout.write(
			`  runs per worker: ${[...new Set(ranBy)].map((name) => `${name} ${ranBy.filter((n) => n === name).length}`).join(', ')}\n`,
		);
	}, 360_000);
});
