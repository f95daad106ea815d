/**
 * Order routes: one create endpoint per order type [V] (the table's ORDER_TYPES), get, and the
 * three state changes. There is no list: the API reference has no "list orders".
 */
import { ORDER_TYPES, type OrderType } from '../../../nodes/BillPro/shared/api';
import { route, type RouteDefinition } from '../../router';
import { cancelOrder } from './cancel';
import { createOrderOf } from './create';
import { getOrder } from './get';
import { pauseOrder } from './pause';
import { resumeOrder } from './resume';

export const orderRoutes: readonly RouteDefinition[] = [
	...(Object.entries(ORDER_TYPES) as [OrderType, (typeof ORDER_TYPES)[OrderType]][]).map(
		([type, endpoint]) => route(endpoint, createOrderOf(type)),
	),
	route('getOrder', getOrder),
	route('cancelOrder', cancelOrder),
	route('pauseOrder', pauseOrder),
	route('resumeOrder', resumeOrder),
];
