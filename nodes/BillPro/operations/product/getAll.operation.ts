import { QUERY } from '../../shared/api';
import { simplifyProduct } from '../../shared/simplify';
import { getManyFields, readList, type Filter } from '../getMany';
import type { Operation } from '../../run/operation';

const filters: Filter[] = [
	{
		displayName: 'Merchant Product ID',
		name: 'productId',
		placeholder: 'e.g. E2824181D8',
		description: "Only the products with this merchant product ID ('product_id')",
		query: QUERY.productFilter,
	},
];

export const getManyProducts: Operation = {
	resource: 'product',
	value: 'getAll',
	method: 'GET',
	record: 'product',
	fields: getManyFields(filters),
	async execute(item, send) {
		return await readList(item, send, {
			endpoint: 'listProducts',
			record: 'product',
			simplifier: simplifyProduct,
			filters,
		});
	},
};
