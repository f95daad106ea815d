import type { INodeProperties } from 'n8n-workflow';
import { intervalUnitField } from '../../shared/descriptions';
import { paymentTarget } from './target';

const show = { resource: ['scheduledPayment'], operation: ['changeInterval'] };

export const scheduledPaymentChangeIntervalDescription: INodeProperties[] = [
	...paymentTarget('changeInterval'),
	{
		displayName: 'Interval',
		name: 'interval',
		type: 'number',
		required: true,
		typeOptions: { minValue: 1 },
		default: 1,
		description: "Time between the subscription's payments, in 'Interval Unit'",
		displayOptions: { show },
	},
	{ ...intervalUnitField, displayOptions: { show } },
];
