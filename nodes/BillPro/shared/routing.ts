import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodePropertyRouting,
	PostReceiveAction,
	PreSendAction,
} from 'n8n-workflow';
import { endpointPath, ENDPOINTS, type EndpointName } from './api';
import { notJsonError, throwOnErrorResponse } from './errors';
import { parkingErrors } from './itemErrors';
import { sendWithRetries } from './retry';
import { checkBaseUrl } from './validation';

/**
 * One output item per record: a list answers a bare JSON array (api.ts), a single record an
 * object. n8n only splits arrays itself when an operation has no postReceive; ours all do.
 */
async function oneItemPerRecord(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const body: unknown = response.body;
	if (Array.isArray(body)) return body.map((json) => ({ json }));
	if (body && typeof body === 'object' && !Buffer.isBuffer(body)) return items;
	throw notJsonError(this.getNode(), response, this.getItemIndex());
}

/** Links each output item to the input item it came from, also when one input gives many. */
async function pairWithInputItem(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const item = this.getItemIndex();
	return items.map((entry) => ({ ...entry, pairedItem: { item } }));
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
		// node decides how a request is sent: here, with bounded retries (retry.ts).
		send: {
			paginate: true,
			preSend: [checkBaseUrl, ...(options.preSend ?? [])].map(parkingErrors),
		},
		operations: { pagination: sendWithRetries },
		output: {
			postReceive: [
				throwOnErrorResponse,
				oneItemPerRecord,
				...(options.postReceive ?? []),
				pairWithInputItem,
			],
		},
	};
}
