/** GET an order's scheduled payments: paged like every list, by id; unknown order -> 422. */
import { pageOf, parsePage } from '../../pagination';
import type { HandlerContext } from '../../router';
import type { ScheduledPaymentResponse } from '../../types';
import { findOrder } from '../order/get';
import { formatScheduledPayment } from './format';

export function getAllScheduledPayments(context: HandlerContext): ScheduledPaymentResponse[] {
	const { store, profileId, query } = context;
	const page = parsePage(query);
	const order = findOrder(context);
	return pageOf(store.paymentRecords(profileId, order.id), page).map(formatScheduledPayment);
}
