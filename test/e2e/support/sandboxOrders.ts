/**
 * Orders created straight in the sandbox (its API, with the "BillPro Sandbox" credential's token),
 * for tests that need an order to exist before n8n looks at it.
 */
import { endpointPath, type EndpointName } from '../../../nodes/BillPro/shared/api';
import { SINGLE_PROFILE_TOKEN } from '../../../sandbox';
import { sandbox } from './context';

/** Seeded in profile 1: customer Ada. */
export const CUSTOMER_ADA = 1;
/** Seeded in profile 1: a GBP instalment product (several payments). */
export const INSTALMENT_PRODUCT = 3;

/** A pending order for Ada of one product (in GBP unless said); returns what the sandbox answered. */
export async function createOrderForAda<T extends { id: number }>(
	endpoint: EndpointName,
	productId: number,
	currency = 'GBP',
): Promise<T> {
	const created = await sandbox.api<T>(SINGLE_PROFILE_TOKEN, 'POST', endpointPath(endpoint), {
		order: {
			customer_id: CUSTOMER_ADA,
			currency,
			order_products: [{ product_id: productId }],
		},
	});
	if (created.status !== 200)
		throw new Error(`order: ${created.status} ${JSON.stringify(created.body)}`);
	return created.body;
}
