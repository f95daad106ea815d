import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { ORDER_TYPES, type OrderType } from '../../shared/api';
import { customerLocator, intervalUnitField, productLocator } from '../../shared/descriptions';
import { createOrderRequest } from './orderBody';
import type { Operation } from '../../run/operation';

const show = { resource: ['order'], operation: ['create'] };

const ORDER_TYPE_LABELS: Record<OrderType, { name: string; description: string }> = {
	instalment: { name: 'Instalment', description: 'Split a price into scheduled payments' },
	metered: { name: 'Metered', description: 'Take later payments of varying amounts' },
	single_payment: { name: 'Single Payment', description: 'One payment for one or more products' },
	subscription: { name: 'Subscription', description: 'A recurring payment' },
};

// Each type is created at its own endpoint (createOrderRequest); the product's type must match it.
const orderTypeOptions: INodePropertyOptions[] = (Object.keys(ORDER_TYPES) as OrderType[])
	.map((type) => ({
		...ORDER_TYPE_LABELS[type],
		value: type,
	}))
	.sort((a, b) => a.name.localeCompare(b.name));

const recurring = ['instalment', 'metered', 'subscription'];

const amountField = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder: 'e.g. 19.99',
	description,
});

const priceOverrides: INodeProperties[] = [
	amountField(
		'Amount',
		'amount',
		"Overrides the product's price (refused for a product with a locked price)",
	),
	amountField(
		'Discount Amount',
		'discountAmount',
		'A discount as an amount; BillPro has no percentage discounts',
	),
	amountField('Fee Amount', 'feeAmount', 'A fee added to the price'),
];

const orderCreateFields: INodeProperties[] = [
	{
		displayName: 'Order Type',
		name: 'orderType',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: orderTypeOptions,
		default: 'single_payment',
	},
	{ ...customerLocator, displayOptions: { show } },
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. GBP',
		description: "The product's currency, as a three-letter code",
		displayOptions: { show },
	},
	{
		displayName: 'Products',
		name: 'products',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Product',
		default: {},
		required: true,
		displayOptions: { show: { ...show, orderType: ['single_payment'] } },
		options: [
			{
				displayName: 'Product',
				name: 'product',
				values: [
					...priceOverrides,
					{
						displayName: 'Product ID',
						name: 'productId',
						type: 'string',
						default: '',
						required: true,
						placeholder: 'e.g. 7',
						description:
							"The product's system ID, not its merchant product ID; it must be a single-payment product",
					},
					{
						displayName: 'Quantity',
						name: 'quantity',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 1,
					},
				],
			},
		],
	},
	{
		...productLocator,
		description: "The product's system ID ('id'); its type must match the order type",
		displayOptions: { show: { ...show, orderType: recurring } },
	},
	{
		displayName: 'Price Overrides',
		name: 'priceOverrides',
		type: 'collection',
		placeholder: 'Add Override',
		default: {},
		displayOptions: { show: { ...show, orderType: recurring } },
		options: priceOverrides,
	},
	{
		displayName: 'Payment Schedule',
		name: 'schedule',
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		description: "Overrides the product's payment configuration (refused when it is locked)",
		displayOptions: { show: { ...show, orderType: recurring } },
		options: [
			{
				...amountField(
					'Initial Amount',
					'initialAmount',
					'The deposit or first payment collected through the payment link',
				),
			},
			{
				displayName: 'Interval',
				name: 'interval',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1,
				description: "Time between payments, in 'Interval Unit'",
				displayOptions: { show: { '/orderType': ['instalment', 'subscription'] } },
			},
			{
				...intervalUnitField,
				displayOptions: { show: { '/orderType': ['instalment', 'subscription'] } },
			},
			{
				displayName: 'Number of Payments',
				name: 'numberOfPayments',
				type: 'number',
				typeOptions: { minValue: 2 },
				default: 2,
				description: 'How many scheduled payments the price is split into',
				displayOptions: { show: { '/orderType': ['instalment'] } },
			},
			{
				displayName: 'Start Date',
				name: 'startDate',
				type: 'string',
				default: '',
				placeholder: 'e.g. 31/12/2026',
				description:
					'First scheduled payment, as DD/MM/YYYY (a later date gives a subscription a trial); 2026-12-31 is converted',
				displayOptions: { show: { '/orderType': ['instalment', 'subscription'] } },
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Create Checkout',
				name: 'createCheckout',
				type: 'boolean',
				default: false,
				description:
					'Whether to create a custom checkout for the payment iframe (CardCorp merchants); the order then has a checkout ID valid for 25 minutes',
			},
			{
				displayName: 'Create Registration',
				name: 'createRegistration',
				type: 'boolean',
				default: false,
				description: "Whether to store the customer's card for later payments",
			},
			{
				displayName: 'Failed Redirect URL',
				name: 'failedRedirectUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://example.com/failed',
				description: 'Where the checkout sends the customer after a declined payment',
			},
			{
				displayName: 'Invoice ID',
				name: 'invoiceId',
				type: 'string',
				default: '',
				description: 'Your own identifier of the order',
			},
			{
				displayName: 'Note',
				name: 'note',
				type: 'string',
				default: '',
				description: "Free text, returned as the order's description",
			},
			{
				displayName: 'Redirect URL',
				name: 'redirectUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://example.com/thanks',
				description: 'Where the checkout sends the customer after a successful payment',
			},
		],
	},
];

/**
 * Order → Create: each order at its Order Type's endpoint, the body checked field by field first
 * (order/body.ts).
 */
export const createOrder: Operation = {
	resource: 'order',
	value: 'create',
	method: 'POST',
	record: 'order',
	fields: orderCreateFields,
	async execute(item, send) {
		const { endpoint, body } = createOrderRequest(item);
		return [(await send(endpoint, { body, resource: 'order' })) as IDataObject];
	},
};
