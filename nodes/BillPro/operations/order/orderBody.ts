import type { IDataObject } from 'n8n-workflow';
import type { ItemContext } from '../../shared/itemContext';
import {
	BODY_ROOT,
	INTERVAL_UNITS,
	ORDER_TYPES,
	type EndpointName,
	type OrderType,
} from '../../shared/api';
import { compact } from '../../shared/body';
import {
	invalidInput,
	isNotSet,
	optionalBoolean,
	requireAmount,
	requireBillProDate,
	requireCurrency,
	requireHttpUrl,
	requireOneOf,
	requireSystemIdNumber,
	requireText,
	requireWholeNumber,
} from '../../shared/validation';

/**
 * Builds BillPro's order body ({"order": {...}}) from the node's fields. Amounts go out as
 * entered (number or string); only fields the user set are sent, so the product's own
 * configuration applies to the rest.
 */

type Fields = IDataObject;

const isSet = (value: unknown) => !isNotSet(value);

function priceOverrides(context: ItemContext, label: string, fields: Fields) {
	const amount = (name: string, title: string) =>
		isSet(fields[name]) ? requireAmount(context, `${label}${title}`, fields[name]) : undefined;
	return compact({
		amount: amount('amount', 'Amount'),
		discount_amount: amount('discountAmount', 'Discount Amount'),
		fee_amount: amount('feeAmount', 'Fee Amount'),
	});
}

function orderProducts(context: ItemContext, orderType: OrderType): IDataObject[] {
	if (orderType !== 'single_payment') {
		const productId = requireSystemIdNumber(
			context,
			'Product',
			context.getNodeParameter('product', undefined, { extractValue: true }),
			'product',
		);
		return [
			{
				product_id: productId,
				...priceOverrides(
					context,
					'Price Overrides › ',
					context.getNodeParameter('priceOverrides', {}) as Fields,
				),
			},
		];
	}
	const entries = ((context.getNodeParameter('products', {}) as Fields).product ?? []) as Fields[];
	if (!entries.length) {
		throw invalidInput(context, 'Products', 'is empty', 'Add at least one single-payment product.');
	}
	return entries.map((entry, index) => {
		const label = `Products › ${index + 1} › `;
		return {
			product_id: requireSystemIdNumber(context, `${label}Product ID`, entry.productId, 'product'),
			qty: requireWholeNumber(context, `${label}Quantity`, entry.quantity ?? 1, 1),
			...priceOverrides(context, label, entry),
		};
	});
}

function schedule(context: ItemContext, orderType: OrderType): IDataObject {
	if (orderType === 'single_payment') return {};
	const fields = context.getNodeParameter('schedule', {}) as Fields;
	const label = 'Payment Schedule › ';
	return compact({
		initial_amount: isSet(fields.initialAmount)
			? requireAmount(context, `${label}Initial Amount`, fields.initialAmount)
			: undefined,
		split_number:
			orderType === 'instalment' && isSet(fields.numberOfPayments)
				? requireWholeNumber(context, `${label}Number of Payments`, fields.numberOfPayments, 2)
				: undefined,
		scheduled_interval:
			orderType !== 'metered' && isSet(fields.interval)
				? requireWholeNumber(context, `${label}Interval`, fields.interval, 1)
				: undefined,
		scheduled_unit:
			orderType !== 'metered' && isSet(fields.intervalUnit)
				? requireOneOf(context, `${label}Interval Unit`, fields.intervalUnit, INTERVAL_UNITS)
				: undefined,
		start_date:
			orderType !== 'metered' && isSet(fields.startDate)
				? requireBillProDate(context, `${label}Start Date`, fields.startDate)
				: undefined,
	});
}

function optionalText(context: ItemContext, label: string, value: unknown) {
	return isSet(value) ? requireText(context, label, value) : undefined;
}

function optionalUrl(context: ItemContext, label: string, value: unknown) {
	return isSet(value) ? requireHttpUrl(context, label, value) : undefined;
}

/** Order → Create's body, {"order": {...}}, and the endpoint its Order Type is created at. */
export function createOrderRequest(item: ItemContext): {
	endpoint: EndpointName;
	body: IDataObject;
} {
	const orderType = requireOneOf(
		item,
		'Order Type',
		item.getNodeParameter('orderType'),
		Object.keys(ORDER_TYPES) as OrderType[],
	);
	const extra = item.getNodeParameter('additionalFields', {}) as Fields;
	const order = compact({
		customer_id: requireSystemIdNumber(
			item,
			'Customer',
			item.getNodeParameter('customer', undefined, { extractValue: true }),
			'customer',
		),
		currency: requireCurrency(item, 'Currency', item.getNodeParameter('currency')),
		order_products: orderProducts(item, orderType),
		...schedule(item, orderType),
		invoice_id: optionalText(item, 'Invoice ID', extra.invoiceId),
		note: optionalText(item, 'Note', extra.note),
		create_checkout: optionalBoolean(item, 'Create Checkout', extra.createCheckout),
		create_registration: optionalBoolean(item, 'Create Registration', extra.createRegistration),
		redirect_url: optionalUrl(item, 'Redirect URL', extra.redirectUrl),
		failed_redirect_url: optionalUrl(item, 'Failed Redirect URL', extra.failedRedirectUrl),
	});
	return { endpoint: ORDER_TYPES[orderType], body: { [BODY_ROOT.order]: order } };
}
