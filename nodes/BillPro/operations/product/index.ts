import type { INodeProperties } from 'n8n-workflow';
import { toolRouting } from '../../run/runOperation';
import type { Operation } from '../../run/operation';
import { fieldsOf } from '../fields';
import { getProduct } from './get.operation';
import { getManyProducts } from './getAll.operation';

/** The product operations, in the order the Operation list shows them. */
export const productOperations: Operation[] = [getProduct, getManyProducts];

// Products are read-only in BillPro's API: they are created in BillPro's UI.
export const productDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['product'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a product',
				description:
					'Get a product by its BillPro system ID (a whole number), not by its merchant product_id',
				routing: toolRouting(getProduct),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many products',
				description:
					'List products with their type, price and currency, optionally only those with a given merchant product_id',
				routing: toolRouting(getManyProducts),
			},
		],
		default: 'getAll',
	},
	...productOperations.flatMap(fieldsOf),
];
