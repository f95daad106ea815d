/**
 * Queue mode: the BillPro Payment Gateway Trigger behind n8n's webhook processor. The gateway
 * delivers a payment notification to the webhook processor (the main serves no production
 * webhooks here), then delivers it again: one execution starts, on a worker.
 */
import { GATEWAY_EXAMPLE, gatewayWebhookUrl } from '../../scripts/lib/stack';
import { SANDBOX_GATEWAY_KEY } from '../sandbox';
import {
	activate,
	deactivate,
	executionItems,
	executionsOf,
	waitForExecutions,
} from '../e2e/support/activeWorkflows';
import { e2e, example, sandbox } from '../e2e/support/context';
import {
	deliveryDone,
	gateway,
	pendingSinglePaymentOrder,
	type Delivery,
} from '../e2e/support/gatewayControl';
import { queue } from './support/queueContext';
import { workerThatRan } from './support/workers';

const workflow = example(GATEWAY_EXAMPLE);

describe('Queue mode: a gateway notification delivered twice to the webhook processor', () => {
	beforeAll(async () => {
		await sandbox.reset();
		await activate(workflow.id);
		await gateway('PUT', '', {
			url: gatewayWebhookUrl(queue().webhook.url, workflow.file),
			key: SANDBOX_GATEWAY_KEY,
			maxAttempts: 4,
			retryDelayMs: 500,
		});
	});

	afterAll(async () => {
		await gateway('DELETE', '');
		await deactivate(workflow.id);
	});

	it('the main answers no production webhook: the webhook processor is the one that receives them', async () => {
		const response = await fetch(gatewayWebhookUrl(e2e().n8nUrl, workflow.file), {
			method: 'POST',
			headers: { 'content-type': 'text/plain' },
			body: '00',
		});
		await response.arrayBuffer();
		expect(response.status).toBe(404);
	});

	it('the payment starts the workflow once, on a worker; the duplicate is answered 200 and starts nothing', async () => {
		const order = await pendingSinglePaymentOrder();
		await sandbox.pay(order.id, 'approve');
		const [run] = await waitForExecutions(workflow.id, 1, 60_000);
		expect(run.status).toBe('success');
		expect(workerThatRan(run.id)).toMatch(/^worker-/);
		const [started] = await executionItems(run.id, 'Payment from the gateway');
		expect(started).toMatchObject({ event: 'paymentApproved', orderId: String(order.id) });

		const { deliveries } = await gateway<{ deliveries: Delivery[] }>('GET', '/deliveries');
		expect(deliveries.at(-1)).toMatchObject({ kind: 'payment', status: 200, outcome: 'delivered' });
		const { delivery } = await gateway<{ delivery: number }>('POST', '/resend');
		const attempts = await deliveryDone(delivery);
		expect(attempts.at(-1)).toMatchObject({ kind: 'duplicate', status: 200, outcome: 'delivered' });

		// Time for a wrongly started execution to be enqueued, run and saved.
		await new Promise((resolve) => setTimeout(resolve, 5_000));
		expect(await executionsOf(workflow.id)).toHaveLength(1);
	});
});
