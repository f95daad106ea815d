import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { listEndpointAt } from '../shared/api';
import { simplified, type Simplifier } from '../shared/simplify';
import { invalidInput, isNotSet, requireBoolean, requireWholeNumber } from '../shared/validation';
import { MAX_PAGES_AT_ONCE, PAGES_AHEAD } from './concurrency';
import { resourceName } from './errors';
import { itemRequestHook } from './itemFailures';
import { pagedList, walkPages } from './pageWalker';
import { CREDENTIAL_TYPE, sendingWith, sendToBillPro } from './send';

/**
 * Return All reads at most this many records (the Max Records field): a list that never ends,
 * from a server that ignores `page`, stops with a clear error instead of filling memory.
 */
export const DEFAULT_MAX_RECORDS = 100_000;

/**
 * A Get Many's whole read, as its routing's pagination hook: the list is walked as pageWalker.ts
 * describes, Page 1 alone and then Pages Read at Once pages in parallel (never more than Limit
 * still needs), and Return All stops with an error past Max Records. The pages are sent as the
 * node's coded requests are (send.ts), then Simplify is applied and the items paired, so a list
 * operation's own postReceive actions never run.
 */
export function paginateByPage(simplifier: Simplifier) {
	return itemRequestHook(async (context, requestData) =>
		readPages(context, requestData, simplifier),
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

/** Request Options → Pages Read at Once, when set: a whole number from 1 to MAX_PAGES_AT_ONCE. */
function pagesAtOnceOf(context: IExecutePaginationFunctions): number {
	const { pagesAtOnce } = (context.getNodeParameter('requestOptions', {}) ?? {}) as {
		pagesAtOnce?: unknown;
	};
	if (isNotSet(pagesAtOnce)) return PAGES_AHEAD;
	const pages = requireWholeNumber(context, 'Pages Read at Once', pagesAtOnce, 1);
	if (pages > MAX_PAGES_AT_ONCE) {
		throw invalidInput(
			context,
			'Pages Read at Once',
			`must be at most ${MAX_PAGES_AT_ONCE}; got ${pages}`,
			`Enter a whole number from 1 to ${MAX_PAGES_AT_ONCE}: more pages at once only add requests past the end of the list.`,
		);
	}
	return pages;
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
	simplifier: Simplifier,
): Promise<INodeExecutionData[]> {
	const { limit, maxRecords } = recordsToRead(context);
	const list = listEndpointAt(requestData.options.url ?? '');
	if (!list) {
		throw new NodeOperationError(context.getNode(), 'This operation reads no BillPro list', {
			itemIndex: context.getItemIndex(),
		});
	}
	// Every page is sent with the credential read once for the item (send.ts sendingWith); the
	// routed request would have n8n read and decrypt it again for each page (bench/README.md).
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const send = sendingWith(context, credentials);
	const resource = resourceName(context);
	const { records: read } = await walkPages({
		list: pagedList(
			async (endpoint, call) => await sendToBillPro(context, credentials, send, endpoint, call),
			list.name,
			{ id: list.id, qs: requestData.options.qs, resource },
		),
		pagesAtOnce: pagesAtOnceOf(context),
		node: context.getNode(),
		itemIndex: context.getItemIndex(),
		limit,
	});
	if (maxRecords !== undefined && read.length > maxRecords) {
		throw maxRecordsError(context, maxRecords);
	}
	const records = read.length > limit ? read.slice(0, limit) : read;
	const item = context.getItemIndex();
	return simplified(context, simplifier, records).map((json) => ({ json, pairedItem: { item } }));
}
