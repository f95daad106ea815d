import { INTERVAL_UNITS } from '../../shared/api';
import { intervalUnitField } from '../../shared/descriptions';
import { requireOneOf, requireWholeNumber } from '../../shared/validation';
import type { Operation } from '../../run/operation';
import { paymentTargetFields, updatePayment } from './paymentUpdate';

export const changeInterval: Operation = {
	resource: 'scheduledPayment',
	value: 'changeInterval',
	method: 'PUT',
	record: 'scheduled payment',
	fields: [
		...paymentTargetFields,
		{
			displayName: 'Interval',
			name: 'interval',
			type: 'number',
			required: true,
			typeOptions: { minValue: 1 },
			default: 1,
			description: "Time between the subscription's payments, in 'Interval Unit'",
		},
		intervalUnitField,
	],
	execute: async (item, send) =>
		await updatePayment(item, send, () => ({
			scheduled_interval: requireWholeNumber(
				item,
				'Interval',
				item.getNodeParameter('interval'),
				1,
			),
			scheduled_duration_unit: requireOneOf(
				item,
				'Interval Unit',
				item.getNodeParameter('intervalUnit'),
				INTERVAL_UNITS,
			),
		})),
};
