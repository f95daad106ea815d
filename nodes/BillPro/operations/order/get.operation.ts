import { orderIdField } from '../../shared/descriptions';
import { simplifyField, simplifyOrder } from '../../shared/simplify';
import type { Operation } from '../../run/operation';
import { readRecord } from '../readRecord';
import { orderIdOf } from '../recordIds';

export const getOrder: Operation = {
	resource: 'order',
	value: 'get',
	method: 'GET',
	record: 'order',
	fields: [orderIdField, simplifyField],
	execute: async (item, send) =>
		await readRecord(item, send, {
			endpoint: 'getOrder',
			id: orderIdOf(item),
			record: 'order',
			simplifier: simplifyOrder,
		}),
};
