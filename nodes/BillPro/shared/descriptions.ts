import type { INodeProperties } from 'n8n-workflow';
import { INTERVAL_UNITS } from './api';
import { DEFAULT_CONCURRENCY, MAX_PAGES_AT_ONCE, PAGES_AHEAD } from './limits';
import { SYSTEM_ID_PATTERN } from './validation';

/** A required system id typed in (or from an expression), for records BillPro cannot list. */
function systemIdField(name: string, displayName: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 1042',
		description,
	};
}

function locator(
	name: string,
	displayName: string,
	searchListMethod: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${displayName.toLowerCase()}...`,
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 42',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: SYSTEM_ID_PATTERN,
							errorMessage: `Not a BillPro ${displayName.toLowerCase()} ID: use the system ID, a whole number`,
						},
					},
				],
			},
		],
	};
}

export const customerLocator = locator(
	'customer',
	'Customer',
	'searchCustomers',
	"The customer's system ID ('id'), not the merchant customer ID",
);

export const productLocator = locator(
	'product',
	'Product',
	'searchProducts',
	"The product's system ID ('id'), not the merchant product ID",
);

function address(name: string, displayName: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		default: {},
		placeholder: `Add ${displayName}`,
		options: [
			{
				displayName,
				name: 'address',
				values: [
					{
						displayName: 'City',
						name: 'city',
						type: 'string',
						default: '',
						required: true,
					},
					{
						displayName: 'Country',
						name: 'country',
						type: 'string',
						default: '',
						required: true,
						placeholder: 'e.g. GB',
						description: 'Two-letter ISO 3166 country code, in capitals',
					},
					{
						displayName: 'Postal Code',
						name: 'postalCode',
						type: 'string',
						default: '',
					},
					{
						displayName: 'State',
						name: 'state',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Street',
						name: 'street',
						type: 'string',
						default: '',
						required: true,
					},
				],
			},
		],
	};
}

const organisation: INodeProperties = {
	displayName: 'Organisation',
	name: 'organisation',
	type: 'fixedCollection',
	default: {},
	placeholder: 'Add Organisation',
	options: [
		{
			displayName: 'Organisation',
			name: 'details',
			values: [
				{
					displayName: 'Description',
					name: 'description',
					type: 'string',
					default: '',
				},
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					required: true,
				},
				{
					displayName: 'Registration Number',
					name: 'registrationNumber',
					type: 'string',
					default: '',
				},
				{
					displayName: 'VAT Number',
					name: 'vat',
					type: 'string',
					default: '',
				},
				{
					displayName: 'Website URL',
					name: 'webUrl',
					type: 'string',
					default: '',
					placeholder: 'e.g. https://example.com',
				},
			],
		},
	],
};

/** The customer's optional details, shared by Create (Additional Fields) and Update. */
export const customerDetailFields: INodeProperties[] = [
	address('billingAddress', 'Billing Address'),
	{
		displayName: 'Date of Birth',
		name: 'dateOfBirth',
		type: 'string',
		default: '',
		placeholder: 'e.g. 31/12/1990',
		description: 'As DD/MM/YYYY; a date such as 1990-12-31 is converted to that form',
	},
	organisation,
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		placeholder: 'e.g. +447700900123',
		description:
			"International format with the country code; BillPro checks it against the address's country",
	},
	address('shippingAddress', 'Shipping Address'),
];

/** The fields that identify a customer: required on Create, optional on Update. */
export const customerNameFields: INodeProperties[] = [
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. nathan@example.com',
		default: '',
	},
];

/** BillPro has no list of orders, so an order is given by its system ID. */
export const orderIdField = systemIdField(
	'orderId',
	'Order ID',
	"The order's system ID ('id' in the order Create and Get answers)",
);

export const scheduledPaymentLocator = locator(
	'scheduledPayment',
	'Scheduled Payment',
	'searchScheduledPayments',
	"The scheduled payment's ID (the SPID in BillPro's UI); the list shows the payments of 'Order ID'",
);

/** Day / Week / Month / Year, as BillPro's scheduled_unit and scheduled_duration_unit take them. */
export const intervalUnitField: INodeProperties = {
	displayName: 'Interval Unit',
	name: 'intervalUnit',
	type: 'options',
	options: INTERVAL_UNITS.map((unit) => ({
		name: unit.charAt(0) + unit.slice(1).toLowerCase(),
		value: unit,
	})),
	default: 'MONTH',
};

/**
 * A node's own merchant profile (Request Options → Profile ID), for a token with several
 * profiles: an agency running one workflow per merchant with one credential. It overrides the
 * credential's Profile ID on every request of the node, whatever the path; the credential's
 * `authenticate` keeps a profile_id the node has set. Empty: the credential's.
 */
export const profileIdOverrideField: INodeProperties = {
	displayName: 'Profile ID',
	name: 'profileId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 5',
	description:
		"The merchant profile this node works in, instead of the credential's Profile ID (for an API user with several profiles). Empty: the credential's.",
};

/** Merged by n8n into the node's Request Options, next to Batching, Proxy and Timeout. */
export const requestOptionsField: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Concurrent Requests',
			name: 'maxConcurrency',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_CONCURRENCY,
			description:
				'How many requests this node sends to BillPro at the same time, across all items',
		},
		{
			displayName: 'Pages Read at Once',
			name: 'pagesAtOnce',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_PAGES_AT_ONCE },
			default: PAGES_AHEAD,
			displayOptions: { show: { '/operation': ['getAll'] } },
			description:
				'For Get Many: how many pages are requested at the same time once a list goes on past its first page (at most 20, and at most Max Concurrent Requests). More is faster over a slow network; up to one fewer requests land past the end of the list.',
		},
		profileIdOverrideField,
	],
};
