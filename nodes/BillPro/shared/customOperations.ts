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
	INodeTypeDescription,
	PostReceiveAction,
	PreSendAction,
} from 'n8n-workflow';
import { NodeHelpers, NodeOperationError, sleep } from 'n8n-workflow';
import { baseUrlOf } from './api';
import { requestConcurrency, stoppedBefore } from './concurrency';
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
 * Supported routing: the operation's `request` without expressions (method, url, body), function
 * preSends, a function request hook (`operations.pagination`) and function postReceives, as
 * operationRouting() builds them, plus field checks (`send.preSend`) and fields whose options each
 * fix part of the request (Order Type's URL).
 */

type CustomOperations = NonNullable<INodeType['customOperations']>;

type PostReceiveFunction = (
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
) => Promise<INodeExecutionData[]>;

/**
 * The routing a custom operation runs, from the node description: the operation's own, plus the
 * two kinds of field routing RoutingNode would merge in for this operation. Each field part
 * applies only when n8n would show the field (RoutingNode's rule too).
 */
interface OperationPlan {
	routing: INodePropertyRouting;
	fields: Array<{
		property: INodeProperties;
		/** A field's own checks (the ID fields' `send.preSend`), run after the operation's. */
		preSend: PreSendAction[];
		/** Options that each fix part of the request (Order Type → its endpoint URL). */
		requests?: Record<string, Partial<IHttpRequestOptions>>;
	}>;
}

/** The plan for one run: the request the shown fields fix, and every preSend in order. */
interface RunPlan {
	routing: INodePropertyRouting;
	request: Partial<IHttpRequestOptions>;
	preSends: PreSendAction[];
}

const functionsOnly = (list: unknown[] | undefined) =>
	(list ?? []).every((entry) => typeof entry === 'function');

/** A request part with no expression in it: the same for every item. */
const isFixed = (request: object | undefined) =>
	Object.values(request ?? {}).every(
		(value) => !(typeof value === 'string' && value.startsWith('=')),
	);

function hasRouting(entry: unknown): boolean {
	if (!entry || typeof entry !== 'object') return false;
	const { routing, options, values } = entry as {
		routing?: unknown;
		options?: unknown;
		values?: unknown;
	};
	return (
		routing !== undefined ||
		[options, values].some((list) => Array.isArray(list) && list.some(hasRouting))
	);
}

/** The field part of the plan, or undefined for routing this runner does not support. */
function fieldPlanOf(property: INodeProperties): OperationPlan['fields'][number] | undefined {
	const { routing } = property;
	if (routing) {
		const onlyPreSend =
			Object.keys(routing).every((key) => key === 'send') &&
			Object.keys(routing.send ?? {}).every((key) => key === 'preSend') &&
			functionsOnly(routing.send?.preSend);
		if (!onlyPreSend || (property.options ?? []).some(hasRouting)) return undefined;
		return { property, preSend: (routing.send?.preSend ?? []) as PreSendAction[] };
	}
	const options = (property.options ?? []) as INodePropertyOptions[];
	const fixedRequests =
		property.type === 'options' &&
		property.noDataExpression === true &&
		options.every(
			(option) =>
				option.routing !== undefined &&
				Object.keys(option.routing).every((key) => key === 'request') &&
				isFixed(option.routing.request),
		);
	if (!fixedRequests) return undefined;
	return {
		property,
		preSend: [],
		requests: Object.fromEntries(
			options.map((option) => [
				String(option.value),
				option.routing?.request as Partial<IHttpRequestOptions>,
			]),
		),
	};
}

/** Refuses an operation with routing the runner would not run: it would behave differently. */
function planOf(properties: INodeProperties[], resource: string, operation: string): OperationPlan {
	const option = properties
		.filter((property) => property.name === 'operation')
		.find((property) => property.displayOptions?.show?.resource?.includes(resource))
		?.options?.find((candidate) => (candidate as INodePropertyOptions).value === operation) as
		| INodePropertyOptions
		| undefined;
	const routing = option?.routing;
	if (
		!routing?.request ||
		!isFixed(routing.request) ||
		typeof routing.operations?.pagination !== 'function' ||
		!functionsOnly(routing.send?.preSend) ||
		!functionsOnly(routing.output?.postReceive)
	) {
		throw new Error(`${resource} → ${operation} has no routing a custom operation can run`);
	}
	const fields: OperationPlan['fields'] = [];
	for (const property of properties) {
		const show = property.displayOptions?.show;
		const forThisOperation =
			property.name !== 'operation' &&
			show?.resource?.includes(resource) === true &&
			(show.operation === undefined || show.operation.includes(operation));
		if (!forThisOperation || !hasRouting(property)) continue;
		const field = fieldPlanOf(property);
		if (!field) {
			throw new Error(
				`${resource} → ${operation}: '${property.displayName}' has routing a custom operation would not run`,
			);
		}
		fields.push(field);
	}
	return { routing, fields };
}

/** The node's Request Options, as n8n adds them to a declarative node. */
interface RequestOptions {
	timeout?: number;
	proxy?: string;
	allowUnauthorizedCerts?: boolean;
	batching?: { batch?: { batchSize?: number; batchInterval?: number } };
}

/** What RoutingNode adds from the node's Request Options: timeout, proxy, SSL. */
function httpOptionsOf(
	run: IExecuteFunctions,
	{ timeout, proxy, allowUnauthorizedCerts }: RequestOptions,
): Partial<IHttpRequestOptions> {
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
		continueOnFail: () => run.continueOnFail(),
		getWorkflow: () => run.getWorkflow(),
		getExecutionId: () => run.getExecutionId(),
		getExecuteData: () => run.getExecuteData(),
		getCredentials: (async (type: string) => await run.getCredentials(type, itemIndex)) as never,
		helpers: run.helpers as never,
		makeRoutingRequest,
	};
	return context as IExecutePaginationFunctions;
}

