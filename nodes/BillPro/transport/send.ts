import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IPollFunctions,
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { baseUrlOf, endpointPath, ENDPOINTS, type EndpointName } from '../shared/api';
import { recordsOfAnswer } from './answers';
import { blockedByN8nError } from './blockedByN8n';
import { billProError, isFailedAnswer } from './errors';
import type { ItemContext } from '../shared/itemContext';
import { CREDENTIAL_TYPE, DEFAULT_TIMEOUT_MS, requireBaseUrl } from './policy';
import { profileIdOverride, withProfileOverride } from './profile';
import { withRetries } from './retries';

export { CREDENTIAL_TYPE } from './policy';

/** The node's Request Options, as n8n adds them to a declarative node. */
export interface RequestOptions {
	timeout?: number;
	proxy?: string;
	allowUnauthorizedCerts?: boolean;
	batching?: { batch?: { batchSize?: number; batchInterval?: number } };
}

/** One request to BillPro, as an operation, a list walk or a poll sends it (sendToBillPro, bound). */
export type BillProRequest = (
	endpoint: EndpointName,
	call: BillProCall,
) => Promise<IDataObject | IDataObject[]>;

/** n8n's helper that sends a request with the BillPro credential, as the caller has it. */
export type SendWithCredential = (request: IHttpRequestOptions) => Promise<IN8nHttpFullResponse>;

export interface BillProCall {
	/** The path's `{id}`; `path` fills any other `{…}` segment (a scheduled payment's `{orderId}`). */
	id?: string | number;
	path?: Record<string, string | number>;
	qs?: IDataObject;
	body?: IDataObject;
	/** Which record the request is about, for its errors ('customer', 'order'…). */
	resource: string;
}

type Caller = ItemContext | ILoadOptionsFunctions;

const isItem = (context: Caller): context is ItemContext => 'getItemIndex' in context;

function requestOptionsParameter(context: Caller): unknown {
	try {
		return context.getNodeParameter('requestOptions', {}) ?? {};
	} catch {
		return {};
	}
}

/** What RoutingNode adds from the node's Request Options to a routed request: timeout, proxy, SSL. */
function httpOptionsOf(
	context: Caller,
	{ timeout, proxy, allowUnauthorizedCerts }: RequestOptions,
): Partial<IHttpRequestOptions> {
	const options: Partial<IHttpRequestOptions> = {
		timeout: typeof timeout === 'number' && timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS,
	};
	if (allowUnauthorizedCerts === true) options.skipSslCertificateValidation = true;
	if (!proxy) return options;
	let url: URL | undefined;
	try {
		url = new URL(proxy);
	} catch {
		url = undefined;
	}
	if (!url?.hostname || !url.port) {
		throw new NodeOperationError(context.getNode(), 'The proxy is not valid', {
			// Not the value itself: a proxy URL can carry a password.
			description:
				'Request Options → Proxy must be a URL with a host and a port, such as http://proxy.example.com:8080',
		});
	}
	options.proxy = {
		host: url.hostname,
		port: Number(url.port),
		protocol: url.protocol.replace(/:$/, ''),
		...(url.username
			? {
					auth: {
						username: decodeURIComponent(url.username),
						password: decodeURIComponent(url.password),
					},
				}
			: {}),
	};
	return options;
}

/** The path's `{…}` segments, each encoded. */
function pathSegments({ id, path }: BillProCall): Record<string, string> {
	const segments = { ...path, ...(id === undefined ? {} : { id }) };
	return Object.fromEntries(
		Object.entries(segments).map(([segment, value]) => [segment, encodeURIComponent(value)]),
	);
}

/**
 * A BillPro request made from code: the creates run over many items, the list searches, the read
 * before an update. The same rules as a routed request: the credential's request policy, the
 * node's Request Options, retries, request slots inside an item, BillPro's errors made clear, and
 * the answer's shape checked. A list endpoint gives its records, any other the record.
 */
export async function sendToBillPro(
	context: Caller,
	credentials: ICredentialDataDecryptedObject,
	send: SendWithCredential,
	endpoint: EndpointName,
	options: BillProCall,
): Promise<IDataObject | IDataObject[]> {
	const { method } = ENDPOINTS[endpoint];
	const baseURL = baseUrlOf(credentials);
	requireBaseUrl(context, baseURL);
	const requestOptions = requestOptionsParameter(context) as RequestOptions;
	const request: IHttpRequestOptions = {
		method,
		baseURL,
		url: endpointPath(endpoint, pathSegments(options)),
		qs: withProfileOverride(
			options.qs,
			profileIdOverride(
				context.getNode(),
				requestOptions,
				isItem(context) ? context.getItemIndex() : undefined,
			),
		),
		headers: {
			Accept: 'application/json',
			...(options.body ? { 'Content-Type': 'application/json' } : {}),
		},
		...(options.body ? { body: options.body } : {}),
		json: true,
		...httpOptionsOf(context, requestOptions),
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	const itemIndex = isItem(context) ? context.getItemIndex() : 0;
	const attempt = async () => {
		const response = await send(request).catch((error: unknown) => {
			const host = new URL(baseURL).hostname;
			throw blockedByN8nError(context.getNode(), error, host, itemIndex) ?? error;
		});
		if (isFailedAnswer(response)) {
			throw billProError(context.getNode(), response, itemIndex, options.resource);
		}
		// Inside the retries, as on a routed request: an answer that is not JSON is retried on a read.
		return recordsOfAnswer(context.getNode(), response, itemIndex, endpoint, options.resource);
	};
	const withTries = async () => await withRetries(context, method, options.resource, attempt);
	const records = await withTries();
	return ENDPOINTS[endpoint].answers === 'list' ? records : records[0];
}

/** sendToBillPro with the caller's own credential and helper (list searches, the read before Update). */
export async function billProRequest(
	this: IExecuteSingleFunctions | ILoadOptionsFunctions,
	endpoint: EndpointName,
	options: BillProCall,
): Promise<IDataObject | IDataObject[]> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const send: SendWithCredential = async (request) =>
		(await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			request,
		)) as IN8nHttpFullResponse;
	return await sendToBillPro(this, credentials, send, endpoint, options);
}

/** A node run, a Get Many's item or a trigger's poll: what sends many requests with one credential read. */
type Run = IExecuteFunctions | IExecuteSingleFunctions | IPollFunctions;

/**
 * n8n's helper that sends with `credentials`, read once by the caller: n8n would otherwise read
 * and decrypt the credential again for every request (bench/README.md).
 */
export function sendingWith(
	run: Run,
	credentials: ICredentialDataDecryptedObject,
): SendWithCredential {
	const { id, name } = run.getNode().credentials?.[CREDENTIAL_TYPE] ?? { id: null, name: '' };
	const credentialsDecrypted = { id: id ?? '', name, type: CREDENTIAL_TYPE, data: credentials };
	return async (request) =>
		(await run.helpers.httpRequestWithAuthentication.call(run, CREDENTIAL_TYPE, request, {
			credentialsDecrypted,
		})) as IN8nHttpFullResponse;
}
