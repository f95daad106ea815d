import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { EndpointName } from '../shared/api';
import type { ItemContext } from '../shared/itemContext';
import { DEFAULT_MAX_RECORDS, MAX_PAGES_AT_ONCE, PAGES_AHEAD } from '../shared/limits';
import { pagedList, walkPages } from '../transport/pageWalker';
import { simplified, simplifyField, type Simplifier } from '../shared/simplify';
import {
	invalidInput,
	isNotSet,
	requireBoolean,
	requireFilterValue,
	requireWholeNumber,
} from '../shared/validation';
import type { BillProRequest } from '../transport/send';

/** A Get Many filter: its field, and the query parameter BillPro reads it from. */
export interface Filter {
	displayName: string;
	name: string;
	placeholder: string;
	description: string;
	query: string;
}

/** The fields of a Get Many: Return All / Limit / Max Records, Simplify, and its filters. */
export function getManyFields(filters: Filter[] = []): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
		},
		{
			displayName: 'Max Records',
			name: 'maxRecords',
			type: 'number',
			displayOptions: { show: { returnAll: [true] } },
			typeOptions: { minValue: 1 },
			default: DEFAULT_MAX_RECORDS,
			description:
				'The most records Return All reads. A longer list stops the node with an error rather than fill memory; raise it for a list this long.',
		},
		simplifyField,
		...(filters.length
			? [
					{
						displayName: 'Filters',
						name: 'filters',
						type: 'collection',
						placeholder: 'Add Filter',
						default: {},
						options: filters.map((filter) => ({
							displayName: filter.displayName,
							name: filter.name,
							placeholder: filter.placeholder,
							description: filter.description,
							type: 'string' as const,
							default: '',
						})),
					} satisfies INodeProperties,
				]
			: []),
	];
}

/** The filters that are set, as query parameters: a filter set but empty is refused. */
function filterQuery(item: ItemContext, filters: Filter[]): IDataObject {
	const query: IDataObject = {};
	if (!filters.length) return query;
	const set = (item.getNodeParameter('filters', {}) ?? {}) as IDataObject;
	for (const filter of filters) {
		if (filter.name in set) {
			query[filter.query] = requireFilterValue(item, filter.displayName, set[filter.name]);
		}
	}
	return query;
}

/** Request Options → Pages Read at Once, when set: a whole number from 1 to MAX_PAGES_AT_ONCE. */
function pagesAtOnceOf(item: ItemContext): number {
	const { pagesAtOnce } = (item.getNodeParameter('requestOptions', {}) ?? {}) as {
		pagesAtOnce?: unknown;
	};
	if (isNotSet(pagesAtOnce)) return PAGES_AHEAD;
	const pages = requireWholeNumber(item, 'Pages Read at Once', pagesAtOnce, 1);
	if (pages > MAX_PAGES_AT_ONCE) {
		throw invalidInput(
			item,
			'Pages Read at Once',
			`must be at most ${MAX_PAGES_AT_ONCE}; got ${pages}`,
			`Enter a whole number from 1 to ${MAX_PAGES_AT_ONCE}: more pages at once only add requests past the end of the list.`,
		);
	}
	return pages;
}

/** Return All's bound, or Limit; Return All reads one past its bound to tell if the list is longer. */
function recordsToRead(item: ItemContext) {
	const returnAll = requireBoolean(item, 'Return All', item.getNodeParameter('returnAll', false));
	if (!returnAll) {
		const limit = requireWholeNumber(item, 'Limit', item.getNodeParameter('limit', 50), 1);
		return { limit, maxRecords: undefined };
	}
	const maxRecords = requireWholeNumber(
		item,
		'Max Records',
		item.getNodeParameter('maxRecords', DEFAULT_MAX_RECORDS),
		1,
	);
	return { limit: maxRecords + 1, maxRecords };
}

function maxRecordsError(item: ItemContext, maxRecords: number): NodeOperationError {
	return new NodeOperationError(
		item.getNode(),
		`Return All stopped at ${maxRecords.toLocaleString('en-US')} records (the Max Records bound)`,
		{
			itemIndex: item.getItemIndex(),
			description: `The list goes on past ${maxRecords.toLocaleString('en-US')} records. If it really is that long, raise 'Max Records' (shown under Return All) and run again, or turn Return All off and set a Limit, or narrow the list with its filters. A list that never ends means the base URL in the BillPro credential does not point at the BillPro API.`,
		},
	);
}

/**
 * A Get Many's read: its fields checked (Simplify, the filters, then Return All, Limit, Max
 * Records and Pages Read at Once), then BillPro's pages walked (transport/pageWalker.ts) up to Limit,
 * or to the end within Max Records, and Simplify applied.
 */
export async function readList(
	item: ItemContext,
	send: BillProRequest,
	list: {
		endpoint: EndpointName;
		id?: string;
		record: string;
		simplifier: Simplifier;
		filters?: Filter[];
	},
): Promise<IDataObject[]> {
	requireBoolean(item, 'Simplify', item.getNodeParameter('simplify', true));
	const query = filterQuery(item, list.filters ?? []);
	const { limit, maxRecords } = recordsToRead(item);
	const { records: read } = await walkPages({
		list: pagedList(send, list.endpoint, { id: list.id, qs: query, resource: list.record }),
		pagesAtOnce: pagesAtOnceOf(item),
		node: item.getNode(),
		itemIndex: item.getItemIndex(),
		limit,
	});
	if (maxRecords !== undefined && read.length > maxRecords) throw maxRecordsError(item, maxRecords);
	const records = read.length > limit ? read.slice(0, limit) : read;
	return simplified(item, list.simplifier, records);
}
