import type { IDataObject } from 'n8n-workflow';
import { customerLocator } from '../../shared/descriptions';
import { simplified, simplifyField, simplifyCustomer } from '../../shared/simplify';
import { requireBoolean, requireSystemId } from '../../shared/validation';
import type { Operation } from '../operation';

export const getCustomer: Operation = {
	resource: 'customer',
	value: 'get',
	method: 'GET',
	record: 'customer',
	fields: [customerLocator, simplifyField],
	async execute(item, send) {
		const id = requireSystemId(
			item,
			'Customer',
			item.getNodeParameter('customer', undefined, { extractValue: true }),
			'customer',
		);
		requireBoolean(item, 'Simplify', item.getNodeParameter('simplify', true));
		const customer = (await send('getCustomer', { id, resource: 'customer' })) as IDataObject;
		return simplified(item, simplifyCustomer, [customer]);
	},
};
