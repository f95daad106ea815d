/**
 * n8n's production webhook endpoint for the BillPro Payment Gateway Trigger. n8n-core runs the
 * node: webhook() in its WebhookContext, the activation lifecycle (checkExists, create, delete)
 * in its HookContext, the content type read by its parseIncomingMessage. The HTTP front around
 * them is n8n's app (webhooks/live-webhooks.js, webhook-helpers.js, middlewares/body-parser.js),
 * which is not published: what of it the node can observe is kept here, and nothing more:
 *   1. the raw body is read as is unless Content-Encoding is gzip or deflate (rawBodyReader: so
 *      `Content-Encoding: UTF-8` changes nothing), then parsed for application/json and
 *      text/plain (parseBody: for a version-1 node whatever the content type, for later
 *      versions for these and a few more);
 *   2. the workflow is read from the database (live-webhooks.js loadWebhookExecutionData; see
 *      databaseRoundTrip), a Workflow is built on the static data read, and the node's
 *      webhook() runs in n8n-core's WebhookContext (webhook.service.js runWebhook);
 *   3. n8n answers: nothing more when the node answered itself (noWebhookResponse), 200 with
 *      webhookResponse when no workflow starts, 200 "Workflow was started" (onReceived) when one
 *      does, 500 when webhook() throws;
 *   4. the static data is saved when it is still marked changed at the response callback
 *      (live-webhooks.js saveStaticData), in n8n's order (see handle). Requests arriving
 *      together have all read the same stored copy by then (step 2), as in n8n: the last save
 *      wins. A new endpoint given the saved static data acts as n8n after a restart.
 * Each endpoint runs in an n8n process of its own (a fresh load of the node's code, so nothing
 * the node keeps in memory carries over) unless it is given another endpoint's `process`, and
 * stores the workflow in a database of its own unless given another endpoint's `database`
 * (processes of one queue-mode set-up).
 */
import { HookContext, WebhookContext, parseIncomingMessage } from 'n8n-core';
import * as n8nWorkflow from 'n8n-workflow';
import {
	NodeHelpers,
	Workflow,
	deepCopy,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
	type WorkflowActivateMode,
	type WorkflowExecuteMode,
} from 'n8n-workflow';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGunzip, createInflate } from 'node:zlib';

import type { BillProGatewayTrigger } from '../../nodes/BillProGatewayTrigger/BillProGatewayTrigger.node';
import { additionalDataWith } from './additionalData';
import './logCapture';

export const GATEWAY_TRIGGER_TYPE = 'n8n-nodes-billpro.billProGatewayTrigger';
const NODE_NAME = 'BillPro Payment Gateway Trigger';
const WEBHOOK_ID = '5d2f6c1e-0000-4000-8000-00000000b111';

/** One n8n process: the node's code as that process loaded it. */
export interface N8nProcess {
	trigger: BillProGatewayTrigger;
}

/**
 * A new n8n process: the node's modules loaded afresh (jest's isolated registry), sharing this
 * one's n8n-workflow as n8n's node loader does.
 */
export function newN8nProcess(): N8nProcess {
	let loaded: typeof import('../../nodes/BillProGatewayTrigger/BillProGatewayTrigger.node');
	jest.doMock('n8n-workflow', () => n8nWorkflow);
	jest.isolateModules(() => {
		loaded = jest.requireActual('../../nodes/BillProGatewayTrigger/BillProGatewayTrigger.node');
	});
	jest.dontMock('n8n-workflow');
	return { trigger: new loaded!.BillProGatewayTrigger() };
}

export interface TriggerOptions {
	/** The credential's Decryption Key. */
	key: string;
	/** The Events parameter; the node's default when absent. */
	events?: string[];
	/** Static data as saved by an earlier endpoint (a restart); none by default. */
	staticData?: IDataObject;
	/**
	 * The database the workflow is stored in, e.g. another endpoint's (n8n processes of one
	 * queue-mode set-up); a new one, holding `staticData`, by default.
	 */
	database?: WorkflowDatabase;
	/** 'webhook' (an active workflow's Production URL) or 'manual' (Listen for test event). */
	mode?: WorkflowExecuteMode;
	/** The n8n process to run in, e.g. another endpoint's; a new one by default. */
	process?: N8nProcess;
	/** The node's version in the workflow; the node's default version by default. */
	typeVersion?: number;
}

export interface TriggerCall {
	status: number;
	/** What n8n answered, as text. */
	answer: string;
	/** The items a workflow was started with; undefined when none started. */
	items?: INodeExecutionData[];
	/** What webhook() threw (n8n then answers 500 and records a failed execution). */
	error?: Error;
}

