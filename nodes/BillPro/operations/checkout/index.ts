import type { INodeProperties } from 'n8n-workflow';
import { toolRouting } from '../../run/runOperation';
import type { Operation } from '../../run/operation';
import { fieldsOf } from '../fields';
import { renewCheckout } from './renew.operation';

/** The checkout operations, in the order the Operation list shows them. */
export const checkoutOperations: Operation[] = [renewCheckout];

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
				routing: toolRouting(renewCheckout),
			},
		],
		default: 'renew',
	},
	...checkoutOperations.flatMap(fieldsOf),
];
