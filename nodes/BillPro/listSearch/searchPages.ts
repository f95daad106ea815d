import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import type { EndpointName } from '../shared/api';
import { pagedList, walkPages } from '../transport/pageWalker';
import { billProRequest, type BillProRequest } from '../transport/send';

// With a search term, keep reading pages one at a time until something matches (bounded), so
// the list is not empty just because the first page held no match.
const MAX_PAGES_PER_SEARCH = 10;

type ToResult = (record: IDataObject) => { name: string; value: string; searchText: string };

/**
 * A resource locator's list search over one BillPro list: page by page, filtered by the text the
 * user types; the next page number is the pagination token.
 */
export function searchPages(
	endpoint: EndpointName,
	resource: string,
	toResult: ToResult,
	/** For a list inside a record (an order's payments): the `{id}` of its path. */
	parentId?: (context: ILoadOptionsFunctions) => string,
) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const id = parentId?.(this);
		return await searchList(this, { endpoint, id, resource }, toResult, filter, paginationToken);
	};
}

async function searchList(
	context: ILoadOptionsFunctions,
	{ endpoint, id, resource }: { endpoint: EndpointName; id?: string; resource: string },
	toResult: ToResult,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const needle = filter?.trim().toLowerCase() ?? '';
	const matches = (record: IDataObject) =>
		!needle || toResult(record).searchText.toLowerCase().includes(needle);
	// An answer that is not a list is an error (billProRequest), not an empty list.
	const request: BillProRequest = async (name, call) =>
		await billProRequest.call(context, name, call);
	const walked = await walkPages({
		node: context.getNode(),
		list: pagedList(request, endpoint, { id, resource }),
		firstPage: Number(paginationToken) || 1,
		pagesAtOnce: 1,
		maxPages: needle ? MAX_PAGES_PER_SEARCH : 1,
		keepGoing: (records) => !records.some(matches),
	});
	const results = walked.records.filter(matches).map((record) => {
		const { name, value } = toResult(record);
		return { name, value };
	});
	return walked.ended ? { results } : { results, paginationToken: String(walked.lastPage + 1) };
}
