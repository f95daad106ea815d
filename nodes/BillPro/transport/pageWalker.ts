import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { ENDPOINTS, QUERY, type Endpoint, type EndpointName } from '../shared/api';
import { PAGES_AHEAD } from '../shared/limits';
import type { BillProCall, BillProRequest } from './send';

/** One `?page=N` list of BillPro (api.ts): how to read any of its pages. */
export interface PagedList {
	readPage: (page: number) => Promise<IDataObject[]>;
	/** A list only inferred to be paged may not be: then its page 2 repeats page 1 (api.ts). */
	mayBeUnpaged: boolean;
}

/**
 * The one way a page of a BillPro list is read, by the walker and by the trigger's search for
 * the last page alike. An answer that is not a list is an error of `request` (send.ts).
 */
export function pagedList(
	request: BillProRequest,
	endpoint: EndpointName,
	call: BillProCall,
): PagedList {
	return {
		readPage: async (page) =>
			(await request(endpoint, {
				...call,
				qs: { ...call.qs, [QUERY.page]: page },
			})) as IDataObject[],
		mayBeUnpaged: (ENDPOINTS[endpoint] as Endpoint).paging === 'inferred',
	};
}

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

/** One walk over a list: what Get Many, a list search and a poll each set differently. */
export interface PageWalk extends Where {
	list: PagedList;
	/** Where the walk starts (a poll goes on from where the last one ended); 1 by default. */
	firstPage?: number;
	/** Pages requested at once after the first; PAGES_AHEAD by default. */
	pagesAtOnce?: number;
	/** Stops once this many records are read; no bound by default. */
	limit?: number;
	/** Stops after this many pages (a list search's bound); no bound by default. */
	maxPages?: number;
	/** A full page's length, when a caller learned it: a shorter first page is then the last. */
	pageSize?: number;
	/** Asked before each batch with the records read so far: false stops the walk where it is. */
	keepGoing?: (records: IDataObject[]) => boolean;
}

export interface WalkedPages {
	records: IDataObject[];
	/** The last page that held records, and its records: where a later walk goes on. */
	lastPage: number;
	lastPageRecords: IDataObject[];
	/** Whether the walk reached the end of the list. */
	ended: boolean;
	/** A full page's length: one followed by more records, else the `pageSize` given. */
	pageSize?: number;
}

/**
 * Walks BillPro's `?page=N` lists. BillPro documents neither its page size nor a total, so the
 * first page's length (or the page size a caller learned, if longer) is taken as the page size:
 * an empty page, or one shorter than that, is the last (api.ts). The first page is read alone;
 * after it, up to `pagesAtOnce` pages are requested in parallel (never more than `limit` still
 * needs) and used in order up to the first short one. Bounded whatever the server answers: a
 * page repeating a record already read is an error (on a list only inferred to be paged, a page 2
 * equal to page 1 is the whole list).
 */
export async function walkPages(walk: PageWalk): Promise<WalkedPages> {
	const { list } = walk;
	const limit = walk.limit ?? Infinity;
	const maxPages = walk.maxPages ?? Infinity;
	let page = walk.firstPage ?? 1;
	const first = await list.readPage(page);
	const pageSize = Math.max(first.length, walk.pageSize ?? 0);
	const records = [...first];
	const seen = new Set(first.map(recordKey));
	let last = { page, records: first };
	let fullPage = walk.pageSize;
	let ended = first.length === 0 || first.length < pageSize;
	let pagesRead = 1;
	while (!ended && records.length < limit && pagesRead < maxPages) {
		if (walk.keepGoing && !walk.keepGoing(records)) break;
		const pagesNeeded = Math.ceil((limit - records.length) / pageSize);
		const batch = Array.from(
			{ length: Math.min(walk.pagesAtOnce ?? PAGES_AHEAD, pagesNeeded, maxPages - pagesRead) },
			(_, i) => last.page + 1 + i,
		);
		const pages = await Promise.all(batch.map(list.readPage));
		pagesRead += batch.length;
		for (const [index, onPage] of pages.entries()) {
			page = batch[index];
			if (onPage.length === 0 || (page === 2 && list.mayBeUnpaged && isSamePage(onPage, first))) {
				ended = true;
				break;
			}
			// An API that ignores `page`, or pages that overlap, would loop or duplicate: stop.
			const keys = onPage.map(recordKey);
			const repeated = keys.findIndex((key) => seen.has(key));
			if (repeated >= 0) throw repeatedRecordsError(walk, page, onPage[repeated]);
			for (const key of keys) seen.add(key);
			records.push(...onPage);
			fullPage = last.records.length;
			last = { page, records: onPage };
			if (onPage.length < pageSize) {
				ended = true;
				break;
			}
		}
	}
	return { records, lastPage: last.page, lastPageRecords: last.records, ended, pageSize: fullPage };
}
