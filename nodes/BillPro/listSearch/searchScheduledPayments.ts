import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { FIELD } from '../shared/api';
import { SYSTEM_ID_PATTERN } from '../shared/validation';
import { searchPages } from './searchPages';

function orderIdOf(context: ILoadOptionsFunctions): string {
	const orderId = String(context.getCurrentNodeParameter('orderId') ?? '').trim();
	if (!new RegExp(SYSTEM_ID_PATTERN).test(orderId)) {
		throw new NodeOperationError(context.getNode(), "Enter a fixed 'Order ID' first", {
			description:
				"The list shows that order's scheduled payments. When 'Order ID' is an expression, give the scheduled payment By ID.",
		});
	}
	return orderId;
}

export const searchScheduledPayments = searchPages(
	'listScheduledPayments',
	'order',
	(payment) => {
		const name = `#${payment.id} · ${payment.status} · ${payment.amount} ${payment.currency} · ${payment[FIELD.scheduledAt]}`;
		return { name, value: String(payment.id), searchText: name };
	},
	orderIdOf,
);
