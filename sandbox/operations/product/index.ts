/** Products are read-only through the API ("you cannot create products with the API"). */
import { route, type RouteDefinition } from '../../router';
import { getProduct } from './get';
import { getAllProducts } from './getAll';

export const productRoutes: readonly RouteDefinition[] = [
	route('listProducts', getAllProducts),
	route('getProduct', getProduct),
];
