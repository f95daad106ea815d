import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { EndpointName } from '../shared/api';
import type { ItemContext } from '../request/itemContext';
import type { BillProCall } from '../request/send';

/** The node's one transport (send.ts), bound to the run's credential: one request to BillPro. */
export type SendToBillPro = (
	endpoint: EndpointName,
	call: BillProCall,
) => Promise<IDataObject | IDataObject[]>;

/**
 * One operation, whole: its fields and what it does for one item (checks, body, the requests,
 * the output). Its entry in the Operation list is in its resource's index.ts, as n8n's lint reads
 * it there. The node runs it over a run's items
 * (run/runOperation.ts), and n8n's in-process AI tools run the same `execute` per item.
 */
export interface Operation {
	resource: string;
	value: string;
	/** A write (POST, PUT) is sent once whatever n8n runs again (request/acceptedWrites.ts). */
	method: 'GET' | 'POST' | 'PUT';
	/** The record it is about, as its errors name it ('customer'). */
	record: string;
	/** Its fields, shown for this operation only. */
	fields: INodeProperties[];
	/** One item: the records it outputs. */
	execute: (item: ItemContext, send: SendToBillPro) => Promise<IDataObject[]>;
}

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
