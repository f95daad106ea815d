import type { IDataObject } from 'n8n-workflow';
import type { Product, Sandbox } from '../sandbox';
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
