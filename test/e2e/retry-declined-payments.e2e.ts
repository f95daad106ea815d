/**
 * examples/retry-declined-payments.json, run by n8n: read an order's scheduled payments and
 * reschedule each soft-declined one for tomorrow 09:00 UTC, which makes BillPro retry it.
 *
 * The sandbox gets a live instalment order whose first scheduled payment was soft-declined (its
 * simulated gateway declines it); the example's "Order to check" gets that order's ID.
 */
import { endpointPath } from '../../nodes/BillPro/shared/api';
import { SINGLE_PROFILE_TOKEN } from '../../sandbox';
import { example, exampleJson, executeWorkflow, importWorkflow, sandbox } from './support/context';
import { createOrderForAda, INSTALMENT_PRODUCT } from './support/sandboxOrders';

interface Payment {
	id: number;
	status: string;
	scheduled_at: string;
}

async function liveOrderWithASoftDecline(): Promise<{ orderId: number; payments: Payment[] }> {
	const { id: orderId } = await createOrderForAda('createInstalmentOrder', INSTALMENT_PRODUCT);
	await sandbox.pay(orderId, 'approve'); // the deposit, through the payment link: order active
	await sandbox.pay(orderId, 'soft_decline'); // the first scheduled payment: soft-declined
	const listed = await sandbox.api<Payment[]>(
		SINGLE_PROFILE_TOKEN,
		'GET',
		endpointPath('listScheduledPayments', orderId),
	);
	return { orderId, payments: listed.body };
}

describe('Example: daily retry of declined scheduled payments', () => {
	beforeAll(() => sandbox.reset());

	it('reschedules only the soft-declined payment, for tomorrow 09:00 UTC', async () => {
		const { orderId, payments } = await liveOrderWithASoftDecline();
		const declined = payments.filter((payment) => payment.status === 'soft-declined');
		expect(declined).toHaveLength(1);
		expect(payments.filter((payment) => payment.status === 'scheduled').length).toBeGreaterThan(0);

		// The example, with this order in "Order to check".
		const workflow = exampleJson('retry-declined-payments');
		const settings = workflow.nodes.find((node) => node.name === 'Order to check');
		const assignments = (
			settings?.parameters.assignments as { assignments: Array<{ name: string; value: unknown }> }
		).assignments;
		assignments.find((assignment) => assignment.name === 'order_id')!.value = String(orderId);
		await importWorkflow(workflow);
		await sandbox.clearRequests();

		const { code, run, items } = await executeWorkflow(example('retry-declined-payments').id);
		expect(run.data.resultData.error).toBeUndefined();
		expect(code).toBe(0);

		const tomorrow = new Date();
		tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
		tomorrow.setUTCHours(9, 0, 0, 0);

		expect(items('Get scheduled payments').map((payment) => payment.id)).toEqual(
			payments.map((payment) => payment.id),
		);
		const rescheduled = items('Reschedule for tomorrow 09:00 UTC');
		expect(rescheduled.map((payment) => payment.id)).toEqual([declined[0].id]);
		expect(rescheduled[0]).toMatchObject({ status: 'scheduled' });
		expect(new Date(String(rescheduled[0].scheduled_at)).toISOString()).toBe(
			tomorrow.toISOString(),
		);

		// BillPro received list requests (Return All reads pages, some ahead) and one update, for
		// the soft-declined payment only.
		const requests = await sandbox.requests();
		const listPath = `/api/v1${endpointPath('listScheduledPayments', orderId)}`;
		expect(requests.filter((request) => request.method === 'GET').length).toBeGreaterThan(0);
		for (const request of requests.filter((candidate) => candidate.method === 'GET')) {
			expect([request.path, request.status]).toEqual([listPath, 200]);
		}
		expect(
			requests
				.filter((request) => request.method !== 'GET')
				.map((request) => [request.method, request.path, request.status]),
		).toEqual([
			[
				'PUT',
				`/api/v1${endpointPath('updateScheduledPayment', { orderId, id: declined[0].id })}`,
				200,
			],
		]);
		const after = await sandbox.api<Payment[]>(
			SINGLE_PROFILE_TOKEN,
			'GET',
			endpointPath('listScheduledPayments', orderId),
		);
		const retried = after.body.find((payment) => payment.id === declined[0].id);
		expect(retried?.status).toBe('scheduled');
		expect(new Date(String(retried?.scheduled_at)).toISOString()).toBe(tomorrow.toISOString());
		for (const payment of payments.filter((candidate) => candidate.id !== declined[0].id)) {
			expect(after.body.find((candidate) => candidate.id === payment.id)).toEqual(payment);
		}
	});
});
