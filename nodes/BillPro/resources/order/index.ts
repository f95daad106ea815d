import type { INodeProperties } from 'n8n-workflow';
import { operationRouting } from '../../request/routing';
import { createOrderBody } from './body';
import { orderCancelDescription } from './cancel';
import { orderCreateDescription } from './create';
import { orderGetDescription } from './get';
import { orderPauseDescription } from './pause';
import { orderResumeDescription } from './resume';

const byOrderId = { pathParameters: { id: 'orderId' } };

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
				routing: operationRouting('cancelOrder', byOrderId),
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create an order',
				description:
					"Create a single-payment, instalment, subscription or metered order for a customer's system ID, with products by their system IDs and amounts as text such as '19.99'; the answer has the payment link",
				// The URL comes from the chosen Order Type.
				routing: operationRouting('createSingleOrder', { preSend: [createOrderBody] }),
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get an order',
				description:
					'Get an order by its system ID (from the Create answer), with its status and payment link',
				routing: operationRouting('getOrder', byOrderId),
			},
			{
				name: 'Pause',
				value: 'pause',
				action: 'Pause an order',
				description: 'Pause an active subscription: no payment is collected until it is resumed',
				routing: operationRouting('pauseOrder', byOrderId),
			},
			{
				name: 'Resume',
				value: 'resume',
				action: 'Resume an order',
				description: 'Resume a paused subscription',
				routing: operationRouting('resumeOrder', byOrderId),
			},
		],
		default: 'create',
	},
	...orderCancelDescription,
	...orderCreateDescription,
	...orderGetDescription,
	...orderPauseDescription,
	...orderResumeDescription,
];
