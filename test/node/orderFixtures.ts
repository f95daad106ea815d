import type { IDataObject } from 'n8n-workflow';
import { endpointPath, ENDPOINTS, type EndpointName } from '../../nodes/BillPro/shared/api';
import { SINGLE_PROFILE_TOKEN, type Product, type Sandbox } from '../../sandbox';
import { runBillPro, type BillProCredentials } from '../harness/workflow';

/** An active seeded product of this type, optionally with locks, in the profile. */
export function productOf(
	sandbox: Sandbox,
	type: Product['product_type'],
	options: { profileId?: number; locked?: 'price' | 'config' | 'none' } = {},
): Product {
	const locked = options.locked ?? 'none';
	const product = sandbox.store
		.products(options.profileId ?? 1)
		.find(
			(candidate) =>
				candidate.product_type === type &&
				candidate.product_status === 'active' &&
				candidate.lock_price === (locked === 'price') &&
				candidate.lock_payment_config === (locked === 'config'),
		);
	if (!product) throw new Error(`No seeded ${type} product with lock ${locked}`);
	return product;
}

export const byId = (id: unknown) => ({ __rl: true, mode: 'id', value: String(id) });

let buyers = 0;

/** A new active customer, created through the node (a new email each time: emails are unique). */
export async function newCustomer(
	credentials: BillProCredentials,
	email = `buyer${++buyers}@example.com`,
) {
	const { items, error } = await runBillPro({
		credentials,
		parameters: {
			resource: 'customer',
			operation: 'create',
			firstName: 'Bea',
			lastName: 'Buyer',
			email,
		},
	});
	if (error) throw error;
	return items[0].json;
}

/** Order → Create parameters for one recurring product, or several single-payment ones. */
export function createOrder(
	customer: IDataObject,
	orderType: Product['product_type'],
	products: Product[],
	extra: IDataObject = {},
): IDataObject {
	const [first] = products;
	return {
		resource: 'order',
		operation: 'create',
		orderType,
		customer: byId(customer.id),
		currency: first.currency,
		...(orderType === 'single_payment'
			? {
					products: {
						product: products.map((product) => ({ productId: String(product.id), quantity: 1 })),
					},
				}
			: { product: byId(first.id) }),
		...extra,
	};
}

/** A call straight to the sandbox's API, for set-up: faster than a workflow run. */
export async function sandboxApi(
	sandbox: Sandbox,
	endpoint: EndpointName,
	id?: number,
	body?: unknown,
): Promise<IDataObject> {
	const { method } = ENDPOINTS[endpoint];
	const path = endpointPath(endpoint, id);
	const response = await fetch(`${sandbox.baseUrl}${path}`, {
		method,
		headers: {
			Authorization: `Bearer ${SINGLE_PROFILE_TOKEN}`,
			'Content-Type': 'application/json',
			Accept: 'application/json',
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!response.ok) throw new Error(`Set-up ${method} ${path}: ${response.status}`);
	return (await response.json()) as IDataObject;
}

/** What an operation needs in BillPro before it runs: an order in a given state. */
export type OrderSetup = 'none' | 'pendingCheckout' | 'activeOrder' | 'pausedOrder';

export interface OrderIds {
	orderId: string;
	paymentId: string;
}

/**
 * A subscription order of the first seeded customer in the state an operation needs (with a
 * checkout, paid, paused), and its next scheduled payment; made straight through the sandbox.
 */
export async function orderInState(sandbox: Sandbox, setup: OrderSetup): Promise<OrderIds> {
	if (setup === 'none') return { orderId: '1', paymentId: '1' };
	const product = productOf(sandbox, 'subscription');
	const order = await sandboxApi(sandbox, 'createSubscriptionOrder', undefined, {
		order: {
			customer_id: 1,
			currency: product.currency,
			order_products: [{ product_id: product.id }],
			create_checkout: true,
		},
	});
	const orderId = Number(order.id);
	if (setup !== 'pendingCheckout') sandbox.store.processPayment(1, orderId, 'approve');
	if (setup === 'pausedOrder') await sandboxApi(sandbox, 'pauseOrder', orderId);
	const payment = sandbox.store
		.scheduledPayments(1, orderId)
		.find((entry) => entry.status === 'scheduled');
	return { orderId: String(orderId), paymentId: String(payment?.id ?? 1) };
}
