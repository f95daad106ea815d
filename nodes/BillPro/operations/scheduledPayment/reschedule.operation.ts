import { FIELD, SCHEDULED_PAYMENT_STATUS } from '../../shared/api';
import { requireFutureUtc } from '../../shared/validation';
import type { Operation } from '../../run/operation';
import { paymentTargetFields, updatePayment } from './paymentUpdate';

/** A new collection date; status back to scheduled, which is also how a declined payment is retried. */
export const reschedule: Operation = {
	resource: 'scheduledPayment',
	value: 'reschedule',
	method: 'PUT',
	record: 'scheduled payment',
	fields: [
		...paymentTargetFields,
		{
			displayName: 'Scheduled At',
			name: 'scheduledAt',
			type: 'dateTime',
			required: true,
			default: '',
			description:
				'When BillPro collects the payment, in UTC (a value without a time zone is read as UTC); it must be in the future. Rescheduling a declined payment retries it.',
		},
	],
	execute: async (item, send) =>
		await updatePayment(item, send, () => ({
			status: SCHEDULED_PAYMENT_STATUS.scheduled,
			[FIELD.scheduledAt]: requireFutureUtc(
				item,
				'Scheduled At',
				item.getNodeParameter('scheduledAt'),
			),
		})),
};
