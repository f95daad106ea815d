import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { listEndpointAt, QUERY } from '../shared/api';
import { requireBoolean, requireWholeNumber } from '../shared/validation';
import { itemRequestHook } from './itemFailures';
import { requestWithRetries } from './routing';

/**
 * How many pages are requested at once once a list is known to go on: network latency is paid
 * once per batch, not once per page. At most PAGES_AHEAD - 1 requests land past the end of a
 * list (they answer an empty page).
 */
export const PAGES_AHEAD = 4;

/**
 * Return All reads at most this many records (the Max Records field): a list that never ends,
 * from a server that ignores `page`, stops with a clear error instead of filling memory.
 */
export const DEFAULT_MAX_RECORDS = 100_000;

/**
 * Walks BillPro's `?page=N` lists. BillPro documents neither its page size nor a total, so the
 * first page's length is taken as the page size: an empty page, or one shorter than the first,
 * is the last (api.ts). Page 1 is read alone; after it, up to PAGES_AHEAD pages are requested
 * in parallel (never more than Limit still needs) and used in order up to the first short one.
 * Bounded whatever the server answers: a page repeating a record already read is an error (on a
 * list only inferred to be paged, a page 2 equal to page 1 is the whole list), and Return All
 * stops with an error past Max Records.
 */
export const paginateByPage = itemRequestHook(readPages);

/** What identifies a record across pages: its id, or its JSON text when it has none. */
function recordKey(item: INodeExecutionData): string {
	const { id } = item.json;
	return id === undefined || id === null ? `json ${JSON.stringify(item.json)}` : `id ${String(id)}`;
}

function isSamePage(page: INodeExecutionData[], other: INodeExecutionData[]): boolean {
	return (
		page.length === other.length &&
		page.every((item, index) => recordKey(item) === recordKey(other[index]))
	);
}

function repeatedRecordsError(
	context: IExecutePaginationFunctions,
	page: number,
	repeated: INodeExecutionData,
): NodeOperationError {
	const which =
		repeated.json.id === undefined || repeated.json.id === null
			? 'a record without an ID'
			: `the record with ID ${String(repeated.json.id)}`;
	return new NodeOperationError(
		context.getNode(),
		`BillPro's list repeated records it had already sent (page ${page})`,
		{
			itemIndex: context.getItemIndex(),
			description: `Page ${page} held ${which}, already read on an earlier page, so the list cannot be read to its end without duplicates. BillPro may be ignoring the page parameter, or the list changed while it was read: run the node again. If it repeats, check that the base URL in the BillPro credential points at the BillPro API.`,
		},
	);
}

function maxRecordsError(
	context: IExecutePaginationFunctions,
	maxRecords: number,
): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`Return All stopped at ${maxRecords.toLocaleString('en-US')} records (the Max Records bound)`,
		{
			itemIndex: context.getItemIndex(),
			description: `The list goes on past ${maxRecords.toLocaleString('en-US')} records. If it really is that long, raise 'Max Records' (shown under Return All) and run again, or turn Return All off and set a Limit, or narrow the list with its filters. A list that never ends means the base URL in the BillPro credential does not point at the BillPro API.`,
		},
	);
}

/** Return All's bound, or Limit; Return All reads one past its bound to tell if the list is longer. */
function recordsToRead(context: IExecutePaginationFunctions) {
	const returnAll = requireBoolean(
		context,
		'Return All',
		context.getNodeParameter('returnAll', false),
	);
	if (!returnAll) {
		const limit = requireWholeNumber(context, 'Limit', context.getNodeParameter('limit', 50), 1);
		return { limit, maxRecords: undefined };
	}
	const maxRecords = requireWholeNumber(
		context,
		'Max Records',
		context.getNodeParameter('maxRecords', DEFAULT_MAX_RECORDS),
		1,
	);
	return { limit: maxRecords + 1, maxRecords };
}

async function readPages(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const { limit, maxRecords } = recordsToRead(context);
	// A list only inferred to be paged may not be: then its page 2 repeats page 1 (api.ts).
	const mayBeUnpaged = listEndpointAt(requestData.options.url ?? '')?.paging === 'inferred';
	const fetchPage = async (page: number) =>
		await requestWithRetries(context, {
			...requestData,
			options: { ...requestData.options, qs: { ...requestData.options.qs, [QUERY.page]: page } },
		});

	const first = await fetchPage(1);
	const pageSize = first.length;
	const results = [...first];
	const seen = new Set(first.map(recordKey));
	let ended = pageSize === 0;
	for (let next = 2; !ended && results.length < limit; ) {
		const pagesNeeded = Math.ceil((limit - results.length) / pageSize);
		const batch = Array.from({ length: Math.min(PAGES_AHEAD, pagesNeeded) }, (_, i) => next + i);
		const pages = await Promise.all(batch.map(fetchPage));
		for (const [index, items] of pages.entries()) {
			const page = batch[index];
			if (items.length === 0 || (page === 2 && mayBeUnpaged && isSamePage(items, first))) {
				ended = true;
				break;
			}
			// An API that ignores `page`, or pages that overlap, would loop or duplicate: stop.
			const repeated = items.find((item) => seen.has(recordKey(item)));
			if (repeated) throw repeatedRecordsError(context, page, repeated);
			for (const item of items) seen.add(recordKey(item));
			results.push(...items);
			if (items.length < pageSize) {
				ended = true;
				break;
			}
		}
		next += batch.length;
	}
	if (maxRecords !== undefined && results.length > maxRecords) {
		throw maxRecordsError(context, maxRecords);
	}
	return results.slice(0, limit);
}
