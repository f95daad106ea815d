import { productLocator } from '../../shared/descriptions';
import { simplifyField, simplifyProduct } from '../../shared/simplify';
import type { Operation } from '../../run/operation';
import { readRecord } from '../readRecord';
import { productIdOf } from '../recordIds';

export const getProduct: Operation = {
	resource: 'product',
	value: 'get',
	method: 'GET',
	record: 'product',
	fields: [productLocator, simplifyField],
	execute: async (item, send) =>
		await readRecord(item, send, {
			endpoint: 'getProduct',
			id: productIdOf(item),
			record: 'product',
			simplifier: simplifyProduct,
		}),
};
