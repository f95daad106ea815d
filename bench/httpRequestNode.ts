/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- benchmark tooling, never published (not in package.json "files") */
/**
 * n8n's HTTP Request node (n8n-nodes-base.httpRequest, v4.2) run through the same engine as the
 * BillPro node: n8n-core's WorkflowExecute with a node-types registry that holds it.
 *
 * n8n-nodes-base cannot be a devDependency of this package: its `xlsx` dependency is a tarball on
 * cdn.sheetjs.com (unreachable here, so `npm i -D n8n-nodes-base@2.11.2` fails with ENOTFOUND),
 * which n8n's own install replaces with an `overrides` entry, and it adds ~600 MB. It lives in
 * bench/http-request-node/ instead (its own package.json, override and lockfile), installed on
 * the first benchmark run. As in n8n, the node uses the host's n8n-workflow: requests for
 * n8n-workflow / n8n-core from inside that folder resolve to this package's copies.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeParameters,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { createRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';

import { additionalDataFor } from '../test/harness/workflow';
import { SINGLE_PROFILE_TOKEN } from '../sandbox/config';
import { credentialsFor } from './nodeClients';
import { LIST_PATH, type ListResource } from './rawClients';

export const HTTP_NODE_DIR = path.join(__dirname, 'http-request-node');
const PROJECT_ROOT = path.join(__dirname, '..');
const NODES_BASE = path.join(HTTP_NODE_DIR, 'node_modules', 'n8n-nodes-base');
const HTTP_REQUEST_TYPE = 'n8n-nodes-base.httpRequest';
export const HTTP_REQUEST_VERSION = 4.2;

export interface HttpNodeInfo {
	available: boolean;
	version?: string;
	/** Why it is not available, or how it was installed. */
	note: string;
}

/** Installs bench/http-request-node from its lockfile if it is missing (once, ~1 min, ~600 MB). */
export function ensureHttpRequestNode(install: boolean, log: (line: string) => void): HttpNodeInfo {
	const manifest = path.join(NODES_BASE, 'package.json');
	let note = `n8n-nodes-base installed in ${path.relative(PROJECT_ROOT, HTTP_NODE_DIR)}/`;
	if (!existsSync(manifest)) {
		if (!install) {
			return {
				available: false,
				note: `n8n-nodes-base is not installed in ${path.relative(PROJECT_ROOT, HTTP_NODE_DIR)}/ and --no-install was given`,
			};
		}
		log('Installing n8n-nodes-base into bench/http-request-node (once; about a minute) …');
		try {
			execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], {
				cwd: HTTP_NODE_DIR,
				stdio: ['ignore', 'ignore', 'pipe'],
			});
		} catch (error) {
			const stderr = String((error as { stderr?: Buffer }).stderr ?? error).slice(-600);
			return { available: false, note: `npm ci in bench/http-request-node failed: ${stderr}` };
		}
		note += ' (installed by this run)';
	}
	const version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
	return { available: true, version, note };
}

let hookInstalled = false;

/** n8n-workflow / n8n-core required from the HTTP Request node's folder → this package's copies. */
function shareHostLibraries(): void {
	if (hookInstalled) return;
	hookInstalled = true;
	type Resolve = (
		request: string,
		parent: { filename?: string } | undefined,
		...rest: unknown[]
	) => string;
	const moduleInternals = Module as unknown as { _resolveFilename: Resolve };
	const original = moduleInternals._resolveFilename;
	moduleInternals._resolveFilename = function (request, parent, ...rest) {
		const shared = /^n8n-(workflow|core)(\/|$)/.test(request);
		if (shared && parent?.filename?.startsWith(HTTP_NODE_DIR)) {
			return require.resolve(request, { paths: [PROJECT_ROOT] });
		}
		return original.call(this, request, parent, ...rest);
	};
}

let nodeTypes: INodeTypes | undefined;

function httpNodeTypes(): INodeTypes {
	if (nodeTypes) return nodeTypes;
	shareHostLibraries();
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { HttpRequest } = require(
		path.join(NODES_BASE, 'dist/nodes/HttpRequest/HttpRequest.node.js'),
	) as {
		HttpRequest: new () => IVersionedNodeType;
	};
	const instances: Record<string, INodeType | IVersionedNodeType> = {
		[HTTP_REQUEST_TYPE]: new HttpRequest(),
	};
	nodeTypes = {
		getByName: (type) => instances[type],
		getByNameAndVersion: (type, version) =>
			NodeHelpers.getVersionedNodeType(instances[type], version),
		getKnownTypes: () => ({}),
	};
	return nodeTypes;
}

