import { orderIdField } from '../../shared/descriptions';
import { simplifyScheduledPayment } from '../../shared/simplify';
import { orderIdOf } from '../recordIds';
import { getManyFields, readList } from '../getMany';
import type { Operation } from '../../run/operation';

/** An order's scheduled payments (billing events): the list is the order's, as its errors say. */
export const getManyScheduledPayments: Operation = {
	resource: 'scheduledPayment',
	value: 'getAll',
	method: 'GET',
	record: 'order',
	fields: [orderIdField, ...getManyFields()],
	async execute(item, send) {
		const orderId = orderIdOf(item);
		return await readList(item, send, {
			endpoint: 'listScheduledPayments',
			id: orderId,
			record: 'order',
			simplifier: simplifyScheduledPayment,
		});
	},
};
