/** POST create customer: validate everything, then store with new ids; new customers are active. */
import { MESSAGES } from '../../config';
import { ErrorCollector } from '../../http';
import type { HandlerContext } from '../../router';
import type { CustomerResponse } from '../../types';
import { formatCustomer } from './format';
import { newCustomer } from './records';
import { customerPayload, validateCustomer } from './validate';

export function createCustomer({ store, profileId, body }: HandlerContext): CustomerResponse {
	const errors = new ErrorCollector();
	// customer_id in the body is ignored: it is always generated [V].
	const input = validateCustomer(customerPayload(body), errors, new Date());
	if (!errors.has('email') && store.emailTaken(profileId, input.email))
		errors.add('email', MESSAGES.taken);
	errors.throwIfAny();
	const customer = newCustomer((kind) => store.nextId(kind), profileId, input, store.now());
	store.addCustomer(customer);
	return formatCustomer(customer);
}
