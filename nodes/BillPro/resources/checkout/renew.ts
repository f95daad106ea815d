import type { INodeProperties } from 'n8n-workflow';
import { orderIdField } from '../../shared/descriptions';

export const checkoutRenewDescription: INodeProperties[] = [
	{
		...orderIdField,
		description: "The system ID of an order created with 'Create Checkout' and still pending",
		displayOptions: { show: { resource: ['checkout'], operation: ['renew'] } },
	},
];
