import type { IDataObject } from 'n8n-workflow';
import type { EndpointName } from '../shared/api';
import type { ItemContext } from '../shared/itemContext';
import { simplified, type Simplifier } from '../shared/simplify';
import { requireBoolean } from '../shared/validation';
import type { BillProRequest } from '../transport/send';

/** A Get: Simplify checked, the record read by its ID, then simplified if asked. */
export async function readRecord(
	item: ItemContext,
	send: BillProRequest,
	read: { endpoint: EndpointName; id: string; record: string; simplifier: Simplifier },
): Promise<IDataObject[]> {
	requireBoolean(item, 'Simplify', item.getNodeParameter('simplify', true));
	const record = (await send(read.endpoint, { id: read.id, resource: read.record })) as IDataObject;
	return simplified(item, read.simplifier, [record]);
}
