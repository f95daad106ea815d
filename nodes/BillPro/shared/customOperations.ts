import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	ICredentialsDecrypted,
	IExecutePaginationFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	INodePropertyRouting,
	INodeType,
	PostReceiveAction,
	PreSendAction,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';
import { baseUrlOf } from './api';
import { requestConcurrency } from './concurrency';
import { CREDENTIAL_TYPE } from './transport';

/**
 * Why some operations are n8n custom operations: for every item, n8n's RoutingNode resolves every
 * parameter of the node (in n8n 2.41 twice, each expression in its sandboxed evaluator, ~0.3 ms)
 * and prepares all items before it sends the first request. A bulk create of 1,000 customers then
 * spends most of its time there (bench/results-n8n.md). A custom operation runs the operation's
 * own routing from the description (its preSend functions, request hook and postReceive
 * functions, so the behaviour is the same) item by item: each mapped field is resolved once, and
 * an item is prepared only when a request slot is free, so preparing and sending overlap.
 *
 * Supported routing: `request` (method, url, static body), function preSends, a function request
 * hook (`operations.pagination`) and function postReceives: what operationRouting() builds.
 */

type CustomOperations = NonNullable<INodeType['customOperations']>;

type PostReceiveFunction = (
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
) => Promise<INodeExecutionData[]>;

/** The routing of `operation` of `resource`, as the node description declares it. */
function routingOf(
	properties: INodeProperties[],
	resource: string,
	operation: string,
): INodePropertyRouting {
	const option = properties
		.filter((property) => property.name === 'operation')
		.find((property) => property.displayOptions?.show?.resource?.includes(resource))
		?.options?.find((candidate) => (candidate as INodePropertyOptions).value === operation) as
		| INodePropertyOptions
		| undefined;
	const routing = option?.routing;
	// RoutingNode merges the routing of every field shown (an option's own URL, say); this runner
	// only runs the operation's. Refuse an operation that would lose some.
	const shownHere = (property: INodeProperties) => {
		const show = property.displayOptions?.show;
		return (
			show?.resource?.includes(resource) === true &&
			(show.operation === undefined || show.operation.includes(operation))
		);
	};
	const routedField = properties
		.filter((property) => property.name !== 'operation' && shownHere(property))
		.find(
			(property) =>
				property.routing !== undefined ||
				(property.options ?? []).some((entry) => 'routing' in entry && entry.routing),
		);
	if (routedField) {
		throw new Error(
			`${resource} → ${operation}: '${routedField.displayName}' has routing a custom operation would not run`,
		);
	}
	const functions = (list: unknown[] | undefined) =>
		(list ?? []).every((entry) => typeof entry === 'function');
	if (
		!routing?.request ||
		typeof routing.operations?.pagination !== 'function' ||
		!functions(routing.send?.preSend) ||
		!functions(routing.output?.postReceive)
	) {
		throw new Error(`${resource} → ${operation} has no routing a custom operation can run`);
	}
	return routing;
}

