/**
 * The BillPro Trigger in n8n, in two active example workflows: welcome-new-customers starts on a
 * customer added in the sandbox, declined-payment-follow-up on a soft-declined scheduled payment
 * of its watched order 1. n8n polls at its Poll Times (every minute); activation only notes what
 * exists, so the workflows start on what happens after it, once each. Then a copy of
 * welcome-new-customers whose credential is edited to point at another merchant profile, and
 * the sandbox reset under it; and a copy of declined-payment-follow-up that also watches an order
 * BillPro does not have.
 */
import { endpointPath } from '../../nodes/BillPro/shared/api';
import { MULTI_PROFILE_TOKEN, SINGLE_PROFILE_TOKEN } from '../../sandbox';
import {
	activate,
	deactivate,
	executionError,
	executionItems,
	executionsOf,
	waitForExecutions,
} from './support/activeWorkflows';
import {
	activeWelcomeOnItsOwnCredential,
	addCustomer,
	type SwitchableWelcome,
} from './support/accountSwitch';
import { N8N_LINES } from '../../scripts/lib/runtime';
import { e2e, example, exampleJson, importWorkflow, sandbox } from './support/context';
import { createOrderForAda } from './support/sandboxOrders';

/** Seeded in profile 1: a subscription product. */
const SUBSCRIPTION_PRODUCT = 1;
/** n8n polls every minute; one poll after the event, plus the time the workflow takes. */
const NEXT_POLL_MS = 100_000;

const welcome = example('welcome-new-customers');
const followUp = example('declined-payment-follow-up');

async function liveSubscription(): Promise<number> {
	const { id } = await createOrderForAda('createSubscriptionOrder', SUBSCRIPTION_PRODUCT);
	await sandbox.pay(id, 'approve');
	return id;
}

/**
 * The reports (a list that went backwards, a missing watched order) wait for n8n's minute polls:
 * they run on the default n8n line only, to keep CI within its time (where else they were run:
 * docs/triggers.md). `BILLPRO_E2E_EVERY_LINE=1` runs them on any line.
 */
const everyLine = e2e().n8nLine === N8N_LINES[0].line || !!process.env.BILLPRO_E2E_EVERY_LINE;
const itOnTheDefaultLine = everyLine ? it : it.skip;
const describeOnTheDefaultLine = everyLine ? describe : describe.skip;

describe('Example: the BillPro Trigger starts workflows on what happens in BillPro', () => {
	let orderId: number;
	beforeAll(async () => {
		await sandbox.reset();
		orderId = await liveSubscription();
		await activate(welcome.id, 'New customer in BillPro');
		await activate(followUp.id, 'Payment declined');
	});
	afterAll(async () => {
		await deactivate(welcome.id);
		await deactivate(followUp.id);
	});

	it('watches order 1, the order the example names', () => {
		expect(orderId).toBe(1);
	});

	it('activation notes the existing customers and payments and starts nothing', async () => {
		expect(await executionsOf(welcome.id)).toEqual([]);
		expect(await executionsOf(followUp.id)).toEqual([]);
	});

	it(
		'a new customer starts welcome-new-customers once, a soft decline starts the follow-up, which retries it',
		async () => {
			const added = await sandbox.api<{ id: number; email: string }>(
				SINGLE_PROFILE_TOKEN,
				'POST',
				endpointPath('createCustomer'),
				{
					customer: {
						first_name: 'Nina',
						last_name: 'Newcomer',
						email: 'nina.newcomer@example.com',
					},
				},
			);
			expect(added.status).toBe(200);
			const { payment } = await sandbox.pay(orderId, 'soft_decline');
			await sandbox.clearRequests();

			const [welcomed] = await waitForExecutions(welcome.id, 1, NEXT_POLL_MS);
			expect(welcomed.status).toBe('success');
			expect(await executionItems(welcomed.id, 'Welcome email')).toEqual([
				expect.objectContaining({
					to: 'nina.newcomer@example.com',
					billpro_customer: added.body.id,
				}),
			]);

			const [followed] = await waitForExecutions(followUp.id, 1, NEXT_POLL_MS);
			expect(followed.status).toBe('success');
			expect(await executionItems(followed.id, 'Payment declined')).toEqual([
				expect.objectContaining({
					event: 'scheduledPaymentStatusChanged',
					orderId,
					id: payment?.id,
					previousStatus: 'scheduled',
					status: 'soft-declined',
				}),
			]);
			const rescheduled = (await sandbox.requests()).filter((request) => request.method === 'PUT');
			expect(rescheduled.map((request) => request.path)).toEqual([
				`/api/v1${endpointPath('updateScheduledPayment', { orderId, id: Number(payment?.id) })}`,
			]);
		},
		2 * NEXT_POLL_MS + 10_000,
	);

	it('the next polls start nothing more: each event started its workflow once', async () => {
		await new Promise((resolve) => setTimeout(resolve, 65_000));
		expect(await executionsOf(welcome.id)).toHaveLength(1);
		expect(await executionsOf(followUp.id)).toHaveLength(1);
	}, 80_000);
});

