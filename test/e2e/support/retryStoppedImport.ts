/**
 * The story of n8n's Retry of an order import that stopped part-way, told once for every way the
 * import starts (a production webhook, the editor's Execute workflow). 12 rows go to Order →
 * Create; row 6 (item 5) names a customer BillPro does not have yet, so BillPro refuses it and
 * the run stops, naming every row BillPro accepted with its order ID. Once the customer exists,
 * n8n's Retry (Executions → Retry, with the original workflow) runs the node again with the same
 * 12 rows: BillPro gets only the rows it had not accepted, and holds every row's order once. A
 * second Retry of the same failed execution (n8n still offers it) sends nothing.
 */
import { parse } from 'flatted';

import { endpointPath, QUERY } from '../../../nodes/BillPro/shared/api';
import { MULTI_PROFILE_TOKEN, SINGLE_PROFILE_TOKEN } from '../../../sandbox';
import { acceptedIn, itemsIn } from '../../node/stoppedRun';
import { workerThatRan } from '../../e2e-queue/support/workers';
import { e2e, n8nRest, sandbox } from './context';
import { CREATE_ORDERS, ordersByInvoice, type Order, type OrderRow } from './orderImport';
import { CUSTOMER_ADA } from './sandboxOrders';

const ROWS = 12;
const UNKNOWN_ROW = 5;

interface StoredExecution {
	id: string;
	status: string;
	mode: string;
	retryOf?: string;
	data: string;
}

interface ExecutionData {
	resultData: {
		error?: { message: string; description?: string };
		runData: Record<string, Array<{ data?: { main: Array<Array<{ json: Order }>> } }>>;
	};
}

/** How a test starts the import: its set-up, and one run of `rows`, giving the execution's id. */
export interface ImportStart {
	/** n8n's mode of the run it starts: 'webhook', 'manual'. */
	mode: string;
	setUp(): Promise<void>;
	start(rows: OrderRow[]): Promise<string>;
	tearDown?(): Promise<void>;
}

async function storedExecution(id: string) {
	const rest = await n8nRest();
	const execution = await rest.data<StoredExecution>('GET', `/rest/executions/${id}`);
	return { ...execution, run: parse(execution.data) as ExecutionData };
}

