import type { INodeProperties } from 'n8n-workflow';
import { toolRouting } from '../../run/runOperation';
import type { Operation } from '../../run/operation';
import { fieldsOf } from '../fields';
import { cancelScheduledPayment } from './cancel.operation';
import { changeInterval } from './changeInterval.operation';
import { getManyScheduledPayments } from './getAll.operation';
import { reschedule } from './reschedule.operation';
import { skipScheduledPayment } from './skip.operation';
import { updateAmount } from './updateAmount.operation';

/** The scheduledPayment operations, in the order the Operation list shows them. */
export const scheduledPaymentOperations: Operation[] = [
	cancelScheduledPayment,
	changeInterval,
	getManyScheduledPayments,
	reschedule,
	skipScheduledPayment,
	updateAmount,
];

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
				routing: toolRouting(cancelScheduledPayment),
			},
			{
				name: 'Change Interval',
				value: 'changeInterval',
				action: 'Change the interval of a subscription',
				description: "Change a subscription's billing interval from this payment on",
				routing: toolRouting(changeInterval),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many scheduled payments',
				description: "List an order's scheduled payments (billing events)",
				routing: toolRouting(getManyScheduledPayments),
			},
			{
				name: 'Reschedule',
				value: 'reschedule',
				action: 'Reschedule a scheduled payment',
				description: 'Move a payment to a new date and time; this also retries a declined payment',
				routing: toolRouting(reschedule),
			},
			{
				name: 'Skip',
				value: 'skip',
				action: 'Skip a scheduled payment',
				description: "Skip one payment: it is not collected and leaves the order's total",
				routing: toolRouting(skipScheduledPayment),
			},
			{
				name: 'Update Amount',
				value: 'updateAmount',
				action: 'Update the amount of a scheduled payment',
				description: 'Change the amount of one payment (for subscriptions, of the later ones too)',
				routing: toolRouting(updateAmount),
			},
		],
		default: 'getAll',
	},
	...scheduledPaymentOperations.flatMap(fieldsOf),
];
