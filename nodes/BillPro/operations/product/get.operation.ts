import type { IDataObject } from 'n8n-workflow';
import { productLocator } from '../../shared/descriptions';
import { simplified, simplifyField, simplifyProduct } from '../../shared/simplify';
import { requireBoolean, requireSystemId } from '../../shared/validation';
import type { Operation } from '../operation';

export const getProduct: Operation = {
	resource: 'product',
	value: 'get',
	method: 'GET',
	record: 'product',
	fields: [productLocator, simplifyField],
	async execute(item, send) {
		const id = requireSystemId(
			item,
			'Product',
			item.getNodeParameter('product', undefined, { extractValue: true }),
			'product',
		);
		requireBoolean(item, 'Simplify', item.getNodeParameter('simplify', true));
		const product = (await send('getProduct', { id, resource: 'product' })) as IDataObject;
		return simplified(item, simplifyProduct, [product]);
	},
};
