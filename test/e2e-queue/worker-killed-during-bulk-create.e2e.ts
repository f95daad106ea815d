/**
 * Queue mode: the worker running a bulk import is killed (SIGKILL, as an OOM kill or a crashed
 * host does) while the node's creates are on their way to BillPro. What n8n does: the job's lock
 * in Redis expires, another worker finds the job stalled, and since n8n allows no stalled retry
 * (maxStalledCount 0) Bull fails it; the main marks the execution failed. Nothing runs it again:
 * BillPro keeps exactly what it received before the kill, each customer once, and nothing more
 * arrives. n8n's Retry of that execution has nothing to resume (the dead worker kept the run in
 * memory): it fails the same way at once and sends nothing. The user must check which rows
 * reached BillPro before running the rest again.
 */
import { importWorkflow, n8nRest, sandbox } from '../e2e/support/context';
import { bulkImportWorkflow, exampleRows, taggedRows, type ImportRow } from './support/bulkImports';
import { queue } from './support/queueContext';
import { finishedExecution, startThroughQueue } from './support/runThroughQueue';
import { executionsStartedBy, killWorker, restartWorker, workerThatRan } from './support/workers';

const ROWS = 40;
const WORKFLOW_ID = 'BillProQKill';
/** Each create answered after 1 s: the 40 rows take about 8 s, five at a time. */
const CREATE_DELAY_MS = 1_000;

const rows: ImportRow[] = Array.from(
	{ length: ROWS },
	(_, index) =>
		taggedRows(`kill${String(index + 1).padStart(2, '0')}`, exampleRows().slice(0, 1))[0],
);

function creates() {
	return sandbox
		.requests()
		.then((requests) =>
			requests.filter(
				(request) => request.method === 'POST' && request.path === '/api/v1/customers',
			),
		);
}

async function customerEmails(): Promise<string[]> {
	const customers = await sandbox.records<{ email: string }>('listCustomers');
	return customers.map((customer) => customer.email).filter((email) => email.startsWith('kill'));
}

describe('Queue mode: a worker killed during a bulk create', () => {
	let executionId: string;
	let killed: string;
	let receivedBeforeKill: number;

	beforeAll(async () => {
		await sandbox.reset();
		await importWorkflow(bulkImportWorkflow(WORKFLOW_ID, 'worker kill', rows));
		await sandbox.clearRequests();
		await sandbox.control('POST', '/__sandbox/faults', {
			faults: [
				{ kind: 'slow', method: 'POST', path: '/customers', delayMs: CREATE_DELAY_MS, times: ROWS },
			],
		});
	});
	afterAll(async () => {
		if (killed) await restartWorker(killed);
	});

	it('n8n fails the execution once the job counts as stalled, and runs it nowhere else', async () => {
		const rest = await n8nRest();
		executionId = await startThroughQueue(rest, WORKFLOW_ID);
		for (let waited = 0; (await creates()).length < 5; waited += 100) {
			if (waited > 60_000) throw new Error('no creates reached BillPro within 60 s');
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		killed = workerThatRan(executionId)!;
		expect(killed).toMatch(/^worker-/);
		await killWorker(killed);
		const killedAt = Date.now();
		// The creates already on their way are carried out by BillPro all the same.
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		receivedBeforeKill = (await creates()).length;
		expect(receivedBeforeKill).toBeGreaterThanOrEqual(5);
		expect(receivedBeforeKill).toBeLessThan(ROWS);

		const failed = await finishedExecution(rest, executionId, 120_000);
		process.stdout.write(
			`  ${receivedBeforeKill} of ${ROWS} creates reached BillPro before the kill; n8n failed the execution ${((Date.now() - killedAt) / 1000).toFixed(0)} s after it\n`,
		);
		expect(failed.status).toBe('error');
		expect(failed.run.data.resultData.error?.message).toContain(
			'This execution failed to be processed too many times',
		);
		const other = queue().workers.find((worker) => worker.name !== killed)!;
		expect(executionsStartedBy(other.name)).not.toContain(executionId);
	}, 180_000);

	it('BillPro holds each customer it received once, and receives nothing more', async () => {
		// Well past the stalled-job check: a retry by n8n would have sent creates by now.
		await new Promise((resolve) => setTimeout(resolve, 15_000));
		const received = await creates();
		expect(received).toHaveLength(receivedBeforeKill);
		expect(received.every((request) => request.status === 200)).toBe(true);
		const emails = await customerEmails();
		expect(emails).toHaveLength(receivedBeforeKill);
		expect(new Set(emails).size).toBe(emails.length);
		const sent = received.map(
			(request) => (request.body as { customer: { email: string } }).customer.email,
		);
		expect([...emails].sort()).toEqual([...sent].sort());
	}, 60_000);

	it.each([
		['the original workflow', false],
		['the currently saved workflow', true],
	])(
		"n8n's Retry with %s fails the same way at once and sends BillPro nothing",
		async (_, loadWorkflow) => {
			const rest = await n8nRest();
			const retried = await rest.data<{ id: string; mode: string; retryOf: string }>(
				'POST',
				`/rest/executions/${executionId}/retry`,
				{ loadWorkflow },
			);
			expect(retried).toMatchObject({ mode: 'retry', retryOf: executionId });
			const run = await finishedExecution(rest, retried.id, 60_000);
			expect(run.status).toBe('error');
			expect(run.run.data.resultData.error?.message).toContain(
				'This execution failed to be processed too many times',
			);
			expect(Object.keys(run.run.data.resultData.runData)).toEqual([]);
			await new Promise((resolve) => setTimeout(resolve, 5_000));
			expect(await creates()).toHaveLength(receivedBeforeKill);
			expect(await customerEmails()).toHaveLength(receivedBeforeKill);
		},
		90_000,
	);
});
