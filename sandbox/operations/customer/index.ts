/** Customer routes. There is no delete: the docs only describe deactivation, in the UI. */
import { route, type RouteDefinition } from '../../router';
import { createCustomer } from './create';
import { getCustomer } from './get';
import { getAllCustomers } from './getAll';
import { updateCustomer } from './update';

export const customerRoutes: readonly RouteDefinition[] = [
	route('createCustomer', createCustomer),
	route('listCustomers', getAllCustomers),
	route('getCustomer', getCustomer),
	route('updateCustomer', updateCustomer),
];
