/** GET list of customers: paged, optionally filtered by the merchant customer_id (exact match). */
import { QUERY } from '../../../nodes/BillPro/shared/api';
import { pageOf, parsePage } from '../../pagination';
import type { HandlerContext } from '../../router';
import type { CustomerResponse } from '../../types';
import { formatCustomer } from './format';

export function getAllCustomers({ store, profileId, query }: HandlerContext): CustomerResponse[] {
	const page = parsePage(query);
	const filter = query[QUERY.customerFilter];
	const all = store.customers(profileId);
	// An empty filter value is treated as no filter. Filtering scans; the unfiltered list only slices.
	const customers = filter ? all.filter((customer) => customer.customer_id === filter) : all;
	return pageOf(customers, page).map(formatCustomer);
}
