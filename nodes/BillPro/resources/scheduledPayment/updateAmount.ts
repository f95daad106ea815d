import type { INodeProperties } from 'n8n-workflow';
import { paymentTarget } from './target';

export const scheduledPaymentUpdateAmountDescription: INodeProperties[] = [
	...paymentTarget('updateAmount'),
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 24.99',
		description:
			'The new amount as text such as 24.99, without a currency sign; for a subscription, BillPro also bills every later payment at this amount',
		displayOptions: { show: { resource: ['scheduledPayment'], operation: ['updateAmount'] } },
	},
];
