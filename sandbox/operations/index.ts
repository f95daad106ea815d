/** Every resource's routes. A new resource adds one folder and one line here. */
import type { RouteDefinition } from '../router';
import { checkoutRoutes } from './checkout';
import { customerRoutes } from './customer';
import { orderRoutes } from './order';
import { productRoutes } from './product';
import { scheduledPaymentRoutes } from './scheduledPayment';

export const API_ROUTES: readonly RouteDefinition[] = [
	...productRoutes,
	...customerRoutes,
	...orderRoutes,
	...scheduledPaymentRoutes,
	...checkoutRoutes,
];
