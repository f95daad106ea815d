import type { INodeProperties } from 'n8n-workflow';
import { renewCheckout } from '../../operations/checkout/renew.operation';
import { fieldsOf, optionOf } from '../../operations/operation';
import { toolRouting } from '../../request/runOperation';

export const checkoutDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['checkout'] } },
		options: [optionOf(renewCheckout, toolRouting(renewCheckout))],
		default: 'renew',
	},
	...fieldsOf(renewCheckout),
];