async function finished(id: string, timeoutMs = 120_000) {
	for (const until = Date.now() + timeoutMs; ; ) {
		const execution = await storedExecution(id);
		if (!['new', 'running', 'waiting'].includes(execution.status)) return execution;
		if (Date.now() > until) throw new Error(`Execution ${id} still ${execution.status}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

export function describeRetryOfStoppedImport(title: string, how: ImportStart): void {
	describe(title, () => {
		const invoice = (row: number) => `import-row-${row + 1}`;
		let newCustomerId: number;
		let failedId: string;
		let namedAccepted: Map<number, string>;

		beforeAll(async () => {
			await sandbox.reset();
			// Customer IDs are BillPro-wide: the next one is one past a customer made in another profile.
			const probe = await sandbox.api<{ id: number }>(
				MULTI_PROFILE_TOKEN,
				'POST',
				`${endpointPath('createCustomer')}?${QUERY.profileId}=5`,
				{ customer: { first_name: 'Other', last_name: 'Profile', email: 'probe@example.com' } },
			);
			newCustomerId = probe.body.id + 1;
			await how.setUp();
			await sandbox.clearRequests();
		});
		afterAll(async () => {
			await how.tearDown?.();
		});

		it('fails at row 6 and names every row BillPro accepted, with its order ID', async () => {
			const rows = Array.from({ length: ROWS }, (_, row) => ({
				invoice: invoice(row),
				customer: row === UNKNOWN_ROW ? newCustomerId : CUSTOMER_ADA,
			}));
			const execution = await finished(await how.start(rows));
			failedId = execution.id;
			expect(execution).toMatchObject({ status: 'error', mode: how.mode });

			const { error } = execution.run.resultData;
			expect(error?.message).toMatch(
				/^BillPro rejected 'Customer' not found\. Check the ID\. Use the customer's 'id', a whole number, from the answer of Get many customers or Get a customer \(not its merchant 'customer_id'\)\. The run stopped at item 5: BillPro accepted \d+ items/,
			);
			namedAccepted = acceptedIn(error?.description);
			expect(itemsIn(error?.description, 'Failed:')).toEqual([UNKNOWN_ROW]);
			// What the error names is exactly what BillPro holds: each row's order, with its ID.
			const held = await ordersByInvoice();
			expect(held.size).toBe(namedAccepted.size);
			for (const [row, id] of namedAccepted) {
				expect(held.get(invoice(row))?.map((order) => String(order.id))).toEqual([id]);
			}
			for (const row of [0, 1, 2, 3, 4]) expect(namedAccepted.has(row)).toBe(true);
			expect(error?.description).toMatch(/Retrying \(n8n's Retry of this execution/);
		});

		it('after the customer is created, Retry sends only the rows BillPro had not accepted', async () => {
			const created = await sandbox.api<{ id: number }>(
				SINGLE_PROFILE_TOKEN,
				'POST',
				endpointPath('createCustomer'),
				{ customer: { first_name: 'Row', last_name: 'Six', email: 'row.six@example.com' } },
			);
			expect(created.body.id).toBe(newCustomerId);
			await sandbox.clearRequests();

			const rest = await n8nRest();
			const retried = await rest.data<{ id: string }>(
				'POST',
				`/rest/executions/${failedId}/retry`,
				{ loadWorkflow: false },
			);
			const execution = await finished(retried.id);
			expect(execution).toMatchObject({ status: 'success', mode: 'retry', retryOf: failedId });
			// In queue mode, workers ran both: the node's record of the first run travelled in n8n's data.
			if (e2e().queue) {
				expect(workerThatRan(failedId)).toMatch(/^worker-/);
				expect(workerThatRan(retried.id)).toMatch(/^worker-/);
			}

			// The orders out of the retry: one per row, paired; the accepted rows' are the first answers.
			const output = execution.run.resultData.runData[CREATE_ORDERS].at(-1)?.data?.main[0] ?? [];
			expect(output.map((item) => item.json.invoice_id)).toEqual(
				Array.from({ length: ROWS }, (_, row) => invoice(row)),
			);
			for (const [row, id] of namedAccepted) expect(String(output[row].json.id)).toBe(id);

			// BillPro received a create for each row it had not accepted, nothing else, and holds every
			// row's order once.
			const creates = (await sandbox.requests()).filter((request) => request.method === 'POST');
			expect(creates).toHaveLength(ROWS - namedAccepted.size);
			expect(creates.every((request) => request.status === 200)).toBe(true);
			const held = await ordersByInvoice();
			for (let row = 0; row < ROWS; row++) expect(held.get(invoice(row))).toHaveLength(1);
			expect(held.get(invoice(UNKNOWN_ROW))?.[0].customer_id).toBe(newCustomerId);
		});

		it('a second Retry of the same failed execution sends nothing and names the one to retry', async () => {
			await sandbox.clearRequests();
			const rest = await n8nRest();
			const again = await rest.data<{ id: string }>('POST', `/rest/executions/${failedId}/retry`, {
				loadWorkflow: false,
			});
			const execution = await finished(again.id);
			expect(execution).toMatchObject({ status: 'error', mode: 'retry', retryOf: failedId });
			expect(execution.run.resultData.error?.message).toMatch(
				new RegExp(`^Execution ${failedId} was already retried: BillPro may have received`),
			);
			expect(execution.run.resultData.error?.description).toMatch(/Retry the latest failed Retry/);
			expect((await sandbox.requests()).filter((request) => request.method === 'POST')).toEqual([]);
			const held = await ordersByInvoice();
			for (let row = 0; row < ROWS; row++) expect(held.get(invoice(row))).toHaveLength(1);
		});
	});
}
