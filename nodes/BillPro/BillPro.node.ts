import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { searchCustomers } from './listSearch/searchCustomers';
import { searchProducts } from './listSearch/searchProducts';
import { searchScheduledPayments } from './listSearch/searchScheduledPayments';
import { checkoutDescription } from './resources/checkout';
import { customerDescription } from './resources/customer';
import { orderDescription } from './resources/order';
import { createOrders } from './resources/order/create';
import { productDescription } from './resources/product';
import { scheduledPaymentDescription } from './resources/scheduledPayment';
import { BASE_URL_EXPRESSION } from './shared/api';
import { requestOptionsField } from './request/concurrency';
import { runOperation } from './request/runOperation';
import { renewCheckout } from './operations/checkout/renew.operation';
import { createCustomer } from './operations/customer/create.operation';
import { getProduct } from './operations/product/get.operation';

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
		requestDefaults: {
			baseURL: BASE_URL_EXPRESSION,
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			json: true,
			// Every operation's first postReceive turns an HTTP error into a clear node error.
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

	// The creates, run over many items, as custom operations (request/bulkCreate.ts). As an AI tool,
	// n8n runs their routing instead, with the same body builders.
	customOperations = {
		checkout: { renew: runOperation(renewCheckout) },
		customer: { create: runOperation(createCustomer) },
		order: { create: createOrders },
		product: { get: runOperation(getProduct) },
	};
}
