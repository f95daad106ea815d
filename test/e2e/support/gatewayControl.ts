/**
 * The sandbox's simulated payment gateway, as the gateway tests drive it: its control endpoints
 * (/__sandbox/gateway…), the outcome of one delivery, and a pending order to pay.
 */
import { sandbox } from './context';
import { createOrderForAda } from './sandboxOrders';

export interface Delivery {
	delivery: number;
	kind: string;
	status: number;
	outcome: string;
}

export async function gateway<T>(method: string, urlPath: string, body?: unknown): Promise<T> {
	return await sandbox.control<T>(method, `/__sandbox/gateway${urlPath}`, body);
}

/** Waits until the gateway is done with delivery `number` (delivered or given up); its attempts. */
export async function deliveryDone(number: number): Promise<Delivery[]> {
	for (let waited = 0; waited < 30_000; waited += 250) {
		const { deliveries } = await gateway<{ deliveries: Delivery[] }>('GET', '/deliveries');
		const attempts = deliveries.filter((entry) => entry.delivery === number);
		if (attempts.some((entry) => entry.outcome === 'delivered' || entry.outcome === 'gave up'))
			return attempts;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`delivery ${number} did not finish in 30 s`);
}

export async function pendingSinglePaymentOrder(): Promise<{ id: number; payment_link: string }> {
	const products = await sandbox.page<{
		id: number;
		product_type: string;
		product_status: string;
		currency: string;
	}>('listProducts', 1);
	const product = products.find(
		(candidate) =>
			candidate.product_type === 'single_payment' && candidate.product_status === 'active',
	);
	if (!product) throw new Error('no single-payment product in the sandbox');
	return await createOrderForAda<{ id: number; payment_link: string }>(
		'createSingleOrder',
		product.id,
		product.currency,
	);
}
