import type { IDataObject } from 'n8n-workflow';
import { orderIdField } from '../../shared/descriptions';
import { simplified, simplifyField, simplifyOrder } from '../../shared/simplify';
import { requireBoolean, requireSystemId } from '../../shared/validation';
import type { Operation } from '../operation';

export const getOrder: Operation = {
	resource: 'order',
	value: 'get',
	method: 'GET',
	record: 'order',
	fields: [orderIdField, simplifyField],
	async execute(item, send) {
		const id = requireSystemId(item, 'Order ID', item.getNodeParameter('orderId'), 'order');
		requireBoolean(item, 'Simplify', item.getNodeParameter('simplify', true));
		const order = (await send('getOrder', { id, resource: 'order' })) as IDataObject;
		return simplified(item, simplifyOrder, [order]);
	},
};