/** Loads the node (timed by the caller as part of setup, not of a run). */
export function loadHttpRequestNode(): void {
	httpNodeTypes();
}

/** The sandbox token as a bearer header (no n8n credential), JSON answers. */
const AUTH_HEADERS: INodeParameters = {
	sendHeaders: true,
	specifyHeaders: 'keypair',
	headerParameters: {
		parameters: [
			{ name: 'Authorization', value: `Bearer ${SINGLE_PROFILE_TOKEN}` },
			{ name: 'Accept', value: 'application/json' },
		],
	},
};

/**
 * GET <list> with the node's pagination: query parameter `page` = {{ $pageCount + 1 }}, complete
 * when the response is empty; the bearer token as a header (no credential), JSON response.
 */
export function httpRequestParameters(baseUrl: string, resource: ListResource): INodeParameters {
	return {
		method: 'GET',
		url: `${baseUrl}${LIST_PATH[resource]}`,
		authentication: 'none',
		...AUTH_HEADERS,
		options: {
			pagination: {
				pagination: {
					paginationMode: 'updateAParameterInEachRequest',
					parameters: {
						parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }],
					},
					paginationCompleteWhen: 'responseIsEmpty',
					limitPagesFetched: false,
					requestInterval: 0,
				},
			},
		},
	};
}

/**
 * POST /customers for every input item, as a user maps fields in the HTTP Request node: the
 * nested body as one JSON expression, `batchSize` items per batch (Options → Batching).
 */
export function httpCreateParameters(baseUrl: string, batchSize: number): INodeParameters {
	return {
		method: 'POST',
		url: `${baseUrl}${LIST_PATH.customer}`,
		authentication: 'none',
		...AUTH_HEADERS,
		sendBody: true,
		contentType: 'json',
		specifyBody: 'json',
		jsonBody:
			'={{ JSON.stringify({ customer: { first_name: $json.first, last_name: $json.last, email: $json.email } }) }}',
		options: { batching: { batch: { batchSize, batchInterval: 0 } } },
	};
}

/**
 * The same create mapped as the BillPro workflow maps it: three body fields, each its own
 * expression (`customer.first_name` = `{{ $json.first }}`, …; v4 builds the nested body from
 * the dotted names), and Batching with a Batch Interval: the node pauses `batchInterval` ms
 * after every `batchSize` items, its only way to keep fewer requests in flight.
 */
export function httpFairCreateParameters(
	baseUrl: string,
	batchSize: number,
	batchInterval: number,
): INodeParameters {
	return {
		method: 'POST',
		url: `${baseUrl}${LIST_PATH.customer}`,
		authentication: 'none',
		...AUTH_HEADERS,
		sendBody: true,
		contentType: 'json',
		specifyBody: 'keypair',
		bodyParameters: {
			parameters: [
				{ name: 'customer.first_name', value: '={{ $json.first }}' },
				{ name: 'customer.last_name', value: '={{ $json.last }}' },
				{ name: 'customer.email', value: '={{ $json.email }}' },
			],
		},
		options: { batching: { batch: { batchSize, batchInterval } } },
	};
}

/** One workflow run: the HTTP Request node as the start node, fed one empty item. */
export async function httpRequestReturnAll(
	baseUrl: string,
	resource: ListResource,
): Promise<IDataObject[]> {
	const node: INode = {
		id: 'http',
		name: 'HTTP Request',
		type: HTTP_REQUEST_TYPE,
		typeVersion: HTTP_REQUEST_VERSION,
		position: [0, 0],
		parameters: httpRequestParameters(baseUrl, resource),
	};
	const workflowData = {
		id: 'bench-http',
		name: 'HTTP Request bench',
		nodes: [node],
		connections: {},
		active: false,
	};
	const workflow = new Workflow({
		...workflowData,
		nodeTypes: httpNodeTypes(),
		settings: { executionOrder: 'v1' },
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'bench-http-execution', {
		...workflowData,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	});
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: workflow.getNode(node.name) as INode,
					data: { main: [[{ json: {} }]] },
					source: null,
				},
			],
		},
	});
	const run = await new WorkflowExecute(
		// The harness's additionalData; the HTTP Request node uses no credential.
		additionalDataFor(credentialsFor(baseUrl), hooks),
		'manual',
		runExecutionData,
	).processRunExecutionData(workflow);
	const { runData, error } = run.data.resultData;
	if (error) throw new Error(`HTTP Request node ${resource} failed: ${error.message}`);
	const tasks = runData[node.name] ?? [];
	const items = tasks[tasks.length - 1]?.data?.main?.[0] ?? [];
	return items.map((item) => item.json);
}
