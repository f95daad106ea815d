import { runBillPro } from '../../harness/workflow';
import { createOrder, newCustomer, productOf } from '../orderFixtures';
import type { useSandbox } from '../sandboxFixture';

/** Orders to act on, made through the node, and a run of an order operation on one. */
export function orderSteps(billPro: ReturnType<typeof useSandbox>) {
	async function pendingOrder(type: 'subscription' | 'single_payment' = 'subscription') {
		const credentials = billPro.singleProfile();
		const customer = await newCustomer(credentials);
		const { items, error } = await runBillPro({
			credentials,
			parameters: createOrder(customer, type, [productOf(billPro.sandbox, type)]),
		});
		if (error) throw error;
		billPro.sandbox.store.resetRequests();
		return String(items[0].json.id);
	}

	const operate = (operation: string, orderId: string, extra = {}) =>
		runBillPro({
			credentials: billPro.singleProfile(),
			parameters: { resource: 'order', operation, orderId, ...extra },
		});

	return { pendingOrder, operate };
}
