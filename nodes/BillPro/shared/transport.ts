import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import { baseUrlOf, endpointPath, ENDPOINTS, type EndpointName } from './api';
import { NodeOperationError } from 'n8n-workflow';
import { withRequestSlot } from './concurrency';
import { recordsOfAnswer } from './answers';
import { billProError, isFailedAnswer } from './errors';
import { withRetries } from './retry';

export { CREDENTIAL_TYPE } from './requestPolicy';
import { baseUrlProblem, CREDENTIAL_TYPE, DEFAULT_TIMEOUT_MS } from './requestPolicy';

/** The node's Request Options → Timeout, as RoutingNode applies it to routed requests. */
function timeoutOf(context: IExecuteSingleFunctions | ILoadOptionsFunctions): number {
	try {
		const { timeout } = (context.getNodeParameter('requestOptions', {}) ?? {}) as {
			timeout?: unknown;
		};
		return typeof timeout === 'number' && timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS;
	} catch {
		return DEFAULT_TIMEOUT_MS;
	}
}

/**
 * A BillPro request made from code (list search, reading a customer before an update), with the
 * same authentication, retries, answer-shape check and clear errors as the node's declarative
 * requests. A list endpoint gives its records, any other the record.
 */
export async function billProRequest(
	this: IExecuteSingleFunctions | ILoadOptionsFunctions,
	endpoint: EndpointName,
	options: { id?: string | number; qs?: IDataObject; resource: string },
): Promise<IDataObject | IDataObject[]> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const baseURL = baseUrlOf(credentials);
	const wrongUrl = baseUrlProblem(baseURL);
	if (wrongUrl) {
		throw new NodeOperationError(
			this.getNode(),
			`The BillPro credential's Custom URL ${wrongUrl.problem}`,
			{ description: wrongUrl.howToFix },
		);
	}
	const request: IHttpRequestOptions = {
		method: ENDPOINTS[endpoint].method,
		baseURL,
		url: endpointPath(
			endpoint,
			options.id === undefined ? undefined : encodeURIComponent(options.id),
		),
		qs: options.qs,
		headers: { Accept: 'application/json' },
		json: true,
		timeout: timeoutOf(this),
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	const itemIndex = 'getItemIndex' in this ? this.getItemIndex() : 0;
	const send = async () => {
		const response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			request,
		)) as IN8nHttpFullResponse;
		if (isFailedAnswer(response)) {
			throw billProError(this.getNode(), response, itemIndex, options.resource);
		}
		return response;
	};
	// The same retries as the node's routed requests; inside an item, the same request slots.
	const response = await withRetries(this, request.method ?? 'GET', options.resource, async () =>
		'getItemIndex' in this ? await withRequestSlot(this, send) : await send(),
	);
	// The shape its endpoint answers with, as on every other path (answers.ts).
	const records = recordsOfAnswer(this.getNode(), response, itemIndex, endpoint, options.resource);
	return ENDPOINTS[endpoint].answers === 'list' ? records : records[0];
}
