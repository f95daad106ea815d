import type { INodeProperties } from 'n8n-workflow';
import { renewCheckout } from '../../operations/checkout/renew.operation';
import { fieldsOf } from '../../operations/operation';
import { toolRouting } from '../../request/runOperation';

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
				routing: toolRouting(renewCheckout),
			},
		],
		default: 'renew',
	},
	...fieldsOf(renewCheckout),
];
