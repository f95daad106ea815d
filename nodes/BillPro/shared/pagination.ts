import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { QUERY } from './api';
import { requestWithRetries } from './retry';
import { requireWholeNumber } from './validation';

/**
 * Walks BillPro's `?page=N` lists. BillPro documents neither its page size nor a total, so the
 * first page's length is taken as the page size: an empty page, or one shorter than the first,
 * is the last (api.ts, lastPageIsShortOrEmpty). Limit also walks pages until it has enough.
 */
export async function paginateByPage(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	const limit = returnAll
		? Infinity
		: requireWholeNumber(this, 'Limit', this.getNodeParameter('limit', 50), 1);
	const results: INodeExecutionData[] = [];
	let pageSize: number | undefined;
	let previousFirstId: unknown;

	for (let page = 1; results.length < limit; page++) {
		const items = await requestWithRetries(this, {
			...requestData,
			options: { ...requestData.options, qs: { ...requestData.options.qs, [QUERY.page]: page } },
		});
		if (items.length === 0) break;
		// An API that ignored `page` would hand out page 1 forever: stop instead of looping.
		const firstId = items[0].json.id;
		if (page > 1 && firstId !== undefined && firstId === previousFirstId) {
			throw new NodeOperationError(this.getNode(), 'BillPro returned the same page twice', {
				itemIndex: this.getItemIndex(),
				description: `Page ${page} repeated page ${page - 1}, so the list cannot be read to its end. Check that the base URL points at the BillPro API.`,
			});
		}
		previousFirstId = firstId;
		results.push(...items);
		pageSize ??= items.length;
		if (items.length < pageSize) break;
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
