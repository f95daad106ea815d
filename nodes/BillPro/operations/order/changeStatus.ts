import type { IDataObject } from 'n8n-workflow';
import type { EndpointName } from '../../shared/api';
import { orderIdField } from '../../shared/descriptions';
import { orderIdOf } from '../recordIds';
import type { Operation } from '../../run/operation';

/** Cancel, Pause and Resume: a PUT to the order's own endpoint for it, with no body. */
export function orderStatusChange(value: string, endpoint: EndpointName): Operation {
	return {
		resource: 'order',
		value,
		method: 'PUT',
		record: 'order',
		fields: [orderIdField],
		async execute(item, send) {
			const id = orderIdOf(item);
			return [(await send(endpoint, { id, resource: 'order' })) as IDataObject];
		},
	};
}
