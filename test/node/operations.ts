import type { IDataObject, INodeParameters, INodePropertyOptions } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { BillPro } from '../../nodes/BillPro/BillPro.node';
import type { Product, Sandbox } from '../../sandbox';
import { CUSTOMER } from '../sandbox-rules/orders';
import { byId, createOrder, productOf, type OrderIds, type OrderSetup } from './orderFixtures';

/**
 * The one operation catalogue: the node's operations, read from its description, and for each
 * the parameters it runs with, as a user fills it in, and what it needs in BillPro first. Tests
 * that hold across operations (every-field-bad-values, output-matches-its-schema) start from it.
 */

const { description } = new BillPro();

// The node's operations, from its description

export interface Operation {
	resource: string;
	operation: string;
	/** `resource.operation` */
	key: string;
	/** As the editor names it: 'Scheduled Payment → Get Many'. */
	name: string;
	hasSimplify: boolean;
}

const resourceNames = Object.fromEntries(
	(
		(description.properties.find((property) => property.name === 'resource')?.options ??
			[]) as INodePropertyOptions[]
	).map((option) => [option.value, option.name]),
);

/** Every value of every `operation` parameter of the node. */
export const OPERATIONS: Operation[] = description.properties
	.filter((property) => property.name === 'operation')
	.flatMap((property) => {
		const resource = String(property.displayOptions?.show?.resource?.[0]);
		return ((property.options ?? []) as INodePropertyOptions[]).map((option) => {
			const operation = String(option.value);
			const parameters = { resource, operation } as INodeParameters;
			return {
				resource,
				operation,
				key: `${resource}.${operation}`,
				name: `${resourceNames[resource]} → ${option.name}`,
				hasSimplify: description.properties.some(
					(field) =>
						field.name === 'simplify' &&
						NodeHelpers.displayParameter(parameters, field, { typeVersion: 1 }, description),
				),
			};
		});
	});

export const operationNamed = (key: string): Operation => {
	const found = OPERATIONS.find((entry) => entry.key === key);
	if (!found) throw new Error(`The node has no operation ${key}`);
	return found;
};

// Valid parameters

export interface ValidRun {
	/** `resource.operation` */
	operation: string;
	/** What sets the run apart from the operation's other runs, e.g. 'Subscription'. */
	variant?: string;
	/** What the operation needs in BillPro first. */
	setup: OrderSetup;
	parameters: (sandbox: Sandbox, ids: OrderIds) => IDataObject;
	/** Run as an n8n AI Agent's tool call (the creates then go through the routing). */
	asTool?: boolean;
	/** Sets every field the operation shows: the run a bad value for each field starts from. */
	everyField?: boolean;
}

const gb = {
	street: '1 High St',
	city: 'Bath',
	state: 'Somerset',
	country: 'GB',
	postalCode: 'BA1 1AA',
};
/** A new object each time: a change made for one run reaches no other. */
export const customerDetails = () => ({
	billingAddress: { address: { ...gb } },
	shippingAddress: { address: { ...gb } },
	dateOfBirth: '31/12/1990',
	phone: '+447700900123',
	organisation: {
		details: {
			name: 'Acme',
			description: 'Tools',
			registrationNumber: 'RN-1',
			vat: 'GB123',
			webUrl: 'https://acme.example.com',
		},
	},
});
const orderExtras = {
	createCheckout: true,
	createRegistration: false,
	failedRedirectUrl: 'https://example.com/failed',
	invoiceId: 'INV-1',
	note: 'A note',
	redirectUrl: 'https://example.com/thanks',
};
const inAYear = new Date(Date.now() + 365 * 24 * 3600 * 1000);
const startDate = inAYear.toISOString().slice(0, 10).split('-').reverse().join('/');
/** A date a year ahead, as Reschedule's Scheduled At takes it. */
export const scheduledAt = inAYear.toISOString().replace(/\.\d+Z$/, 'Z');

/** Order → Create's Schedule for a recurring order type; none for a single payment. */
export function scheduleFor(orderType: Product['product_type']): IDataObject | undefined {
	if (orderType === 'single_payment') return undefined;
	if (orderType === 'metered') return { initialAmount: '5' };
	return {
		initialAmount: '5',
		interval: 1,
		intervalUnit: 'MONTH',
		startDate,
		...(orderType === 'instalment' ? { numberOfPayments: 3 } : {}),
	};
}

/** Order → Create with every field its order type shows. */
const orderCreateEveryField = (
	orderType: 'single_payment' | 'subscription' | 'instalment',
	variant: string,
): ValidRun => ({
	operation: 'order.create',
	variant,
	setup: 'none',
	everyField: true,
	parameters: (sandbox) => {
		const product = productOf(sandbox, orderType);
		const recurring = {
			product: byId(product.id),
			priceOverrides: { amount: product.price, discountAmount: '1', feeAmount: '1' },
			schedule: scheduleFor(orderType),
		};
		const single = {
			products: {
				product: [
					{
						productId: String(product.id),
						quantity: 1,
						amount: '20',
						discountAmount: '1',
						feeAmount: '1',
					},
				],
			},
		};
		return {
			resource: 'order',
			operation: 'create',
			orderType,
			customer: byId(1),
			currency: product.currency,
			...(orderType === 'single_payment' ? single : recurring),
			additionalFields: { ...orderExtras },
		};
	},
});

