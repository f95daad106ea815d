import type { INodeProperties } from 'n8n-workflow';
import { paymentTarget } from './target';

export const scheduledPaymentRescheduleDescription: INodeProperties[] = [
	...paymentTarget('reschedule'),
	{
		displayName: 'Scheduled At',
		name: 'scheduledAt',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			'When BillPro collects the payment, in UTC (a value without a time zone is read as UTC); it must be in the future. Rescheduling a declined payment retries it.',
		displayOptions: { show: { resource: ['scheduledPayment'], operation: ['reschedule'] } },
	},
];
