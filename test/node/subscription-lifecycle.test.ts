import type { IDataObject } from 'n8n-workflow';
import { FIELD } from '../../nodes/BillPro/shared/api';
import { runBillPro, runWorkflow } from '../harness/workflow';
import { listSearch } from '../harness/listSearch';
import { byId, productOf } from './orderFixtures';
import { useSandbox } from './sandboxFixture';

describe('A subscription from sign-up to completion', () => {
	const billPro = useSandbox();

	it('creates the customer and the order, collects, reschedules, pauses, resumes and completes it', async () => {
		const credentials = billPro.singleProfile();
		const product = productOf(billPro.sandbox, 'subscription');

		// 1. One workflow: new customer → subscription order for that customer.
		const signUp = await runWorkflow({
			credentials,
			items: [{ first: 'Sam', last: 'Lee', email: 'sam.lee@example.com' }],
			nodes: [
				{
					name: 'Create Customer',
					parameters: {
						resource: 'customer',
						operation: 'create',
						firstName: '={{ $json.first }}',
						lastName: '={{ $json.last }}',
						email: '={{ $json.email }}',
					},
				},
				{
					name: 'Create Subscription',
					parameters: {
						resource: 'order',
						operation: 'create',
						orderType: 'subscription',
						customer: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
						currency: product.currency,
						product: byId(product.id),
					},
				},
			],
		});
		expect(signUp.error).toBeUndefined();
		const [customer] = signUp.output['Create Customer'];
		const [order] = signUp.output['Create Subscription'];
		expect(order.json).toMatchObject({
			order_type: 'subscription',
			status: 'pending',
			customer_id: customer.json.id,
		});
		expect(order.json[FIELD.paymentLink]).toEqual(expect.any(String));
		const orderId = String(order.json.id);
		const run = (parameters: IDataObject) => runBillPro({ credentials, parameters });
		const status = async () =>
			(await run({ resource: 'order', operation: 'get', orderId })).items[0].json.status;

		// 2. The customer pays through the link.
		billPro.sandbox.store.processPayment(1, Number(orderId), 'approve');
		expect(await status()).toBe('active');

		// 3. The next cycle's payment is scheduled; reschedule it a week later.
		const listed = await run({
			resource: 'scheduledPayment',
			operation: 'getAll',
			orderId,
			returnAll: true,
		});
		const next = listed.items.find((item) => item.json.status === 'scheduled');
		expect(next).toBeDefined();
		const later = new Date(Date.parse(String(next?.json[FIELD.scheduledAt])) + 7 * 86_400_000);
		const rescheduled = await run({
			resource: 'scheduledPayment',
			operation: 'reschedule',
			orderId,
			scheduledPayment: byId(next?.json.id),
			scheduledAt: later.toISOString(),
		});
		expect(rescheduled.error).toBeUndefined();
		expect(rescheduled.items[0].json).toMatchObject({
			status: 'scheduled',
			[FIELD.scheduledAt]: later.toISOString(),
		});

		// The payment list of the Scheduled Payment field shows it too.
		const choices = await listSearch('searchScheduledPayments', credentials, undefined, undefined, {
			orderId,
		});
		expect(choices.results.map((choice) => choice.value)).toContain(String(next?.json.id));

		// 4. Pause: nothing is collected, payments are paused.
		expect(
			(await run({ resource: 'order', operation: 'pause', orderId })).items[0].json.status,
		).toBe('paused');
		const paused = await run({
			resource: 'scheduledPayment',
			operation: 'getAll',
			orderId,
			returnAll: true,
		});
		expect(paused.items.map((item) => item.json.status)).toContain('paused');

		// 5. Resume, then cancel: a live order is marked complete.
		expect(
			(await run({ resource: 'order', operation: 'resume', orderId })).items[0].json.status,
		).toBe('active');
		expect(
			(await run({ resource: 'order', operation: 'cancel', orderId })).items[0].json.status,
		).toBe('complete');
		const after = await run({
			resource: 'scheduledPayment',
			operation: 'getAll',
			orderId,
			returnAll: true,
		});
		expect(after.items.map((item) => item.json.status)).not.toContain('scheduled');
	});
});
