import type { INodeProperties } from 'n8n-workflow';
import { DEFAULT_MAX_RECORDS, paginateByPage } from '../request/paging';
import { filterField, type FilterSpec } from './descriptions';
import { simplifyField, type Simplifier } from './simplify';

/**
 * The fields of a Get Many operation: Return All / Limit, Simplify, and the API's filters. Both
 * modes walk pages (paginateByPage reads Return All and Limit itself, and simplifies).
 */
export function getManyFields(
	show: Record<string, string[]>,
	options: { simplifier: Simplifier; filters?: FilterSpec[] },
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
				send: { paginate: true },
				operations: { pagination: paginateByPage(options.simplifier) },
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
		{
			displayName: 'Max Records',
			name: 'maxRecords',
			type: 'number',
			displayOptions: { show: { ...show, returnAll: [true] } },
			typeOptions: { minValue: 1 },
			default: DEFAULT_MAX_RECORDS,
			description:
				'The most records Return All reads. A longer list stops the node with an error rather than fill memory; raise it for a list this long.',
		},
		simplifyField(show),
		...(options.filters
			? [
					{
						displayName: 'Filters',
						name: 'filters',
						type: 'collection',
						placeholder: 'Add Filter',
						default: {},
						displayOptions: { show },
						// Built here, so every filter of every Get Many refuses a value set but empty.
						options: options.filters.map(filterField),
					} satisfies INodeProperties,
				]
			: []),
	];
}
