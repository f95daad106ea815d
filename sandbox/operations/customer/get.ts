/** GET one customer by its system id, within the request's profile. */
import type { HandlerContext } from '../../router';
import type { CustomerResponse } from '../../types';
import { notFound, systemId } from '../params';
import { formatCustomer } from './format';

export function getCustomer({ store, profileId, params }: HandlerContext): CustomerResponse {
	const customer = store.customer(profileId, systemId(params));
	if (!customer) throw notFound();
	return formatCustomer(customer);
}
