import type { INodeProperties } from 'n8n-workflow';
import { toolRouting } from '../../run/runOperation';
import type { Operation } from '../../run/operation';
import { fieldsOf } from '../fields';
import { cancelOrder } from './cancel.operation';
import { createOrder } from './create.operation';
import { getOrder } from './get.operation';
import { pauseOrder } from './pause.operation';
import { resumeOrder } from './resume.operation';

/** The order operations, in the order the Operation list shows them. */
export const orderOperations: Operation[] = [
	cancelOrder,
	createOrder,
	getOrder,
	pauseOrder,
	resumeOrder,
];

export const orderDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel an order',
				description:
					'Cancel a pending order, or mark a live one complete; its uncollected payments are cancelled',
				routing: toolRouting(cancelOrder),
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create an order',
				description:
					"Create a single-payment, instalment, subscription or metered order for a customer's system ID, with products by their system IDs and amounts as text such as '19.99'; the answer has the payment link",
				routing: toolRouting(createOrder),
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get an order',
				description:
					'Get an order by its system ID (from the Create answer), with its status and payment link',
				routing: toolRouting(getOrder),
			},
			{
				name: 'Pause',
				value: 'pause',
				action: 'Pause an order',
				description: 'Pause an active subscription: no payment is collected until it is resumed',
				routing: toolRouting(pauseOrder),
			},
			{
				name: 'Resume',
				value: 'resume',
				action: 'Resume an order',
				description: 'Resume a paused subscription',
				routing: toolRouting(resumeOrder),
			},
		],
		default: 'create',
	},
	...orderOperations.flatMap(fieldsOf),
];
