/** GET one product by its system id, within the request's profile. */
import type { HandlerContext } from '../../router';
import type { Product } from '../../types';
import { notFound, systemId } from '../params';

export function getProduct({ store, profileId, params }: HandlerContext): Product {
	const product = store.product(profileId, systemId(params));
	if (!product) throw notFound();
	return product;
}
