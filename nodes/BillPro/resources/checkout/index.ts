import type { INodeProperties } from 'n8n-workflow';
import { operationRouting } from '../../request/routing';
import { checkoutRenewDescription } from './renew';

// Custom checkout and the payment iframe are for CardCorp merchants; a checkout lasts 25 minutes.
export const checkoutDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['checkout'] } },
		options: [
			{
				name: 'Renew',
				value: 'renew',
				action: 'Renew a checkout',
				description: "Get a new checkout ID for an order's payment iframe once the old one expired",
				routing: operationRouting('renewCheckout', { pathParameters: { id: 'orderId' } }),
			},
		],
		default: 'renew',
	},
	...checkoutRenewDescription,
];