/** Order → Create with the fields a user typically sets. */
const orderCreate = (
	orderType: Product['product_type'],
	variant: string,
	asTool = false,
): ValidRun => ({
	operation: 'order.create',
	variant: asTool ? `${variant}, as an AI tool` : variant,
	setup: 'none',
	asTool,
	parameters: (sandbox) => {
		const product = productOf(sandbox, orderType);
		const extras =
			orderType === 'single_payment'
				? {
						createCheckout: true,
						invoiceId: 'INV-1',
						note: 'A note',
						redirectUrl: 'https://example.com/thanks',
					}
				: {};
		const schedule = scheduleFor(orderType);
		return createOrder({ id: CUSTOMER.ada }, orderType, [product], {
			...(schedule ? { schedule } : {}),
			additionalFields: extras,
		});
	},
});

const onOrder = (
	operation: string,
	setup: OrderSetup,
	extra: IDataObject = {},
	run: Partial<ValidRun> = {},
): ValidRun => ({
	operation,
	setup,
	everyField: true,
	...run,
	parameters: (_sandbox, ids) => {
		const [resource, name] = operation.split('.');
		return { resource, operation: name, orderId: ids.orderId, ...extra };
	},
});

const onPayment = (operation: string, extra: IDataObject = {}): ValidRun => ({
	operation: `scheduledPayment.${operation}`,
	setup: 'activeOrder',
	everyField: true,
	parameters: (_sandbox, ids) => ({
		resource: 'scheduledPayment',
		operation,
		orderId: ids.orderId,
		scheduledPayment: byId(ids.paymentId),
		...extra,
	}),
});

const customerCreate = (variant: string, extra: IDataObject, asTool = false): ValidRun => ({
	operation: 'customer.create',
	variant: asTool ? `${variant}, as an AI tool` : variant,
	setup: 'none',
	asTool,
	parameters: () => ({
		resource: 'customer',
		operation: 'create',
		firstName: 'Ann',
		lastName: 'Lee',
		email: 'ann.lee@example.com',
		...extra,
	}),
});

/** For every operation, the runs that succeed: by operation, the first sets every field. */
export const VALID_RUNS: ValidRun[] = [
	onOrder('checkout.renew', 'pendingCheckout'),
	{
		...customerCreate('every field', { additionalFields: customerDetails() }),
		everyField: true,
	},
	customerCreate('names and email only', {}),
	customerCreate('every field', { additionalFields: customerDetails() }, true),
	{
		operation: 'customer.get',
		setup: 'none',
		everyField: true,
		parameters: () => ({ resource: 'customer', operation: 'get', customer: byId(CUSTOMER.ada) }),
	},
	{
		operation: 'customer.get',
		variant: 'a customer without organisation, phone or address',
		setup: 'none',
		parameters: () => ({
			resource: 'customer',
			operation: 'get',
			customer: byId(CUSTOMER.inactiveBrendan),
		}),
	},
	{
		operation: 'customer.getAll',
		variant: 'a filter and a limit',
		setup: 'none',
		everyField: true,
		parameters: (sandbox) => ({
			resource: 'customer',
			operation: 'getAll',
			limit: 5,
			filters: { customerId: sandbox.store.customers(1)[0].customer_id },
		}),
	},
	{
		operation: 'customer.getAll',
		setup: 'none',
		parameters: () => ({ resource: 'customer', operation: 'getAll', returnAll: true }),
	},
	{
		operation: 'customer.update',
		variant: 'every field',
		setup: 'none',
		everyField: true,
		parameters: () => ({
			resource: 'customer',
			operation: 'update',
			customer: byId(CUSTOMER.ada),
			addressHandling: 'keep',
			updateFields: {
				firstName: 'Ann',
				lastName: 'Lee',
				email: 'ann.update@example.com',
				...customerDetails(),
			},
		}),
	},
	{
		operation: 'customer.update',
		setup: 'none',
		parameters: () => ({
			resource: 'customer',
			operation: 'update',
			customer: byId(CUSTOMER.jose),
			addressHandling: 'keep',
			updateFields: { email: 'jose.update@example.com', ...customerDetails() },
		}),
	},
	onOrder('order.cancel', 'activeOrder'),
	orderCreateEveryField('single_payment', 'Single Payment, every field'),
	orderCreateEveryField('subscription', 'Subscription, every field'),
	orderCreateEveryField('instalment', 'Instalment, every field'),
	orderCreate('single_payment', 'Single Payment, with a checkout'),
	orderCreate('subscription', 'Subscription'),
	orderCreate('instalment', 'Instalment'),
	orderCreate('metered', 'Metered'),
	orderCreate('subscription', 'Subscription', true),
	onOrder('order.get', 'activeOrder'),
	onOrder('order.pause', 'activeOrder'),
	onOrder('order.resume', 'pausedOrder'),
	{
		operation: 'product.get',
		setup: 'none',
		everyField: true,
		parameters: (sandbox) => ({
			resource: 'product',
			operation: 'get',
			product: byId(productOf(sandbox, 'subscription').id),
		}),
	},
	{
		operation: 'product.getAll',
		variant: 'a filter and a limit',
		setup: 'none',
		everyField: true,
		parameters: (sandbox) => ({
			resource: 'product',
			operation: 'getAll',
			limit: 5,
			filters: { productId: productOf(sandbox, 'subscription').product_id },
		}),
	},
	{
		operation: 'product.getAll',
		variant: 'every product of the account',
		setup: 'none',
		parameters: () => ({ resource: 'product', operation: 'getAll', returnAll: true }),
	},
	onPayment('cancel'),
	onPayment('changeInterval', { interval: 2, intervalUnit: 'WEEK' }),
	onOrder('scheduledPayment.getAll', 'activeOrder', { limit: 5 }, { variant: 'a limit' }),
	onOrder('scheduledPayment.getAll', 'activeOrder', { returnAll: true }, { everyField: false }),
	onPayment('reschedule', { scheduledAt }),
	onPayment('skip'),
	onPayment('updateAmount', { amount: '24.99' }),
];
