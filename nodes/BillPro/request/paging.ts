import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { PAGES_AHEAD } from './concurrency';

/**
 * Return All reads at most this many records (the Max Records field): a list that never ends,
 * from a server that ignores `page`, stops with a clear error instead of filling memory.
 */
export const DEFAULT_MAX_RECORDS = 100_000;

/** What identifies a record across pages: its id, or its JSON text when it has none. */
function recordKey(record: IDataObject): string {
	const { id } = record;
	return id === undefined || id === null ? `json ${JSON.stringify(record)}` : `id ${String(id)}`;
}

function isSamePage(page: IDataObject[], other: IDataObject[]): boolean {
	return (
		page.length === other.length &&
		page.every((record, index) => recordKey(record) === recordKey(other[index]))
	);
}

interface Where {
	node: INode;
	itemIndex?: number;
}

function repeatedRecordsError(
	where: Where,
	page: number,
	repeated: IDataObject,
): NodeOperationError {
	const which =
		repeated.id === undefined || repeated.id === null
			? 'a record without an ID'
			: `the record with ID ${String(repeated.id)}`;
	return new NodeOperationError(
		where.node,
		`BillPro's list repeated records it had already sent (page ${page})`,
		{
			itemIndex: where.itemIndex,
			description: `Page ${page} held ${which}, already read on an earlier page, so the list cannot be read to its end without duplicates. BillPro may be ignoring the page parameter, or the list changed while it was read: run the node again. If it repeats, check that the base URL in the BillPro credential points at the BillPro API.`,
		},
	);
}

/** One walk over a `?page=N` list, for any caller: routed Get Many, the trigger's polls. */
export interface PageWalk<T> extends Where {
	fetchPage: (page: number) => Promise<T[]>;
	/** The record a page entry holds (routed pages hold output items). */
	recordOf: (entry: T) => IDataObject;
	/** Stops once this many records are read. */
	limit: number;
	/** A list only inferred to be paged may not be: then its page 2 repeats page 1 (api.ts). */
	mayBeUnpaged: boolean;
	/** Where the walk starts (a poll goes on from where the last one ended); 1 by default. */
	firstPage?: number;
	/** Asked before each batch of pages: false stops the walk where it is (a poll's time budget). */
	keepGoing?: () => boolean;
	/** Pages requested at once after the first; PAGES_AHEAD by default. */
	pagesAtOnce?: number;
}

export interface WalkedPages<T> {
	entries: T[];
	/** The last page that held records, and its records: where a later walk goes on. */
	lastPage: number;
	lastPageEntries: T[];
	/** Whether the walk reached the end of the list. */
	ended: boolean;
}

/**
 * Walks BillPro's `?page=N` lists, from `firstPage`, for Get Many and the trigger's polls. BillPro
 * documents neither its page size nor a total, so the first page's length is taken as the page
 * size: an empty page, or one shorter than the first, is the last (api.ts). Page 1 is read alone;
 * after it, up to `pagesAtOnce` (PAGES_AHEAD) pages are requested in parallel (never more than
 * Limit still needs) and used in order up to the first short one. Bounded whatever the server
 * answers: a page repeating a record already read is an error (on a list only inferred to be
 * paged, a page 2 equal to page 1 is the whole list), and Return All stops with an error past Max
 * Records.
 */
export async function walkPages<T>(walk: PageWalk<T>): Promise<WalkedPages<T>> {
	const key = (entry: T) => recordKey(walk.recordOf(entry));
	let page = walk.firstPage ?? 1;
	const first = await walk.fetchPage(page);
	const pageSize = first.length;
	const entries = [...first];
	const seen = new Set(first.map(key));
	let last = { page, entries: first };
	let ended = pageSize === 0;
	for (let next = page + 1; !ended && entries.length < walk.limit; ) {
		if (walk.keepGoing && !walk.keepGoing()) break;
		const pagesNeeded = Math.ceil((walk.limit - entries.length) / pageSize);
		const batch = Array.from(
			{ length: Math.min(walk.pagesAtOnce ?? PAGES_AHEAD, pagesNeeded) },
			(_, i) => next + i,
		);
		const pages = await Promise.all(batch.map(walk.fetchPage));
		for (const [index, onPage] of pages.entries()) {
			page = batch[index];
			const sameAsFirst = () => isSamePage(onPage.map(walk.recordOf), first.map(walk.recordOf));
			if (onPage.length === 0 || (page === 2 && walk.mayBeUnpaged && sameAsFirst())) {
				ended = true;
				break;
			}
			// An API that ignores `page`, or pages that overlap, would loop or duplicate: stop.
			const keys = onPage.map(key);
			const repeated = keys.findIndex((entryKey) => seen.has(entryKey));
			if (repeated >= 0) throw repeatedRecordsError(walk, page, walk.recordOf(onPage[repeated]));
			for (const entryKey of keys) seen.add(entryKey);
			entries.push(...onPage);
			last = { page, entries: onPage };
			if (onPage.length < pageSize) {
				ended = true;
				break;
			}
		}
		next += batch.length;
	}
	return { entries, lastPage: last.page, lastPageEntries: last.entries, ended };
}
