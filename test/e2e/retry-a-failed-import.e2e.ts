/**
 * n8n's Retry of a failed execution, as a user does it from the Executions list, on an order
 * import that stopped part-way (support/retryStoppedImport.ts), started by a production webhook
 * that receives the 12 rows. Runs in the single-process suite (both n8n lines) and the queue
 * suite (the webhook processor receives the rows; the run, and the retry, on workers).
 */
import { activate, deactivate, waitForExecutions } from './support/activeWorkflows';
import { e2e, importWorkflow, type WorkflowJson } from './support/context';
import { orderImportWorkflow } from './support/orderImport';
import { describeRetryOfStoppedImport } from './support/retryStoppedImport';

const WORKFLOW_ID = 'BillProRetryImp';
const PATH = 'billpro-order-import';

/** The import, started by a production webhook that receives the rows. */
function importOrdersWorkflow(): WorkflowJson {
	const webhook = {
		id: 'c0a1b2c3-0000-4000-8000-000000000001',
		name: 'Order rows',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: 'c0a1b2c3-0000-4000-8000-0000000000aa',
		parameters: { httpMethod: 'POST', path: PATH, responseMode: 'onReceived', options: {} },
	};
	return orderImportWorkflow(WORKFLOW_ID, 'Order import (retry test)', [webhook], 'body.rows');
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

describeRetryOfStoppedImport("n8n's Retry of an order import that stopped at row 6", {
	mode: 'webhook',
	setUp: async () => {
		await importWorkflow(importOrdersWorkflow());
		await activate(WORKFLOW_ID);
	},
	start: async (rows) => {
		// In queue mode, production webhooks go to the webhook processor.
		const webhookBase = e2e().queue?.webhook.url ?? e2e().n8nUrl;
		const sent = await postOnceRegistered(`${webhookBase}/webhook/${PATH}`, { rows });
		expect(`${sent.status} ${await sent.text()}`).toMatch(/^200 /);
		const [run] = await waitForExecutions(WORKFLOW_ID, 1, 120_000);
		return run.id;
	},
	tearDown: async () => await deactivate(WORKFLOW_ID),
});
