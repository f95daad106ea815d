import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { QUERY, type EndpointName } from '../shared/api';
import { billProRequest } from '../request/send';

// With a search term, keep reading pages until something matches (bounded), so the list is
// not empty just because the first page held no match.
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
	let page = Number(paginationToken) || 1;
	const results: INodeListSearchResult['results'] = [];
	for (let read = 0; read < MAX_PAGES_PER_SEARCH; read++, page++) {
		// An answer that is not a list is an error (billProRequest), not an empty list.
		const records = (await billProRequest.call(context, endpoint, {
			id,
			qs: { [QUERY.page]: page },
			resource,
		})) as IDataObject[];
		if (records.length === 0) return { results };
		for (const record of records) {
			const { name, value, searchText } = toResult(record);
			if (!needle || searchText.toLowerCase().includes(needle)) results.push({ name, value });
		}
		if (results.length || !needle) break;
	}
	return { results, paginationToken: String(page + 1) };
}