/** Where n8n stores the workflow: only its static data matters here. */
export interface WorkflowDatabase {
	staticData: IDataObject;
}

export interface TriggerEndpoint {
	url: string;
	process: N8nProcess;
	database: WorkflowDatabase;
	calls: TriggerCall[];
	/** Items of every workflow started, in order. */
	startedItems(): INodeExecutionData[];
	/** The static data as n8n would have saved it (a copy). */
	savedStaticData(): IDataObject;
	/** Runs the activation lifecycle as n8n does when the workflow is published. */
	activate(activation?: WorkflowActivateMode): Promise<void>;
	/** n8n's deactivation: the lifecycle's delete. */
	deactivate(): Promise<void>;
	close(): Promise<void>;
}

export async function startTriggerEndpoint(options: TriggerOptions): Promise<TriggerEndpoint> {
	const mode = options.mode ?? 'webhook';
	const n8nProcess = options.process ?? newN8nProcess();
	const { trigger } = n8nProcess;
	const nodeTypes: INodeTypes = {
		getByName: () => trigger,
		getByNameAndVersion: () => trigger as INodeType,
		getKnownTypes: () => ({}),
	};
	const database = options.database ?? { staticData: deepCopy(options.staticData ?? {}) };
	const calls: TriggerCall[] = [];
	const node: INode = {
		id: 'gateway-trigger',
		name: NODE_NAME,
		type: GATEWAY_TRIGGER_TYPE,
		typeVersion: options.typeVersion ?? (trigger.description.defaultVersion as number),
		position: [0, 0],
		webhookId: WEBHOOK_ID,
		parameters: options.events ? { events: options.events } : {},
		credentials: { billProGatewayApi: { id: 'gateway', name: 'BillPro Payment Gateway' } },
	};
	const credentials: ICredentialDataDecryptedObject = { secretKey: options.key };
	/** Over `staticData` itself, not a copy: n8n's runs share one object, as here. */
	const newWorkflow = (staticData: IDataObject = deepCopy(database.staticData)) =>
		new Workflow({
			id: 'gateway-workflow',
			name: 'Payment gateway notifications',
			nodes: [deepCopy(node)],
			connections: {},
			active: mode === 'webhook',
			nodeTypes,
			staticData,
			settings: { executionOrder: 'v1' },
		});
	/** live-webhooks.js saves after answering, and only what changed; manual runs save nothing. */
	const saveIfChanged = (workflow: Workflow) => {
		if (mode === 'webhook' && workflow.staticData.__dataChanged === true) {
			database.staticData = deepCopy(workflow.staticData);
		}
	};

	const server = createServer((req, res) => {
		void handle(req, res).catch((error: Error) => {
			if (!res.headersSent) res.writeHead(500).end();
			calls.push({ status: 500, answer: '', error });
		});
	});

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const request = await n8nRequest(req);
		if ('refused' in request) {
			sendJson(res, 422, { message: request.refused });
			calls.push({ status: 422, answer: request.refused });
			return;
		}
		const staticData = deepCopy(database.staticData);
		await databaseRoundTrip();
		const workflow = newWorkflow(staticData);
		const workflowNode = workflow.getNode(NODE_NAME) as INode;
		const additionalData = additionalDataFor(credentials, request.req, res);
		const webhookData = webhookDataFor(trigger, workflow, workflowNode, additionalData);
		const context = new WebhookContext(
			workflow,
			workflowNode,
			additionalData,
			mode,
			webhookData,
			[],
			null,
		);
		const written = recordWrites(res);
		let result: IWebhookResponseData;
		try {
			result = await trigger.webhook.call(context);
		} catch (error) {
			const answer = { message: 'Workflow Webhook Error: Workflow could not be started!' };
			sendJson(res, 500, answer);
			calls.push({ status: 500, answer: JSON.stringify(answer), error: error as Error });
			return;
		}
		// webhook-helpers.js, in its order: a node that answered itself is reported at once (and
		// live-webhooks.js saves the static data then); a run starts, and WorkflowRunner first
		// builds a Workflow over the same static data (workflow-runner.js
		// establishContextForPersistence), which clears its "changed" flag; only then does
		// onReceived answer, and live-webhooks.js save what is still marked changed.
		if (result.noWebhookResponse) saveIfChanged(workflow);
		if (result.workflowData) newWorkflow(staticData);
		const call = answerAsN8n(result, res);
		if (!result.noWebhookResponse) saveIfChanged(workflow);
		calls.push({ ...call, answer: written() });
	}

	const lifecycle = async (
		method: 'checkExists' | 'create' | 'delete',
		activation: WorkflowActivateMode,
	) => {
		const workflow = newWorkflow();
		const workflowNode = workflow.getNode(NODE_NAME) as INode;
		const additionalData = additionalDataFor(credentials);
		const webhookData = webhookDataFor(trigger, workflow, workflowNode, additionalData);
		const context = new HookContext(
			workflow,
			workflowNode,
			additionalData,
			mode,
			activation,
			webhookData,
		);
		const result = await trigger.webhookMethods.default[method].call(context);
		saveIfChanged(workflow);
		return result;
	};

	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook/${WEBHOOK_ID}/webhook`,
		process: n8nProcess,
		calls,
		startedItems: () => calls.flatMap((call) => call.items ?? []),
		database,
		savedStaticData: () => deepCopy(database.staticData),
		async activate(activation = 'activate') {
			// ActiveWorkflowManager: create only when checkExists says the webhook is not there.
			if (!(await lifecycle('checkExists', activation))) await lifecycle('create', activation);
		},
		async deactivate() {
			await lifecycle('delete', 'activate');
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

/** The node's own answer is already written; otherwise n8n's (webhook-helpers.js). */
function answerAsN8n(
	result: IWebhookResponseData,
	res: ServerResponse,
): { status: number; items?: INodeExecutionData[] } {
	const items = result.workflowData?.[0];
	if (result.noWebhookResponse) return { status: res.statusCode, items };
	if (result.workflowData === undefined) {
		sendJson(res, 200, result.webhookResponse ?? { message: 'Webhook call received' });
		return { status: 200 };
	}
	sendJson(res, 200, { message: 'Workflow was started' });
	return { status: 200, items: items ?? [] };
}

type ParsedRequest = IncomingMessage & {
	rawBody?: Buffer;
	body?: unknown;
	contentType?: string;
	encoding?: BufferEncoding;
};

/** n8n's rawBodyReader + parseBody, for the content types a gateway sends. */
async function n8nRequest(
	req: IncomingMessage,
): Promise<{ req: ParsedRequest } | { refused: string }> {
	const parsed = req as ParsedRequest;
	parseIncomingMessage(parsed);
	const encoding = req.headers['content-encoding'];
	const stream =
		encoding === 'gzip'
			? req.pipe(createGunzip())
			: encoding === 'deflate'
				? req.pipe(createInflate())
				: req;
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	parsed.rawBody = Buffer.concat(chunks);
	if (parsed.rawBody.length > 0) {
		const text = parsed.rawBody.toString(parsed.encoding ?? 'utf8');
		if (parsed.contentType === 'application/json') {
			try {
				parsed.body = JSON.parse(text);
			} catch {
				// n8n answers UnprocessableRequestError: the node never sees the request.
				return { refused: 'Failed to parse request body' };
			}
		} else if (parsed.contentType === 'text/plain') {
			parsed.body = text;
		}
	}
	return { req: parsed };
}

/** n8n's additional data for the trigger; the webhook's request and response when it has them. */
const additionalDataFor = (
	credentials: ICredentialDataDecryptedObject,
	httpRequest?: IncomingMessage,
	httpResponse?: ServerResponse,
) =>
	additionalDataWith({ billProGatewayApi: credentials }, {
		httpRequest,
		httpResponse,
	} as Partial<IWorkflowExecuteAdditionalData>);

/** The node's webhook as n8n's app registers it (n8n-workflow publishes only its path). */
function webhookDataFor(
	trigger: BillProGatewayTrigger,
	workflow: Workflow,
	node: INode,
	additionalData: IWorkflowExecuteAdditionalData,
): IWebhookData {
	const [description] = trigger.description.webhooks ?? [];
	return {
		httpMethod: 'POST',
		node: node.name,
		path: NodeHelpers.getNodeWebhookPath(workflow.id, node, description.path),
		webhookDescription: description,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
		webhookId: node.webhookId,
	};
}

/**
 * n8n's read of the workflow: its answer is what was stored when the query ran, and comes a few
 * milliseconds later (n8n loads the workflow, its published version and sharing, then builds
 * the additional data, before the node runs). Requests arriving within that time all read the
 * same copy; saves land at once here, the most favourable case for the node.
 */
const databaseRoundTrip = () => new Promise<void>((resolve) => setTimeout(resolve, 10));

function sendJson(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
	res.end(JSON.stringify(body));
}

/** Keeps what is written to `res` (by the node or by n8n); call the result to read it. */
function recordWrites(res: ServerResponse): () => string {
	const chunks: Buffer[] = [];
	const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
	res.end = ((...args: unknown[]) => {
		const [chunk] = args;
		if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) chunks.push(Buffer.from(chunk));
		return end(...args);
	}) as ServerResponse['end'];
	return () => Buffer.concat(chunks).toString('utf8');
}
