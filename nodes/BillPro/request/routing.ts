import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodePropertyRouting,
	PostReceiveAction,
	PreSendAction,
} from 'n8n-workflow';
import { endpointPath, ENDPOINTS, type EndpointName } from '../shared/api';
import { recordsOfAnswer } from './answers';
import { checkMaxConcurrency, withRequestSlot } from './concurrency';
import { beginRun, noteItem } from './nodeRun';
import { resourceName, throwOnErrorResponse } from './errors';
import { itemRequestHook, parkingErrors } from './itemFailures';
import { checkBaseUrl } from './policy';
import { applyProfileOverride } from './profile';
import { withRetries } from './retries';

/**
 * One output item per record, once the answer has the shape `endpoint` answers with (a list a
 * bare JSON array, a single record an object: answers.ts). n8n only splits arrays itself when an
 * operation has no postReceive; ours all do.
 */
function oneItemPerRecord(endpoint: EndpointName): PostReceiveAction {
	return async function (
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		const [node, itemIndex, record] = [this.getNode(), this.getItemIndex(), resourceName(this)];
		const records = recordsOfAnswer(node, response, itemIndex, endpoint, record);
		return ENDPOINTS[endpoint].answers === 'list' ? records.map((json) => ({ json })) : items;
	};
}

/**
 * The first preSend of every operation. RoutingNode prepares a run's items in order, each up to
 * its first await before the next: item 0's first preSend is where a run, or n8n's Retry On Fail
 * try of it, begins (nodeRun.ts), and each item's counts it.
 */
async function beginsRunAtFirstItem(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	if (this.getItemIndex() === 0) beginRun(this);
	noteItem(this);
	return requestOptions;
}

/**
 * Links each output item to the input item it came from, also when one input gives many. The
 * items are this answer's own (made by the postReceive actions before it), so they are set in
 * place: a long list is not copied once more.
 */
async function pairWithInputItem(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const item = this.getItemIndex();
	for (const entry of items) entry.pairedItem = { item };
	return items;
}

/**
 * The routing of one operation: method and path from the endpoint table, its `{…}` segments
 * filled from node parameters (`{ id: 'customer' }`), BillPro's errors turned into clear node
 * errors first, then `postReceive`.
 */
export function operationRouting(
	endpoint: EndpointName,
	options: {
		pathParameters?: Record<string, string>;
		body?: IDataObject;
		preSend?: PreSendAction[];
		postReceive?: PostReceiveAction[];
	} = {},
): INodePropertyRouting {
	const { method } = ENDPOINTS[endpoint];
	const segments = Object.fromEntries(
		Object.entries(options.pathParameters ?? {}).map(([segment, parameter]) => [
			segment,
			`{{ encodeURIComponent($parameter["${parameter}"]) }}`,
		]),
	);
	const path = endpointPath(endpoint, segments);
	return {
		request: {
			method,
			url: options.pathParameters ? `=${path}` : path,
			...(options.body ? { body: options.body } : {}),
		},
		// Every request goes through the routing's pagination hook, the one place a declarative
		// node decides how a request is sent: here, with bounded retries (retries.ts).
		send: {
			paginate: true,
			preSend: [
				beginsRunAtFirstItem,
				...[
					checkBaseUrl,
					checkMaxConcurrency,
					applyProfileOverride,
					...(options.preSend ?? []),
				].map(parkingErrors),
			],
		},
		operations: { pagination: sendWithRetries },
		output: {
			postReceive: [
				throwOnErrorResponse,
				oneItemPerRecord(endpoint),
				...(options.postReceive ?? []),
				pairWithInputItem,
			],
		},
	};
}

/** One routing request (n8n's authentication, postReceive, errors) with its retries, in a slot. */
export async function requestWithRetries(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const method = String(requestData.options.method ?? 'GET').toUpperCase();
	return await withRequestSlot(
		context,
		async () =>
			await withRetries(
				context,
				method,
				resourceName(context),
				async () => await context.makeRoutingRequest(requestData),
			),
	);
}

/** The routing hook every single-request operation goes through (lists use paginateByPage). */
export const sendWithRetries = itemRequestHook(requestWithRetries);
