import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';
import { FIELD } from './api';

export type Simplifier = (record: IDataObject) => IDataObject;

/** The records as the Simplify switch asks: simplified when it is on (its default). */
export function simplified(
	context: Pick<IExecuteSingleFunctions, 'getNodeParameter'>,
	simplifier: Simplifier,
	records: IDataObject[],
): IDataObject[] {
	return context.getNodeParameter('simplify', true) ? records.map(simplifier) : records;
}

/**
 * The Simplify switch: on by default, keeps at most 10 fields, the most useful first. An operation
 * checks it before its request (an object read as true would simplify without being asked to).
 */
export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

export const simplifyProduct: Simplifier = (product) => ({
	id: product.id,
	product_id: product.product_id,
	product_type: product.product_type,
	product_status: product.product_status,
	price: product.price,
	currency: product.currency,
	product_group: product.product_group,
	scheduled_interval: product.scheduled_interval,
	scheduled_unit: product.scheduled_unit,
	deposit_amount: product.deposit_amount,
});

function addressOf(customer: IDataObject, type: string): IDataObject | undefined {
	const addresses = Array.isArray(customer.addresses) ? (customer.addresses as IDataObject[]) : [];
	return addresses.find((address) => address.address_type === type);
}

export const simplifyCustomer: Simplifier = (customer) => {
	const organisation = customer.organisation as IDataObject | null | undefined;
	const billing = addressOf(customer, 'billing_address');
	return {
		id: customer.id,
		customer_id: customer.customer_id,
		first_name: customer.first_name,
		last_name: customer.last_name,
		email: customer.email,
		phone: customer.phone ?? null,
		status: customer.status,
		organisation_name: organisation?.name ?? null,
		billing_country: billing?.country ?? null,
		created_at: customer.created_at,
	};
};

export const simplifyOrder: Simplifier = (order) => ({
	id: order.id,
	order_type: order.order_type,
	status: order.status,
	customer_id: order.customer_id,
	invoice_id: order.invoice_id,
	currency: order.currency,
	monthly_amount: order.monthly_amount,
	total_to_pay: order.total_to_pay,
	[FIELD.paymentLink]: order[FIELD.paymentLink],
	created_at: order.created_at,
});

export const simplifyScheduledPayment: Simplifier = (payment) => ({
	id: payment.id,
	order_id: payment.order_id,
	status: payment.status,
	amount: payment.amount,
	currency: payment.currency,
	[FIELD.scheduledAt]: payment[FIELD.scheduledAt],
	scheduled_interval: payment.scheduled_interval,
	scheduled_duration_unit: payment.scheduled_duration_unit,
	attempts: payment.attempts,
	updated_at: payment.updated_at,
});
