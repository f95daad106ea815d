/**
 * examples/new-customer-subscription.json, run by n8n: a new customer, a subscription order for
 * them (the sandbox's subscription product 1, GBP), and the order's payment link.
 */
import { SINGLE_PROFILE_TOKEN } from '../../sandbox';
import { example, executeWorkflow, sandbox } from './support/context';

describe('Example: new customer, subscription order, payment link', () => {
	beforeAll(() => sandbox.reset());

	it('creates the customer and a pending subscription order, and returns its payment link', async () => {
		const { code, run, items } = await executeWorkflow(example('new-customer-subscription').id);
		expect(run.data.resultData.error).toBeUndefined();
		expect(code).toBe(0);

		const [result] = items('Payment link');
		expect(result).toEqual({
			email: 'dana.borys@example.com',
			customer_id: expect.any(Number),
			order_id: expect.any(Number),
			order_status: 'pending',
			payment_link: expect.stringMatching(/^https?:\/\//),
		});

		const requests = await sandbox.requests();
		expect(
			requests.filter((request) => request.method === 'POST').map((request) => request.status),
		).toEqual([200, 200]);
		const customers = await sandbox.api<Array<{ id: number; email: string }>>(
			SINGLE_PROFILE_TOKEN,
			'GET',
			'/customers?page=1',
		);
		expect(customers.body.find((customer) => customer.email === 'dana.borys@example.com')?.id).toBe(
			result.customer_id,
		);
		const order = await sandbox.api<{ id: number; status: string; payment_link: string }>(
			SINGLE_PROFILE_TOKEN,
			'GET',
			`/orders/${String(result.order_id)}`,
		);
		expect(order.body).toMatchObject({
			id: result.order_id,
			status: 'pending',
			payment_link: result.payment_link,
		});
	});
});
