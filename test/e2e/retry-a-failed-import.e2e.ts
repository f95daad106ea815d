/**
 * n8n's Retry of a failed execution, as a user does it from the Executions list, on an order
 * import that stopped part-way. A webhook workflow sends 12 rows to Order → Create; row 6 (item
 * 5) names a customer BillPro does not have yet, so BillPro refuses it and the run stops. The
 * failed execution names every row BillPro accepted, with its order ID. Once the customer exists,
 * Retry runs the node again with the same 12 rows: BillPro gets the rows it had not accepted, and
 * holds every row's order once. Runs in the single-process suite (both n8n lines) and the queue
 * suite (the runs, and the retry, on workers).
 */
import { parse } from 'flatted';

import { endpointPath, QUERY } from '../../nodes/BillPro/shared/api';
import { MULTI_PROFILE_TOKEN, SINGLE_PROFILE_TOKEN } from '../../sandbox';
import { acceptedIn, itemsIn } from '../node/stoppedRun';
import { activate, deactivate, waitForExecutions } from './support/activeWorkflows';
import { e2e, importWorkflow, n8nRest, sandbox, type WorkflowJson } from './support/context';
import { CUSTOMER_ADA } from './support/sandboxOrders';
import { workerThatRan } from '../e2e-queue/support/workers';

const WORKFLOW_ID = 'BillProRetryImp';
const PATH = 'billpro-order-import';
const ROWS = 12;
const UNKNOWN_ROW = 5;
/** Seeded in profile 1: a GBP single-payment product. */
const SINGLE_PRODUCT = 2;

interface Order {
	id: number;
	customer_id: number;
	invoice_id: string | null;
}

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

function importOrdersWorkflow(credential: { id: string; name: string }): WorkflowJson {
	return {
		id: WORKFLOW_ID,
		name: 'Order import (retry test)',
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {
			'Order rows': { main: [[{ node: 'One item per row', type: 'main', index: 0 }]] },
			'One item per row': { main: [[{ node: 'Create orders', type: 'main', index: 0 }]] },
		},
		nodes: [
			{
				id: 'c0a1b2c3-0000-4000-8000-000000000001',
				name: 'Order rows',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'c0a1b2c3-0000-4000-8000-0000000000aa',
				parameters: { httpMethod: 'POST', path: PATH, responseMode: 'onReceived', options: {} },
			},
			{
				id: 'c0a1b2c3-0000-4000-8000-000000000002',
				name: 'One item per row',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'body.rows', options: {} },
			},
			{
				id: 'c0a1b2c3-0000-4000-8000-000000000003',
				name: 'Create orders',
				type: `${e2e().packageName}.billPro`,
				typeVersion: 1,
				position: [440, 0],
				credentials: { billProApi: credential },
				parameters: {
					resource: 'order',
					operation: 'create',
					orderType: 'single_payment',
					customer: { __rl: true, mode: 'id', value: '={{ $json.customer }}' },
					currency: 'GBP',
					products: { product: [{ productId: String(SINGLE_PRODUCT), quantity: 1 }] },
					additionalFields: { invoiceId: '={{ $json.invoice }}' },
				},
			},
		],
	} as WorkflowJson;
}

async function ordersByInvoice(): Promise<Map<string, Order[]>> {
	const held = new Map<string, Order[]>();
	for (const order of await allOrders()) {
		const key = order.invoice_id ?? '';
		held.set(key, [...(held.get(key) ?? []), order]);
	}
	return held;
}

/** BillPro has no list of orders: read them one by one up to the highest ID it gave. */
async function allOrders(): Promise<Order[]> {
	const found: Order[] = [];
	for (let id = 1; ; id++) {
		const read = await sandbox.api<Order>(
			SINGLE_PROFILE_TOKEN,
			'GET',
			endpointPath('getOrder', id),
		);
		if (read.status !== 200) return found;
		found.push(read.body);
	}
}

/** POSTs `body` once n8n has registered the webhook: it finishes an activation in the background. */
async function postOnceRegistered(url: string, body: unknown): Promise<Response> {
	for (const until = Date.now() + 30_000; ; ) {
		const answer = await fetch(url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
		});
		if (answer.status !== 404 || Date.now() > until) return answer;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
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

describe("n8n's Retry of an order import that stopped at row 6", () => {
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
		await importWorkflow(importOrdersWorkflow(e2e().credential));
		await activate(WORKFLOW_ID);
		await sandbox.clearRequests();
	});
	afterAll(async () => {
		await deactivate(WORKFLOW_ID);
	});

	it('fails at row 6 and names every row BillPro accepted, with its order ID', async () => {
		const rows = Array.from({ length: ROWS }, (_, row) => ({
			invoice: invoice(row),
			customer: row === UNKNOWN_ROW ? newCustomerId : CUSTOMER_ADA,
		}));
		// In queue mode, production webhooks go to the webhook processor.
		const webhookBase = e2e().queue?.webhook.url ?? e2e().n8nUrl;
		const sent = await postOnceRegistered(`${webhookBase}/webhook/${PATH}`, { rows });
		expect(`${sent.status} ${await sent.text()}`).toMatch(/^200 /);
		const [run] = await waitForExecutions(WORKFLOW_ID, 1, 120_000);
		const execution = await finished(run.id);
		failedId = execution.id;
		expect(execution.status).toBe('error');

		const { error } = execution.run.resultData;
		expect(error?.message).toMatch(
			/^BillPro rejected 'Customer' not found\. The run stopped at item 5: BillPro accepted \d+ items/,
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
		const retried = await rest.data<{ id: string }>('POST', `/rest/executions/${failedId}/retry`, {
			loadWorkflow: false,
		});
		const execution = await finished(retried.id);
		expect(execution).toMatchObject({ status: 'success', mode: 'retry', retryOf: failedId });
		// In queue mode, workers ran both: the node's record of the first run travelled in n8n's data.
		if (e2e().queue) {
			expect(workerThatRan(failedId)).toMatch(/^worker-/);
			expect(workerThatRan(retried.id)).toMatch(/^worker-/);
		}

		// The orders out of the retry: one per row, paired; the accepted rows' are the first answers.
		const output = execution.run.resultData.runData['Create orders'].at(-1)?.data?.main[0] ?? [];
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
});
