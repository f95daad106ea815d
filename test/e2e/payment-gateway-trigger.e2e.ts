/**
 * The BillPro Payment Gateway Trigger in n8n: examples/payment-notifications.json, active, with
 * the sandbox's gateway sending its encrypted notifications to the trigger's Production URL (as
 * BillPro Merchant Support sets it up). A person pays an order's payment link in Chromium; the
 * notification starts the workflow once. The gateway's duplicate starts nothing more, and a
 * tampered notification is refused and starts nothing. Copies of a notification sent at once,
 * and duplicates among hundreds of notifications in flight, start one execution per payment.
 */
import { GATEWAY_EXAMPLE, gatewayWebhookUrl } from '../../scripts/lib/stack';
import { SANDBOX_GATEWAY_KEY } from '../../sandbox';
import {
	activate,
	deactivate,
	executionItems,
	executionsOf,
	settledExecutionCounts,
	waitForExecutions,
} from './support/activeWorkflows';
import { launchChromium, type ChromiumPage } from './support/chromium';
import { e2e, example, sandbox } from './support/context';
import { deliveryDone, gateway, pendingSinglePaymentOrder } from './support/gatewayControl';
import { answerKind, approvedPayment, deliverAll, withDuplicates } from './support/gatewayLoad';

const workflow = example(GATEWAY_EXAMPLE);

describe('Example: a payment notification from the gateway starts the workflow once', () => {
	let browser: ChromiumPage;

	beforeAll(async () => {
		await sandbox.reset();
		await activate(workflow.id);
		await gateway('PUT', '', {
			url: gatewayWebhookUrl(e2e().n8nUrl, workflow.file),
			key: SANDBOX_GATEWAY_KEY,
			maxAttempts: 4,
			retryDelayMs: 500,
		});
		browser = await launchChromium();
	});

	afterAll(async () => {
		await gateway('DELETE', '');
		await deactivate(workflow.id);
		await browser?.close();
	});

	it('a person pays the payment link; the approved payment starts the workflow with the order', async () => {
		const order = await pendingSinglePaymentOrder();
		const { page } = browser;
		await page.goto(order.payment_link);
		await page.click('#pay-approve');
		await page.locator('#payment-result[data-result="approved"]').waitFor();

		const [run] = await waitForExecutions(workflow.id, 1, 30_000);
		expect(run.status).toBe('success');
		const [started] = await executionItems(run.id, 'Payment from the gateway');
		expect(started).toMatchObject({
			event: 'paymentApproved',
			approved: true,
			orderId: String(order.id),
		});
		expect(started).not.toHaveProperty('secretKey');
		const [thanked] = await executionItems(run.id, 'Thank the customer');
		expect(thanked).toMatchObject({ order_id: order.id, order_status: 'complete' });
	});

	it("the gateway's duplicate of that notification is answered 200 and starts nothing more", async () => {
		const { delivery } = await gateway<{ delivery: number }>('POST', '/resend');
		const attempts = await deliveryDone(delivery);
		expect(attempts.at(-1)).toMatchObject({ kind: 'duplicate', status: 200, outcome: 'delivered' });
		expect(await executionsOf(workflow.id)).toHaveLength(1);
	});

	it('a tampered notification is refused, retried by the gateway, and never starts the workflow', async () => {
		const { delivery } = await gateway<{ delivery: number }>('POST', '/tampered', { part: 'tag' });
		const attempts = await deliveryDone(delivery);
		expect(attempts.map((attempt) => attempt.status)).toEqual([401, 401, 401, 401]);
		expect(attempts.at(-1)?.outcome).toBe('gave up');
		expect(await executionsOf(workflow.id)).toHaveLength(1);
	});
});

describe('Example: copies arriving together, and duplicates under load, start one execution per payment', () => {
	let url: string;
	let orderId: number;

	beforeAll(async () => {
		await activate(workflow.id);
		url = gatewayWebhookUrl(e2e().n8nUrl, workflow.file);
		orderId = (await pendingSinglePaymentOrder()).id;
	});

	afterAll(() => deactivate(workflow.id));

	const kinds = (answers: Array<Parameters<typeof answerKind>[0]>) =>
		answers.map(answerKind).reduce<Record<string, number>>((counts, kind) => {
			counts[kind] = (counts[kind] ?? 0) + 1;
			return counts;
		}, {});

	it.each([5, 10])(
		'%i copies of an approved payment sent at once: one execution, every other copy answered 200 as a duplicate',
		async (copies) => {
			const before = await settledExecutionCounts(workflow.id, 0, 60_000, 0);
			const notification = approvedPayment(orderId);
			const answers = await deliverAll(url, Array(copies).fill(notification), copies);
			expect(kinds(answers)).toEqual({ started: 1, duplicate: copies - 1 });
			const after = await settledExecutionCounts(workflow.id, before.finished + 1, 60_000);
			expect(after).toEqual({
				finished: before.finished + 1,
				success: before.success + 1,
				inProgress: 0,
			});
		},
	);

	it('300 payments and 30 duplicates, 20 in flight: 300 executions, all successful', async () => {
		const before = await settledExecutionCounts(workflow.id, 0, 60_000, 0);
		const load = withDuplicates(() => approvedPayment(orderId), 300, 30);
		const startedAt = Date.now();
		const answers = await deliverAll(url, load, 20);
		const seconds = (Date.now() - startedAt) / 1000;
		expect(kinds(answers)).toEqual({ started: 300, duplicate: 30 });
		const after = await settledExecutionCounts(workflow.id, before.finished + 300, 240_000);
		console.log(
			`n8n ${e2e().n8nVersion}: 330 notifications answered in ${seconds.toFixed(1)} s; executions ${after.finished - before.finished}`,
		);
		expect(after).toEqual({
			finished: before.finished + 300,
			success: before.success + 300,
			inProgress: 0,
		});
	});
});
