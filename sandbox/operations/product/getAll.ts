/** GET list of products: paged, optionally filtered by the merchant product_id (exact match). */
import { QUERY } from '../../../nodes/BillPro/shared/api';
import { pageOf, parsePage } from '../../pagination';
import type { HandlerContext } from '../../router';
import type { Product } from '../../types';

export function getAllProducts({ store, profileId, query }: HandlerContext): Product[] {
	const page = parsePage(query);
	const filter = query[QUERY.productFilter];
	// An empty filter value is treated as no filter.
	const products = filter
		? store.productsByMerchantId(profileId, filter)
		: store.products(profileId);
	return pageOf(products, page);
}
