import { customerLocator } from '../../shared/descriptions';
import { simplifyCustomer, simplifyField } from '../../shared/simplify';
import type { Operation } from '../../run/operation';
import { readRecord } from '../readRecord';
import { customerIdOf } from '../recordIds';

export const getCustomer: Operation = {
	resource: 'customer',
	value: 'get',
	method: 'GET',
	record: 'customer',
	fields: [customerLocator, simplifyField],
	execute: async (item, send) =>
		await readRecord(item, send, {
			endpoint: 'getCustomer',
			id: customerIdOf(item),
			record: 'customer',
			simplifier: simplifyCustomer,
		}),
};
