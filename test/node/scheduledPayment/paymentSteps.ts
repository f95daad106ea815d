import type { IDataObject } from 'n8n-workflow';
import { runBillPro } from '../../harness/workflow';
import { byId, createOrder, newCustomer, productOf } from '../orderFixtures';
import type { useSandbox } from '../sandboxFixture';

/** Orders whose scheduled payments a test acts on, and a run of a Scheduled Payment operation. */
export function paymentSteps(billPro: ReturnType<typeof useSandbox>) {
	/** An order of the type, paid through its link (so it is active), and its scheduled payments. */
	async function activeOrder(type: 'instalment' | 'subscription') {
		const credentials = billPro.singleProfile();
		const customer = await newCustomer(credentials);
		const created = await runBillPro({
			credentials,
			parameters: createOrder(customer, type, [productOf(billPro.sandbox, type)]),
		});
		if (created.error) throw created.error;
		const orderId = String(created.items[0].json.id);
		billPro.sandbox.store.processPayment(1, Number(orderId), 'approve');
		billPro.sandbox.store.resetRequests();
		return orderId;
	}

	const run = (parameters: IDataObject) =>
		runBillPro({
			credentials: billPro.singleProfile(),
			parameters: { resource: 'scheduledPayment', ...parameters },
		});

	const firstScheduled = async (orderId: string) => {
		const { items } = await run({ operation: 'getAll', orderId, returnAll: true, simplify: false });
		const payment = items.find((item) => item.json.status === 'scheduled')?.json;
		if (!payment) throw new Error('no scheduled payment');
		billPro.sandbox.store.resetRequests();
		return payment;
	};

	return { activeOrder, run, firstScheduled };
}

/** Skip and Cancel: the payment gets the operation's status, and BillPro is sent only that. */
export function itSetsOnePaymentsStatus(
	billPro: ReturnType<typeof useSandbox>,
	operationAndStatus: [string, string],
) {
	const { activeOrder, run, firstScheduled } = paymentSteps(billPro);

	it.each([operationAndStatus])('can %s one payment', async (operation, status) => {
		const orderId = await activeOrder('instalment');
		const payment = await firstScheduled(orderId);
		const { items } = await run({ operation, orderId, scheduledPayment: byId(payment.id) });
		expect(items[0].json.status).toBe(status);
		expect(billPro.requests()[0].body).toEqual({ scheduled_payment: { status } });
	});
}