describe('The BillPro Trigger pointed at another BillPro account, then BillPro reset under it', () => {
	let welcome: SwitchableWelcome;
	beforeAll(async () => {
		await sandbox.reset();
		welcome = await activeWelcomeOnItsOwnCredential('BillProWelcomeSw');
	});
	afterAll(() => welcome.deactivate());

	it(
		'the credential edited to another merchant profile: the customers already there start nothing, one added there afterwards starts one run',
		async () => {
			const [welcomed, ...more] = await welcome.runsAfterSwitching(
				'elsa.eu@example.com',
				NEXT_POLL_MS,
			);
			expect(more).toEqual([]);
			expect(welcomed.status).toBe('success');
			expect(await executionItems(welcomed.id, 'Welcome email')).toEqual([
				expect.objectContaining({ to: 'elsa.eu@example.com' }),
			]);
		},
		2 * NEXT_POLL_MS + 10_000,
	);

	itOnTheDefaultLine(
		'BillPro reset under it (its IDs start again): one failed execution says so, and the next customer starts the workflow',
		async () => {
			await sandbox.reset();
			const runs = await waitForExecutions(welcome.workflowId, 2, NEXT_POLL_MS);
			expect(runs.map((run) => run.status).sort()).toEqual(['error', 'success']);
			const report = runs.find((run) => run.status === 'error')!;
			expect(await executionError(report.id)).toEqual({
				message:
					"BillPro's customer list went backwards: its highest customer ID is now 5, and the trigger had seen up to 7",
				description: expect.stringContaining(
					"Customers added since the trigger's last poll with an ID of 5 or lower did not start the workflow",
				),
			});

			await addCustomer(MULTI_PROFILE_TOKEN, 'elsa.after.reset@example.com', '5');
			const after = await waitForExecutions(welcome.workflowId, 3, NEXT_POLL_MS);
			expect(after.map((run) => run.status).sort()).toEqual(['error', 'success', 'success']);
			const newest = after.reduce((a, b) => (Number(a.id) > Number(b.id) ? a : b));
			expect(await executionItems(newest.id, 'Welcome email')).toEqual([
				expect.objectContaining({ to: 'elsa.after.reset@example.com' }),
			]);
		},
		2 * NEXT_POLL_MS + 10_000,
	);
});

describeOnTheDefaultLine('The BillPro Trigger watching an order BillPro does not have', () => {
	const workflow = exampleJson('declined-payment-follow-up');
	workflow.id = 'BillProDeclMiss';
	workflow.name += ', also watching an order BillPro does not have';
	const triggerNode = workflow.nodes.find((node) => node.type.endsWith('.billProTrigger'))!;
	const missing = 999;
	let orderId: number;

	beforeAll(async () => {
		await sandbox.reset();
		orderId = await liveSubscription();
		triggerNode.parameters.watchedOrderIds = `${orderId}, ${missing}`;
		await importWorkflow(workflow);
	});
	afterAll(() => deactivate(workflow.id));

	it(
		'activation succeeds and one failed execution names the order; a decline of the other order starts the workflow, and that poll reports nothing more',
		async () => {
			await activate(workflow.id, triggerNode.name);
			const [report] = await waitForExecutions(workflow.id, 1, 30_000);
			expect(report.status).toBe('error');
			expect(await executionError(report.id)).toEqual({
				message: `Watched order ${missing} was not found in BillPro`,
				description: expect.stringContaining('The trigger goes on watching the other orders'),
			});

			const { payment } = await sandbox.pay(orderId, 'soft_decline');
			const runs = await waitForExecutions(workflow.id, 2, NEXT_POLL_MS);
			expect(runs.map((run) => run.status).sort()).toEqual(['error', 'success']);
			const followed = runs.find((run) => run.status === 'success')!;
			expect(await executionItems(followed.id, 'Payment declined')).toEqual([
				expect.objectContaining({ orderId, id: payment?.id, status: 'soft-declined' }),
			]);
		},
		NEXT_POLL_MS + 40_000,
	);
});
