import type { ItemContext } from '../shared/itemContext';
import { requireSystemId } from '../shared/validation';

/**
 * The system IDs an item names, each read from its field and checked before anything is sent:
 * the same field, label and message in every operation that takes it.
 */
export const orderIdOf = (item: ItemContext) =>
	requireSystemId(item, 'Order ID', item.getNodeParameter('orderId'), 'order');

const located = (item: ItemContext, name: string) =>
	item.getNodeParameter(name, undefined, { extractValue: true });

export const customerIdOf = (item: ItemContext) =>
	requireSystemId(item, 'Customer', located(item, 'customer'), 'customer');

export const productIdOf = (item: ItemContext) =>
	requireSystemId(item, 'Product', located(item, 'product'), 'product');

export const scheduledPaymentIdOf = (item: ItemContext) =>
	requireSystemId(item, 'Scheduled Payment', located(item, 'scheduledPayment'), 'scheduledPayment');
