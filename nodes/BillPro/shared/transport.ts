import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import { baseUrlOf, endpointPath, ENDPOINTS, isHttpBaseUrl, type EndpointName } from './api';
import { NodeOperationError } from 'n8n-workflow';
import { withRequestSlot } from './concurrency';
import { billProError } from './errors';
import { withRetries } from './retry';

export const CREDENTIAL_TYPE = 'billProApi';

/**
 * A BillPro request made from code (list search, reading a customer before an update), with the
 * same authentication and the same clear errors as the node's declarative requests.
 */
export async function billProRequest(
	this: IExecuteSingleFunctions | ILoadOptionsFunctions,
	endpoint: EndpointName,
	options: { id?: string | number; qs?: IDataObject; resource: string },
): Promise<unknown> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const baseURL = baseUrlOf(credentials);
	if (!isHttpBaseUrl(baseURL)) {
		throw new NodeOperationError(
			this.getNode(),
			"The BillPro credential's Custom URL must start with http:// or https://",
			{
				description:
					'Open the credential and enter the API base URL, such as https://app.bill.pro/api/v1.',
			},
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
		if (response.statusCode >= 400) {
			throw billProError(this.getNode(), response, itemIndex, options.resource);
		}
		return response;
	};
	// The same retries as the node's routed requests; inside an item, the same request slots.
	const response = await withRetries(this, request.method ?? 'GET', options.resource, async () =>
		'getItemIndex' in this ? await withRequestSlot(this, send) : await send(),
	);
	return response.body;
}
