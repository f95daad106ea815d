import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../run/operation';

/** Shows `fields` for this operation only (and keeps any further condition a field has). */
export function fieldsOf(operation: Operation): INodeProperties[] {
	const show = { resource: [operation.resource], operation: [operation.value] };
	return operation.fields.map((field) => ({
		...field,
		displayOptions: {
			...field.displayOptions,
			show: { ...show, ...field.displayOptions?.show },
		},
	}));
}
