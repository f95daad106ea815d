import type { IDataObject } from 'n8n-workflow';

/** A request body without the keys whose value is undefined (fields the user left unset). */
export function compact(record: Record<string, unknown>): IDataObject {
	return Object.fromEntries(
		Object.entries(record).filter(([, value]) => value !== undefined),
	) as IDataObject;
}
