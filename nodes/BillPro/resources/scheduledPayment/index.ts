import type { INodeProperties } from 'n8n-workflow';
import { BODY_ROOT, SCHEDULED_PAYMENT_STATUS } from '../../shared/api';
import { operationRouting } from '../../request/routing';
import { amountBody, intervalBody, rescheduleBody } from './body';
import { scheduledPaymentCancelDescription } from './cancel';
import { scheduledPaymentChangeIntervalDescription } from './changeInterval';
import { scheduledPaymentGetManyDescription } from './getAll';
import { scheduledPaymentRescheduleDescription } from './reschedule';
import { scheduledPaymentSkipDescription } from './skip';
import { scheduledPaymentUpdateAmountDescription } from './updateAmount';

const update = { pathParameters: { orderId: 'orderId', id: 'scheduledPayment' } };
const setStatus = (status: string) => ({
	...update,
	body: { [BODY_ROOT.scheduledPayment]: { status } },
});

// BillPro changes a scheduled payment only while it is scheduled, soft-declined or hard-declined.
export const scheduledPaymentDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['scheduledPayment'] } },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel a scheduled payment',
				description: 'Cancel one payment so it is never collected',
				routing: operationRouting(
					'updateScheduledPayment',
					setStatus(SCHEDULED_PAYMENT_STATUS.cancelled),
				),
			},
			{
				name: 'Change Interval',
				value: 'changeInterval',
				action: 'Change the interval of a subscription',
				description: "Change a subscription's billing interval from this payment on",
				routing: operationRouting('updateScheduledPayment', { ...update, preSend: [intervalBody] }),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many scheduled payments',
				description: "List an order's scheduled payments (billing events)",
				routing: operationRouting('listScheduledPayments', { pathParameters: { id: 'orderId' } }),
			},
			{
				name: 'Reschedule',
				value: 'reschedule',
				action: 'Reschedule a scheduled payment',
				description: 'Move a payment to a new date and time; this also retries a declined payment',
				routing: operationRouting('updateScheduledPayment', {
					...update,
					preSend: [rescheduleBody],
				}),
			},
			{
				name: 'Skip',
				value: 'skip',
				action: 'Skip a scheduled payment',
				description: "Skip one payment: it is not collected and leaves the order's total",
				routing: operationRouting(
					'updateScheduledPayment',
					setStatus(SCHEDULED_PAYMENT_STATUS.skipped),
				),
			},
			{
				name: 'Update Amount',
				value: 'updateAmount',
				action: 'Update the amount of a scheduled payment',
				description: 'Change the amount of one payment (for subscriptions, of the later ones too)',
				routing: operationRouting('updateScheduledPayment', { ...update, preSend: [amountBody] }),
			},
		],
		default: 'getAll',
	},
	...scheduledPaymentCancelDescription,
	...scheduledPaymentChangeIntervalDescription,
	...scheduledPaymentGetManyDescription,
	...scheduledPaymentRescheduleDescription,
	...scheduledPaymentSkipDescription,
	...scheduledPaymentUpdateAmountDescription,
];
