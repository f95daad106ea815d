import type { INodeProperties } from 'n8n-workflow';
import { QUERY } from '../../shared/api';
import { getManyFields } from '../../shared/getManyFields';
import { simplifyProduct } from '../../shared/simplify';

const show = { resource: ['product'], operation: ['getAll'] };

export const productGetManyDescription: INodeProperties[] = getManyFields(show, {
	simplifier: simplifyProduct,
	filters: [
		{
			displayName: 'Merchant Product ID',
			name: 'productId',
			placeholder: 'e.g. E2824181D8',
			description: "Only the products with this merchant product ID ('product_id')",
			query: QUERY.productFilter,
		},
	],
});
