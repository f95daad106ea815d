import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { QUERY } from './api';
import { failingItemPaired, throwParkedError } from './itemErrors';
import { requestWithRetries } from './retry';
import { requireWholeNumber } from './validation';

/**
 * How many pages are requested at once once a list is known to go on: network latency is paid
 * once per batch, not once per page. At most PAGES_AHEAD - 1 requests land past the end of a
 * list (they answer an empty page).
 */
export const PAGES_AHEAD = 4;

/**
 * Walks BillPro's `?page=N` lists. BillPro documents neither its page size nor a total, so the
 * first page's length is taken as the page size: an empty page, or one shorter than the first,
 * is the last (api.ts). Page 1 is read alone; after it, up to PAGES_AHEAD pages are requested
 * in parallel (never more than Limit still needs) and used in order up to the first short one.
 */
export async function paginateByPage(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	return await failingItemPaired(this, async () => {
		throwParkedError(requestData.options);
		return await readPages(this, requestData);
	});
}

async function readPages(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const returnAll = context.getNodeParameter('returnAll', false) as boolean;
	const limit = returnAll
		? Infinity
		: requireWholeNumber(context, 'Limit', context.getNodeParameter('limit', 50), 1);
	const fetchPage = async (page: number) =>
		await requestWithRetries(context, {
			...requestData,
			options: { ...requestData.options, qs: { ...requestData.options.qs, [QUERY.page]: page } },
		});

	const first = await fetchPage(1);
	const pageSize = first.length;
	const results = [...first];
	let previousFirstId = first[0]?.json.id;
	let ended = pageSize === 0;
	for (let next = 2; !ended && results.length < limit; ) {
		const pagesNeeded = Math.ceil((limit - results.length) / pageSize);
		const batch = Array.from({ length: Math.min(PAGES_AHEAD, pagesNeeded) }, (_, i) => next + i);
		const pages = await Promise.all(batch.map(fetchPage));
		for (const [index, items] of pages.entries()) {
			const page = batch[index];
			if (items.length === 0) {
				ended = true;
				break;
			}
			// An API that ignored `page` would hand out page 1 forever: stop instead of looping.
			if (items[0].json.id !== undefined && items[0].json.id === previousFirstId) {
				throw new NodeOperationError(context.getNode(), 'BillPro returned the same page twice', {
					itemIndex: context.getItemIndex(),
					description: `Page ${page} repeated page ${page - 1}, so the list cannot be read to its end. Check that the base URL points at the BillPro API.`,
				});
			}
			previousFirstId = items[0].json.id;
			results.push(...items);
			if (items.length < pageSize) {
				ended = true;
				break;
			}
		}
		next += batch.length;
	}
	return results.slice(0, limit);
}

/**
 * The fields of a Get Many operation: Return All / Limit, Simplify, and the API's filters.
 */
export function getManyFields(
	show: Record<string, string[]>,
	options: { simplify: INodeProperties; filters?: INodeProperties[] },
): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: { show },
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			routing: {
				// Both modes walk pages: the function reads Return All and Limit itself.
				send: { paginate: true },
				operations: { pagination: paginateByPage },
			},
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { ...show, returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
		},
		options.simplify,
		...(options.filters
			? [
					{
						displayName: 'Filters',
						name: 'filters',
						type: 'collection',
						placeholder: 'Add Filter',
						default: {},
						displayOptions: { show },
						options: options.filters,
					} satisfies INodeProperties,
				]
			: []),
	];
}
