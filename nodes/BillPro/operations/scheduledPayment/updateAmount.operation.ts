import { requireAmount } from '../../shared/validation';
import type { Operation } from '../../run/operation';
import { paymentTargetFields, updatePayment } from './paymentUpdate';

export const updateAmount: Operation = {
	resource: 'scheduledPayment',
	value: 'updateAmount',
	method: 'PUT',
	record: 'scheduled payment',
	fields: [
		...paymentTargetFields,
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 24.99',
			description:
				'The new amount as text such as 24.99, without a currency sign; for a subscription, BillPro also bills every later payment at this amount',
		},
	],
	execute: async (item, send) =>
		await updatePayment(item, send, () => ({
			amount: requireAmount(item, 'Amount', item.getNodeParameter('amount')),
		})),
};
