/**
 * Queue mode as n8n 3.0 runs it: manual executions (the editor's Execute workflow, `POST
 * /rest/workflows/:id/run`) go to the workers (OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true, set on
 * every process by scripts/lib/queue.ts). Which process ran one: the main logs "Enqueued
 * execution <id>" and the worker that takes it "Worker started execution <id>". A bulk Order →
 * Create run by hand keeps every output item paired with its row and creates each order once; an
 * import run by hand that stops at row 6, then n8n's Retry, sends no row twice.
 */
import { readFileSync } from 'node:fs';

import type { N8nRest } from '../../scripts/lib/rest';
import { importWorkflow, n8nRest, sandbox, type WorkflowJson } from '../e2e/support/context';
import {
	CREATE_ORDERS,
	orderImportWorkflow,
	ordersByInvoice,
	type Order,
	type OrderRow,
} from '../e2e/support/orderImport';
import { describeRetryOfStoppedImport } from '../e2e/support/retryStoppedImport';
import { CUSTOMER_ADA } from '../e2e/support/sandboxOrders';
import { queue } from './support/queueContext';
import { finishedExecution, startThroughQueue } from './support/runThroughQueue';
import { executionsStartedBy } from './support/workers';

/** An order import started by hand: its rows in a Set node, as a user pastes them in. */
function manualOrderImport(id: string, rows: OrderRow[]): WorkflowJson {
	const byHand = [
		{
			id: 'c0a1b2c3-0000-4000-8000-000000000010',
			name: 'When clicking ‘Execute workflow’',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			parameters: {},
		},
		{
			id: 'c0a1b2c3-0000-4000-8000-000000000011',
			name: 'Order rows',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ rows }), options: {} },
		},
	];
	return orderImportWorkflow(id, `Order import by hand (${id})`, byHand, 'rows');
}

/** The main enqueued the execution and exactly one worker ran it: that worker's name. */
function workerThatRanEnqueued(executionId: string): string {
	expect(readFileSync(queue().mainLogFile, 'utf8')).toContain(`Enqueued execution ${executionId} `);
	const ranBy = queue().workers.filter((worker) =>
		executionsStartedBy(worker.name).includes(executionId),
	);
	expect(ranBy).toHaveLength(1);
	return ranBy[0].name;
}

/** Saves the import of `rows` and runs it as Execute workflow does; the execution's id. */
async function runByHand(rest: N8nRest, id: string, rows: OrderRow[]): Promise<string> {
	await importWorkflow(manualOrderImport(id, rows));
	return await startThroughQueue(rest, id);
}

describe('Queue mode, manual executions on workers: a bulk Order → Create run by hand', () => {
	const ROWS = 20;
	const rows = Array.from({ length: ROWS }, (_, row) => ({
		invoice: `by-hand-${row + 1}`,
		customer: CUSTOMER_ADA,
	}));

	beforeAll(async () => {
		await sandbox.reset();
	});

	it('runs on a worker; every order is created once, each output item paired with its row', async () => {
		const rest = await n8nRest();
		await importWorkflow(manualOrderImport('BillProQHand', rows));
		await sandbox.clearRequests();
		// The first two creates answer last, so BillPro's answers come back out of order.
		await sandbox.control('POST', '/__sandbox/faults', {
			faults: [
				{ kind: 'slow', method: 'POST', path: 'createSingleOrder', delayMs: 1_500, times: 2 },
			],
		});
		const executionId = await startThroughQueue(rest, 'BillProQHand');
		const execution = await finishedExecution(rest, executionId);

		expect(execution).toMatchObject({ status: 'success', mode: 'manual' });
		const ranBy = workerThatRanEnqueued(executionId);
		process.stdout.write(`  the manual run ${executionId} ran on ${ranBy}\n`);

		const [output] = execution.run.data.resultData.runData[CREATE_ORDERS];
		const items = output.data!.main[0]!;
		expect(items.map((item) => (item.json as unknown as Order).invoice_id)).toEqual(
			rows.map((row) => row.invoice),
		);
		expect(items.map((item) => (item as { pairedItem?: unknown }).pairedItem)).toEqual(
			rows.map((_, item) => ({ item })),
		);

		const creates = (await sandbox.requests()).filter((request) => request.method === 'POST');
		expect(creates).toHaveLength(ROWS);
		expect(creates.every((request) => request.status === 200)).toBe(true);
		const held = await ordersByInvoice();
		items.forEach((item, row) => {
			const orders = held.get(rows[row].invoice) ?? [];
			expect(orders.map((order) => order.id)).toEqual([(item.json as unknown as Order).id]);
		});
	});
});

describeRetryOfStoppedImport(
	'Queue mode, manual executions on workers: Retry of an import run by hand that stopped at row 6',
	{
		mode: 'manual',
		setUp: async () => {},
		start: async (rows) => {
			const executionId = await runByHand(await n8nRest(), 'BillProQHandRtry', rows);
			await finishedExecution(await n8nRest(), executionId);
			workerThatRanEnqueued(executionId);
			return executionId;
		},
	},
);
