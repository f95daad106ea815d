/** Scheduled payments (billing events) of an order: list and update. Created by their order. */
import { route, type RouteDefinition } from '../../router';
import { getAllScheduledPayments } from './getAll';
import { updateScheduledPayment } from './update';

export const scheduledPaymentRoutes: readonly RouteDefinition[] = [
	route('listScheduledPayments', getAllScheduledPayments),
	route('updateScheduledPayment', updateScheduledPayment),
];
