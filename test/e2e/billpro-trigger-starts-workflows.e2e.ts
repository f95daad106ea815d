/**
 * The BillPro Trigger in n8n, in two active example workflows: welcome-new-customers starts on a
 * customer added in the sandbox, declined-payment-follow-up on a soft-declined scheduled payment
 * of its watched order 1. n8n polls at its Poll Times (every minute); activation only notes what
 * exists, so the workflows start on what happens after it, once each.
 */
import { endpointPath } from '../../nodes/BillPro/shared/api';
import { SINGLE_PROFILE_TOKEN } from '../sandbox';
import {
	activate,
	deactivate,
	executionItems,
	executionsOf,
	waitForExecutions,
} from './support/activeWorkflows';
import { example, sandbox } from './support/context';
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