/** What RoutingNode adds from the node's Request Options: timeout, proxy, SSL. */
function requestOptionsOf(run: IExecuteFunctions): Partial<IHttpRequestOptions> {
	const { timeout, proxy, allowUnauthorizedCerts } = run.getNodeParameter(
		'requestOptions',
		0,
		{},
	) as { timeout?: number; proxy?: string; allowUnauthorizedCerts?: boolean };
	const options: Partial<IHttpRequestOptions> = { timeout: timeout || 300_000 };
	if (allowUnauthorizedCerts) options.skipSslCertificateValidation = true;
	if (proxy) {
		let url: URL | undefined;
		try {
			url = new URL(proxy);
		} catch {
			url = undefined;
		}
		if (!url?.hostname || !url.port) {
			throw new NodeOperationError(run.getNode(), 'The proxy is not valid', {
				description: `Request Options → Proxy must be a URL with a host and a port, such as http://proxy.example.com:8080; got '${proxy}'`,
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
	}
	return options;
}

/** The per-item `this` of preSend, request hook and postReceive functions, over the run's. */
function itemContext(
	run: IExecuteFunctions,
	itemIndex: number,
	makeRoutingRequest: IExecutePaginationFunctions['makeRoutingRequest'],
): IExecutePaginationFunctions {
	const context: Partial<IExecutePaginationFunctions> = {
		getNodeParameter: ((name: string, fallback?: unknown, options?: object) =>
			run.getNodeParameter(name, itemIndex, fallback, options)) as never,
		getNode: () => run.getNode(),
		getItemIndex: () => itemIndex,
		getInputData: () => run.getInputData()[itemIndex],
		continueOnFail: () => run.continueOnFail(),
		getWorkflow: () => run.getWorkflow(),
		getExecutionId: () => run.getExecutionId(),
		getCredentials: (async (type: string) => await run.getCredentials(type, itemIndex)) as never,
		evaluateExpression: (expression: string) => run.evaluateExpression(expression, itemIndex),
		helpers: run.helpers as never,
		makeRoutingRequest,
	};
	return context as IExecutePaginationFunctions;
}

/** One item: preSend → request hook (retries, request slot) → postReceive, as RoutingNode runs them. */
async function runItem(
	run: IExecuteFunctions,
	itemIndex: number,
	routing: INodePropertyRouting,
	defaults: IHttpRequestOptions,
	credentials: ICredentialsDecrypted,
): Promise<INodeExecutionData[]> {
	const postReceive = (routing.output?.postReceive ?? []) as PostReceiveAction[];
	const makeRoutingRequest = async (
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> => {
		const request = { ...requestData.options, returnFullResponse: true } as IHttpRequestOptions;
		const response = (await run.helpers.httpRequestWithAuthentication.call(
			run,
			CREDENTIAL_TYPE,
			request,
			{ credentialsDecrypted: credentials },
		)) as IN8nHttpFullResponse;
		let items: INodeExecutionData[] = [{ json: response.body as IDataObject }];
		for (const action of postReceive as PostReceiveFunction[]) {
			items = await action.call(context, items, response);
		}
		return items;
	};
	const context = itemContext(run, itemIndex, makeRoutingRequest);
	const request = routing.request ?? {};
	let options: IHttpRequestOptions = {
		...defaults,
		method: request.method,
		url:
			typeof request.url === 'string' && request.url.startsWith('=')
				? String(run.evaluateExpression(request.url, itemIndex))
				: (request.url ?? ''),
		qs: {},
		headers: { ...defaults.headers },
		body: { ...(request.body as IDataObject | undefined) },
	};
	for (const preSend of (routing.send?.preSend ?? []) as PreSendAction[]) {
		options = await preSend.call(context, options);
	}
	const hook = routing.operations?.pagination as (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	) => Promise<INodeExecutionData[]>;
	return await hook.call(context, {
		options,
		preSend: [],
		postReceive: [],
		requestOperations: {},
	});
}

/**
 * Runs the items through `requestConcurrency` workers, in order. Batching's Batch Interval
 * still spaces batches of Items per Batch apart, as in RoutingNode. As there, every item is run
 * even if one fails; without Continue On Fail the first failed item's error then stops the node.
 */
function customOperation(properties: INodeProperties[], resource: string, operation: string) {
	const routing = routingOf(properties, resource, operation);
	return async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const { batching } = this.getNodeParameter('requestOptions', 0, {}) as {
			batching?: { batch?: { batchSize?: number; batchInterval?: number } };
		};
		const batchSize = Math.max(1, batching?.batch?.batchSize ?? 1);
		const batchInterval = batching?.batch?.batchInterval ?? 0;
		// Read once per run, not once per request (n8n 2.41 reads and decrypts it from its
		// database for every request otherwise). It is also where the base URL comes from.
		const credentials = await this.getCredentials(CREDENTIAL_TYPE);
		const { id, name } = this.getNode().credentials?.[CREDENTIAL_TYPE] ?? { id: null, name: '' };
		const decrypted = { id: id ?? '', name, type: CREDENTIAL_TYPE, data: credentials };
		const defaults: IHttpRequestOptions = {
			url: '',
			// checkBaseUrl (the first preSend) turns a bad Custom URL into a clear item error.
			baseURL: baseUrlOf(credentials),
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			json: true,
			ignoreHttpStatusErrors: true,
			...requestOptionsOf(this),
		};
		const started = Date.now();
		const results: Array<PromiseSettledResult<INodeExecutionData[]>> = new Array(items.length);
		let next = 0;
		const worker = async () => {
			for (let index = next++; index < items.length; index = next++) {
				const batchStart = started + Math.floor(index / batchSize) * batchInterval;
				if (batchInterval > 0 && Date.now() < batchStart) await sleep(batchStart - Date.now());
				try {
					results[index] = {
						status: 'fulfilled',
						value: await runItem(this, index, routing, defaults, decrypted),
					};
				} catch (reason) {
					results[index] = { status: 'rejected', reason };
				}
			}
		};
		const workers = Math.min(
			items.length,
			requestConcurrency(this.getNodeParameter('requestOptions', 0, {})),
		);
		await Promise.all(Array.from({ length: workers }, worker));
		const failed = results.find((result) => result.status === 'rejected');
		if (failed) throw (failed as PromiseRejectedResult).reason;
		return [
			results.flatMap((result) => (result as PromiseFulfilledResult<INodeExecutionData[]>).value),
		];
	};
}

/** The node's `customOperations`: `{ customer: ['create'] }` → n8n's `{ customer: { create } }`. */
export function customOperationsFor(
	properties: INodeProperties[],
	operations: Record<string, string[]>,
): CustomOperations {
	return Object.fromEntries(
		Object.entries(operations).map(([resource, names]) => [
			resource,
			Object.fromEntries(
				names.map((operation) => [operation, customOperation(properties, resource, operation)]),
			),
		]),
	);
}
