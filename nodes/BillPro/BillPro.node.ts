import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { searchCustomers } from './listSearch/searchCustomers';
import { searchProducts } from './listSearch/searchProducts';
import { searchScheduledPayments } from './listSearch/searchScheduledPayments';
import {
	checkoutDescription,
	customerDescription,
	customOperationsOf,
	orderDescription,
	productDescription,
	scheduledPaymentDescription,
} from './operations';
import { BASE_URL_EXPRESSION } from './shared/api';
import { requestOptionsField } from './shared/descriptions';

export class BillPro implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BillPro',
		name: 'billPro',
		icon: { light: 'file:billpro.svg', dark: 'file:billpro.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage customers, orders, scheduled payments and checkouts in BillPro card billing',
		defaults: { name: 'BillPro' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'billProApi', required: true }],
		// What n8n knows the node by as declarative. Every request is sent by the operations
		// (transport/send.ts), with the same base URL and headers.
		requestDefaults: {
			baseURL: BASE_URL_EXPRESSION,
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			json: true,
			ignoreHttpStatusErrors: true,
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Checkout', value: 'checkout' },
					{ name: 'Customer', value: 'customer' },
					{ name: 'Order', value: 'order' },
					{ name: 'Product', value: 'product' },
					{ name: 'Scheduled Payment', value: 'scheduledPayment' },
				],
				default: 'customer',
			},
			...checkoutDescription,
			...customerDescription,
			...orderDescription,
			...productDescription,
			...scheduledPaymentDescription,
			requestOptionsField,
		],
	};

	methods = {
		listSearch: { searchCustomers, searchProducts, searchScheduledPayments },
	};

	// Every operation, run over a run's items (run/runOperation.ts). n8n runs an in-process AI
	// tool through each operation's routing instead, which runs the same item function.
	customOperations = customOperationsOf();
}
