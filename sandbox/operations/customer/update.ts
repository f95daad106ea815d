/**
 * PUT update customer. Scalars sent replace, scalars absent are kept, and the merged record is
 * validated like a new one. Addresses follow the docs: every address sent is saved as a new one
 * (new id) and every type not sent is removed, so no `addresses` key removes them all.
 */
import { MESSAGES } from '../../config';
import { ErrorCollector, type JsonObject } from '../../http';
import type { HandlerContext } from '../../router';
import type { CustomerResponse, StoredCustomer } from '../../types';
import { notFound, systemId } from '../params';
import { formatCustomer } from './format';
import { newAddresses, newOrganisation } from './records';
import { SCALAR_FIELDS, customerPayload, validateCustomer } from './validate';

export function updateCustomer({
	store,
	profileId,
	params,
	body,
}: HandlerContext): CustomerResponse {
	const current = store.customer(profileId, systemId(params));
	if (!current) throw notFound();
	const sent = customerPayload(body);

	const merged: JsonObject = {};
	for (const field of SCALAR_FIELDS) merged[field] = field in sent ? sent[field] : current[field];
	// Organisation: absent is kept as it is (not re-validated); sent replaces; null removes.
	merged.organisation = sent.organisation;
	merged.addresses = sent.addresses;

	const errors = new ErrorCollector();
	const input = validateCustomer(merged, errors, new Date());
	if (!errors.has('email') && store.emailTaken(profileId, input.email, current.id)) {
		errors.add('email', MESSAGES.taken);
	}
	if ('customer_id' in sent && sent.customer_id !== current.customer_id) {
		errors.add('customer_id', MESSAGES.customerIdImmutable);
	}
	errors.throwIfAny();

	const at = store.now();
	const nextId = store.nextId.bind(store);
	const updated: StoredCustomer = {
		...current,
		first_name: input.first_name,
		last_name: input.last_name,
		email: input.email,
		phone: input.phone,
		date_of_birth: input.date_of_birth,
		organisation:
			input.organisation === undefined
				? current.organisation
				: input.organisation && newOrganisation(nextId, input.organisation, at),
		addresses: newAddresses(nextId, input.addresses, at),
		updated_at: at,
	};
	store.saveCustomer(updated);
	return formatCustomer(updated);
}
