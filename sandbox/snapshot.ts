/**
 * The sandbox's data as its data file keeps it (dataFile.ts): every profile's records and the id
 * counters. Not the request log, faults or gateway settings: those belong to one run.
 */
import { PROFILES } from './config';
import { ID_KINDS, type IdKind } from './ids';
import type { Product, StoredCustomer, StoredOrder, StoredScheduledPayment } from './types';

/** Names the file's layout; a file with another one is not read. */
export const SNAPSHOT_FORMAT = 'billpro-sandbox-data/1';

export interface ProfileRecords {
	products: Product[];
	customers: StoredCustomer[];
	orders: StoredOrder[];
	/** Every order's scheduled payments, by order then id. */
	scheduledPayments: StoredScheduledPayment[];
}

export interface StoreSnapshot {
	format: typeof SNAPSHOT_FORMAT;
	/** New each time the data starts from the seed: who remembers this data can tell it apart. */
	dataId: string;
	lastIds: Record<IdKind, number>;
	/** Keyed by profile id. */
	profiles: Record<string, ProfileRecords>;
}

const RECORD_LISTS: ReadonlyArray<[keyof ProfileRecords, IdKind]> = [
	['products', 'product'],
	['customers', 'customer'],
	['orders', 'order'],
	['scheduledPayments', 'scheduledPayment'],
];

/** Why `value` cannot be loaded as a snapshot; undefined when it can. */
export function snapshotProblem(value: unknown): string | undefined {
	if (!isObject(value)) return 'it is not a JSON object';
	if (value.format !== SNAPSHOT_FORMAT) return `its format is not "${SNAPSHOT_FORMAT}"`;
	if (typeof value.dataId !== 'string' || value.dataId === '') return 'it has no dataId';
	const lastIds = value.lastIds;
	if (!isObject(lastIds)) return 'it has no lastIds';
	for (const kind of ID_KINDS) {
		const last = lastIds[kind];
		if (!Number.isSafeInteger(last) || (last as number) < 0)
			return `lastIds.${kind} is not an integer >= 0`;
	}
	const profiles = value.profiles;
	if (!isObject(profiles)) return 'it has no profiles';
	for (const { id } of PROFILES) {
		const profile = profiles[String(id)];
		if (!isObject(profile)) return `profile ${id} is missing`;
		for (const [list, kind] of RECORD_LISTS) {
			const problem = recordsProblem(profile[list], lastIds[kind] as number);
			if (problem) return `profiles.${id}.${list} ${problem}`;
		}
	}
	return undefined;
}

/** Records need numeric ids no larger than the counter, or a new record would reuse one. */
function recordsProblem(records: unknown, lastId: number): string | undefined {
	if (!Array.isArray(records)) return 'is not a list';
	for (const record of records) {
		if (!isObject(record) || !Number.isSafeInteger(record.id)) return 'has a record without an id';
		if ((record.id as number) > lastId) return `has id ${record.id}, above its counter ${lastId}`;
	}
	return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
