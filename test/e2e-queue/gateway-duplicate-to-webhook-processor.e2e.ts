/**
 * Queue mode: the BillPro Payment Gateway Trigger behind n8n's webhook processor. The gateway
 * delivers a payment notification to the webhook processor (the main serves no production
 * webhooks here), then delivers it again: one execution starts, on a worker. Copies sent at
 * once, and duplicates under load, start one execution per payment at one webhook processor.
 * With a second webhook processor, each has its own memory: copies reaching both at the same
 * moment can start one run in each; the tests assert that bound and print what was measured.
 */
import { GATEWAY_EXAMPLE, gatewayWebhookUrl } from '../../scripts/lib/stack';
import { SANDBOX_GATEWAY_KEY } from '../../sandbox';
import path from 'node:path';

import { installCommunityPackage } from '../../scripts/lib/package';
import { freePort } from '../../scripts/lib/proc';
import { startQueueProcess, type QueueProcess } from '../../scripts/lib/queue';
import {
	activate,
	deactivate,
	executionItems,
	executionsOf,
	settledExecutionCounts,
	waitForExecutions,
} from '../e2e/support/activeWorkflows';
import { e2e, example, sandbox } from '../e2e/support/context';
import {
	deliveryDone,
	gateway,
	pendingSinglePaymentOrder,
	type Delivery,
} from '../e2e/support/gatewayControl';
import {
	answerKind,
	approvedPayment,
	deliverAll,
	withDuplicates,
	type DeliveryAnswer,
} from '../e2e/support/gatewayLoad';
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

const kinds = (answers: DeliveryAnswer[]) =>
	answers.map(answerKind).reduce<Record<string, number>>((counts, kind) => {
		counts[kind] = (counts[kind] ?? 0) + 1;
		return counts;
	}, {});

/** A second webhook processor beside the stack's, with its own user folder and port. */
async function secondWebhookProcessor(): Promise<QueueProcess> {
	const { pid: _pid, ...first } = queue().webhook;
	const { workDir, tarball, n8nOptions } = e2e();
	const port = await freePort();
	const userFolder = path.join(workDir, 'n8n-webhook-2');
	await installCommunityPackage(
		n8nOptions.runtime,
		userFolder,
		tarball,
		path.join(workDir, 'logs', 'setup-webhook-2.log'),
	);
	return await startQueueProcess({
		...first,
		name: 'webhook-2',
		logFile: path.join(workDir, 'logs', 'n8n-webhook-2.log'),
		url: `http://127.0.0.1:${port}`,
		options: {
			...first.options,
			userFolder,
			port,
			brokerPort: await freePort(),
			env: { ...first.options.env, QUEUE_HEALTH_CHECK_PORT: String(port) },
		},
	});
}

describe('Queue mode: copies and duplicates under load at the webhook processors', () => {
	let orderId: number;
	const at = (processor: { url: string }) => gatewayWebhookUrl(processor.url, workflow.file);

	beforeAll(async () => {
		await activate(workflow.id);
		orderId = (await pendingSinglePaymentOrder()).id;
	});

	afterAll(() => deactivate(workflow.id));

	it('10 copies sent at once to the webhook processor: one execution', async () => {
		const before = await settledExecutionCounts(workflow.id, 0, 60_000, 0);
		const notification = approvedPayment(orderId);
		const answers = await deliverAll(at(queue().webhook), Array(10).fill(notification), 10);
		expect(kinds(answers)).toEqual({ started: 1, duplicate: 9 });
		const after = await settledExecutionCounts(workflow.id, before.finished + 1, 60_000);
		expect(after.finished - before.finished).toBe(1);
	});

	it('300 payments and 30 duplicates, 20 in flight, to the webhook processor: 300 executions', async () => {
		const before = await settledExecutionCounts(workflow.id, 0, 60_000, 0);
		const load = withDuplicates(() => approvedPayment(orderId), 300, 30);
		const startedAt = Date.now();
		const answers = await deliverAll(at(queue().webhook), load, 20);
		const seconds = (Date.now() - startedAt) / 1000;
		expect(kinds(answers)).toEqual({ started: 300, duplicate: 30 });
		const after = await settledExecutionCounts(workflow.id, before.finished + 300, 300_000);
		console.log(
			`queue, one webhook processor: 330 notifications answered in ${seconds.toFixed(1)} s; ${after.finished - before.finished} executions, ${after.success - before.success} successful`,
		);
		expect(after.finished - before.finished).toBe(300);
		expect(after.success - before.success).toBe(300);
	}, 360_000);

	describe('with a second webhook processor', () => {
		let second: QueueProcess | undefined;

		beforeAll(async () => {
			second = await secondWebhookProcessor();
		});

		afterAll(async () => {
			await second?.server.stop();
		});

		it('copies reaching both webhook processors at once start at most one execution in each (measured)', async () => {
			const processors = [at(queue().webhook), at(second!)];
			const before = await settledExecutionCounts(workflow.id, 0, 60_000, 0);
			const notifications = Array.from({ length: 20 }, () => approvedPayment(orderId));
			for (const notification of notifications) {
				await deliverAll((n) => processors[n % 2], Array(10).fill(notification), 10);
			}
			const after = await settledExecutionCounts(workflow.id, before.finished + 20, 120_000);
			// The latest executions, at most 40 of them these payments'.
			const perPayment = new Map<unknown, number>();
			for (const run of await executionsOf(workflow.id, 100)) {
				const [item] = await executionItems(run.id, 'Payment from the gateway');
				perPayment.set(item.transactionId, (perPayment.get(item.transactionId) ?? 0) + 1);
			}
			const runsPerPayment = notifications.map((n) => perPayment.get(n.payload.id) ?? 0);
			const executions = after.finished - before.finished;
			console.log(
				`queue, two webhook processors, 10 copies of each of 20 payments at once (5 at each): executions per payment ${JSON.stringify(runsPerPayment)}, ${executions} in all`,
			);
			expect(runsPerPayment.reduce((sum, runs) => sum + runs, 0)).toBe(executions);
			expect(Math.min(...runsPerPayment)).toBeGreaterThanOrEqual(1);
			expect(Math.max(...runsPerPayment)).toBeLessThanOrEqual(2);
		});

		it('300 payments and 30 duplicates, 20 in flight, each duplicate at the other webhook processor: at least 300 executions (measured)', async () => {
			const processors = [at(queue().webhook), at(second!)];
			const before = await settledExecutionCounts(workflow.id, 0, 60_000, 0);
			const load = withDuplicates(() => approvedPayment(orderId), 300, 30);
			const answers = await deliverAll((n) => processors[n % 2], load, 20);
			const answered = kinds(answers);
			const after = await settledExecutionCounts(workflow.id, before.finished + 300, 300_000);
			const executions = after.finished - before.finished;
			console.log(
				`queue, two webhook processors, 300 payments + 30 duplicates at 20 in flight, each duplicate at the other processor: answers ${JSON.stringify(answered)}; ${executions} executions`,
			);
			expect(answered.started).toBe(executions);
			expect(executions).toBeGreaterThanOrEqual(300);
			expect(executions).toBeLessThanOrEqual(330);
			expect(after.success - before.success).toBe(executions);
		}, 360_000);
	});
});
