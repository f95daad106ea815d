import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { ItemContext } from '../shared/itemContext';
import type { BillProRequest } from '../transport/send';

/**
 * One operation, whole: its fields and what it does for one item (checks, body, the requests,
 * the output). Its entry in the Operation list is in its resource's index.ts, as n8n's lint reads
 * it there. The node runs it over a run's items
 * (run/runOperation.ts), and n8n's in-process AI tools run the same `execute` per item.
 */
export interface Operation {
	resource: string;
	value: string;
	/** A write (POST, PUT) is sent once whatever n8n runs again (acceptedWrites.ts). */
	method: 'GET' | 'POST' | 'PUT';
	/** The record it is about, as its errors name it ('customer'). */
	record: string;
	/** Its fields, shown for this operation only. */
	fields: INodeProperties[];
	/** One item: the records it outputs. */
	execute: (item: ItemContext, send: BillProRequest) => Promise<IDataObject[]>;
}
