/** GET one order by its system id, within the request's profile. */
import type { HandlerContext } from '../../router';
import type { OrderResponse, StoredOrder } from '../../types';
import { notFound, systemId } from '../params';

/** The stored order of the `{id}` (or `name`) path segment, or 422 {"id":["not found"]}. */
export function findOrder({ store, profileId, params }: HandlerContext, name = 'id'): StoredOrder {
	const order = store.orderRecord(profileId, systemId(params, name));
	if (!order) throw notFound();
	return order;
}

export function getOrder(context: HandlerContext): OrderResponse {
	const order = findOrder(context);
	const found = context.store.order(context.profileId, order.id);
	if (!found) throw notFound();
	return found;
}