/** One item: preSend → request hook (retries, request slot) → postReceive, as RoutingNode runs them. */
async function runItem(
	run: IExecuteFunctions,
	itemIndex: number,
	{ routing, request, preSends }: RunPlan,
	defaults: IHttpRequestOptions,
	credentials: ICredentialsDecrypted,
): Promise<INodeExecutionData[]> {
	const postReceive = (routing.output?.postReceive ?? []) as PostReceiveAction[];
	const makeRoutingRequest = async (
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> => {
		const sent = { ...requestData.options, returnFullResponse: true } as IHttpRequestOptions;
		const response = (await run.helpers.httpRequestWithAuthentication.call(
			run,
			CREDENTIAL_TYPE,
			sent,
			{ credentialsDecrypted: credentials },
		)) as IN8nHttpFullResponse;
		let items: INodeExecutionData[] = [{ json: response.body as IDataObject }];
		for (const action of postReceive as PostReceiveFunction[]) {
			items = await action.call(context, items, response);
		}
		return items;
	};
	const context = itemContext(run, itemIndex, makeRoutingRequest);
	let options: IHttpRequestOptions = {
		...defaults,
		method: request.method,
		url: request.url ?? '',
		qs: {},
		headers: { ...(defaults.headers as IDataObject | undefined) },
		body: { ...(request.body as IDataObject | undefined) },
	};
	for (const preSend of preSends) {
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
 * still spaces batches of Items per Batch apart, as in RoutingNode. Without Continue On Fail the
 * first failed item stops the run: no later item starts, and its error stops the node.
 */
function customOperation(description: INodeTypeDescription, resource: string, operation: string) {
	const plan = planOf(description.properties, resource, operation);
	// The node's request defaults (headers, JSON, errors as answers) but its base URL expression.
	const requestDefaults = Object.fromEntries(
		Object.entries(description.requestDefaults ?? {}).filter(([key]) => key !== 'baseURL'),
	) as Partial<IHttpRequestOptions>;
	return async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const node = this.getNode();
		const shown = (property: INodeProperties) =>
			NodeHelpers.displayParameter(node.parameters, property, node, description, node.parameters);
		const fields = plan.fields.filter(({ property }) => shown(property));
		// Fields override the operation's request, and their preSends follow its own, as RoutingNode
		// merges them (in the order of the description). A selector cannot be an expression
		// (noDataExpression), so one value holds for every item.
		const request = { ...plan.routing.request } as Partial<IHttpRequestOptions>;
		for (const { property, requests } of fields) {
			if (requests)
				Object.assign(request, requests[String(this.getNodeParameter(property.name, 0))]);
		}
		const planHere: RunPlan = {
			routing: plan.routing,
			request,
			preSends: [
				...((plan.routing.send?.preSend ?? []) as PreSendAction[]),
				...fields.flatMap((field) => field.preSend),
			],
		};
		const requestOptions = this.getNodeParameter('requestOptions', 0, {}) as RequestOptions;
		const { batching } = requestOptions;
		const batchSize = Math.max(1, batching?.batch?.batchSize ?? 1);
		const batchInterval = batching?.batch?.batchInterval ?? 0;
		// Read once per run, not once per request (n8n 2.41 reads and decrypts it from its
		// database for every request otherwise). It is also where the base URL comes from.
		const credentials = await this.getCredentials(CREDENTIAL_TYPE);
		const { id, name } = node.credentials?.[CREDENTIAL_TYPE] ?? { id: null, name: '' };
		const decrypted = { id: id ?? '', name, type: CREDENTIAL_TYPE, data: credentials };
		const defaults: IHttpRequestOptions = {
			...requestDefaults,
			url: '',
			// The same rule as the requestDefaults' expression, without evaluating it per item.
			// checkBaseUrl (the first preSend) turns a bad Custom URL into a clear item error.
			baseURL: baseUrlOf(credentials),
			...httpOptionsOf(this, requestOptions),
		};
		const started = Date.now();
		const results: Array<PromiseSettledResult<INodeExecutionData[]>> = new Array(items.length);
		let next = 0;
		const worker = async () => {
			for (let index = next++; index < items.length; index = next++) {
				// After a failed item (Continue On Fail off), no later item is prepared or sent.
				if (stoppedBefore(this, index)) return;
				const batchStart = started + Math.floor(index / batchSize) * batchInterval;
				if (batchInterval > 0 && Date.now() < batchStart) await sleep(batchStart - Date.now());
				try {
					results[index] = {
						status: 'fulfilled',
						value: await runItem(this, index, planHere, defaults, decrypted),
					};
				} catch (reason) {
					results[index] = { status: 'rejected', reason };
				}
			}
		};
		const workers = Math.min(items.length, requestConcurrency(requestOptions));
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
	description: INodeTypeDescription,
	operations: Record<string, string[]>,
): CustomOperations {
	return Object.fromEntries(
		Object.entries(operations).map(([resource, names]) => [
			resource,
			Object.fromEntries(
				names.map((operation) => [operation, customOperation(description, resource, operation)]),
			),
		]),
	);
}
