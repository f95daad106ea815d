import type { IDataObject } from 'n8n-workflow';
import type { EndpointName } from '../../shared/api';
import { orderIdField } from '../../shared/descriptions';
import { requireSystemId } from '../../shared/validation';
import type { Operation } from '../operation';

/** Cancel, Pause and Resume: a PUT to the order's own endpoint for it, with no body. */
export function orderStatusChange(value: string, endpoint: EndpointName): Operation {
	return {
		resource: 'order',
		value,
		method: 'PUT',
		record: 'order',
		fields: [orderIdField],
		async execute(item, send) {
			const id = requireSystemId(item, 'Order ID', item.getNodeParameter('orderId'), 'order');
			return [(await send(endpoint, { id, resource: 'order' })) as IDataObject];
		},
	};
}
