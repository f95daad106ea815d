/** Every resource's routes. A new resource adds one folder and one line here. */
import type { RouteDefinition } from '../router';
import { customerRoutes } from './customer';
import { productRoutes } from './product';

export const API_ROUTES: readonly RouteDefinition[] = [...productRoutes, ...customerRoutes];
