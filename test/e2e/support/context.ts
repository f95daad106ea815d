/**
 * What the e2e tests share: the running n8n and sandbox started by globalSetup (described by a
 * JSON file, since jest runs the tests in their own module registry), and helpers to run
 * workflows through n8n, talk to n8n's REST API and read the sandbox's state.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import {
	importWorkflows,
	n8nCli,
	OWNER,
	parseRawOutput,
	type N8nOptions,
	type N8nRun,
} from '../../../scripts/lib/n8n';
import { freePort } from '../../../scripts/lib/proc';
import { N8nRest } from '../../../scripts/lib/rest';
import type { N8nLineName } from '../../../scripts/lib/runtime';
import { SANDBOX_CREDENTIAL, type ExampleWorkflow, type Stack } from '../../../scripts/lib/stack';
import type { QueueContext } from '../../e2e-queue/support/queueContext';
import { runThroughQueue } from '../../e2e-queue/support/runThroughQueue';
import { endpointPath, QUERY, type EndpointName } from '../../../nodes/BillPro/shared/api';
import { SINGLE_PROFILE_TOKEN, type RequestLogEntry } from '../../../sandbox';

export const CONTEXT_ENV = 'BILLPRO_E2E_CONTEXT';

export interface E2eContext {
	/** The n8n that runs (BILLPRO_N8N_VERSION), e.g. 2.41.1, and its line, e.g. 2.41. */
	n8nVersion: string;
	n8nLine: N8nLineName;
	n8nUrl: string;
	n8nOptions: N8nOptions;
	sandboxUrl: string;
	sandboxBaseUrl: string;
	workDir: string;
	logDir: string;
	packageName: string;
	packageVersion: string;
	tarball: string;
	credential: { id: string; name: string; type: string };
	examples: ExampleWorkflow[];
	/** The n8n server's changed settings (scripts/lib/n8nSettings.ts): empty with n8n's defaults. */
	n8nSettings: Record<string, string>;
	/** Settings only `n8n execute` runs get (executeWorkflow): the expression engine. */
	executeEnv: Record<string, string>;
	/** Queue mode (npm run test:e2e:queue): workflows run on its workers, see runThroughQueue. */
	queue?: QueueContext;
}

/**
 * Writes the context of a started stack for the tests (globalSetup), and points them at it.
 * Returns the file.
 */
export function saveE2eContext(stack: Stack, workDir: string, queue?: QueueContext): string {
	const context: E2eContext = {
		n8nVersion: stack.runtime.n8nVersion,
		n8nLine: stack.runtime.n8nLine,
		n8nUrl: stack.n8n.url,
		n8nOptions: stack.n8nOptions,
		sandboxUrl: stack.sandbox.url,
		sandboxBaseUrl: stack.sandbox.baseUrl,
		workDir,
		logDir: stack.logDir,
		packageName: stack.packageName,
		packageVersion: stack.packageVersion,
		tarball: stack.tarball,
		credential: SANDBOX_CREDENTIAL,
		examples: stack.examples,
		n8nSettings: stack.serverEnv,
		executeEnv: stack.executeEnv,
		queue,
	};
	const contextFile = path.join(workDir, 'context.json');
	writeFileSync(contextFile, JSON.stringify(context, null, 2));
	process.env[CONTEXT_ENV] = contextFile;
	return contextFile;
}

let cached: E2eContext | undefined;

export function e2e(): E2eContext {
	if (cached) return cached;
	const file = process.env[CONTEXT_ENV];
	if (!file) throw new Error(`${CONTEXT_ENV} is not set: run the e2e tests with npm run test:e2e`);
	cached = JSON.parse(readFileSync(file, 'utf8')) as E2eContext;
	return cached;
}

/**
 * What n8n itself does on each line it runs on: the expectation for the line that runs. Every
 * line must be named, so a test states each line's behaviour (see docs/n8n-app.md).
 */
export function perN8nLine<T>(expected: Record<N8nLineName, T>): T {
	return expected[e2e().n8nLine];
}

export function example(slug: string): ExampleWorkflow {
	const found = e2e().examples.find((candidate) => candidate.slug === slug);
	if (!found) throw new Error(`No example workflow examples/${slug}.json`);
	return found;
}

export interface WorkflowJson {
	id: string;
	name: string;
	nodes: Array<{
		name: string;
		type: string;
		parameters: Record<string, unknown>;
		[key: string]: unknown;
	}>;
	[key: string]: unknown;
}

/** An example's workflow JSON, e.g. to patch test data into it before importWorkflow(). */
export function exampleJson(slug: string): WorkflowJson {
	return JSON.parse(readFileSync(example(slug).file, 'utf8')) as WorkflowJson;
}

/**
 * Imports a workflow, or several at once, into the running n8n (`n8n import:workflow`): one with
 * the same id is replaced. Ids longer than n8n 1.x keeps static data for are refused.
 */
export async function importWorkflow(workflow: WorkflowJson | WorkflowJson[]): Promise<void> {
	const context = e2e();
	await importWorkflows(context.n8nOptions, Array.isArray(workflow) ? workflow : [workflow], {
		brokerPort: await freePort(),
		logFile: path.join(context.logDir, 'import.log'),
	});
}

/** A REST client logged in as the owner. */
export async function n8nRest(): Promise<N8nRest> {
	const rest = new N8nRest(e2e().n8nUrl);
	await rest.login(OWNER.email, OWNER.password);
	return rest;
}

export interface WorkflowRun {
	/** n8n's exit code: 0 when the execution succeeded. */
	code: number;
	run: N8nRun;
	/** The JSON items a node emitted on one of its outputs (first run of the node). */
	items(nodeName: string, output?: number): Array<Record<string, unknown>>;
}

/**
 * Runs a saved workflow through n8n: `n8n execute --id <id> --rawOutput` against the same
 * database as the running server (its own task broker port). The run starts at the workflow's
 * Manual Trigger. In queue mode it goes through the queue to a worker instead.
 */
export async function executeWorkflow(id: string): Promise<WorkflowRun> {
	const context = e2e();
	if (context.queue) return await runThroughQueue(id);
	return await executeWorkflowIn(
		{ ...context.n8nOptions, env: { ...context.n8nOptions.env, ...context.executeEnv } },
		id,
		context.logDir,
	);
}

/** The same `n8n execute`, in the n8n that `options` describe (e.g. one a test started itself). */
export async function executeWorkflowIn(
	options: N8nOptions,
	id: string,
	logDir: string,
): Promise<WorkflowRun> {
	const result = await n8nCli(options, ['execute', `--id=${id}`, '--rawOutput'], {
		capture: true,
		check: false,
		brokerPort: await freePort(),
		logFile: path.join(logDir, 'execute.log'),
	});
	return workflowRun(result.code, parseRawOutput(result.stdout));
}

/** A finished run, however it was started. */
export function workflowRun(code: number, run: N8nRun): WorkflowRun {
	return {
		code,
		run,
		items(nodeName, output = 0) {
			const runs = run.data.resultData.runData[nodeName];
			if (!runs) {
				throw new Error(
					`Node "${nodeName}" did not run. Nodes that ran: ${Object.keys(run.data.resultData.runData).join(', ')}`,
				);
			}
			return (runs[0].data?.main[output] ?? []).map((item) => item.json);
		},
	};
}

/** The sandbox, over HTTP (it runs in jest's globalSetup process). */
export const sandbox = {
	async reset(): Promise<void> {
		await sandbox.control('POST', '/__sandbox/reset');
	},
	async clearRequests(): Promise<void> {
		await sandbox.control('DELETE', '/__sandbox/requests');
	},
	async requests(): Promise<SandboxRequest[]> {
		return await sandbox.control<SandboxRequest[]>('GET', '/__sandbox/requests');
	},
	/** One of the sandbox's control endpoints (/__sandbox/…); throws unless it answers 2xx. */
	async control<T = unknown>(method: string, urlPath: string, body?: unknown): Promise<T> {
		const response = await fetch(`${e2e().sandboxUrl}${urlPath}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!response.ok)
			throw new Error(`${method} ${urlPath}: HTTP ${response.status} ${await response.text()}`);
		return (await response.json()) as T;
	},
	/** A BillPro API call with a sandbox fixture token. */
	async api<T = unknown>(
		token: string,
		method: string,
		apiPath: string,
		body?: unknown,
	): Promise<{ status: number; body: T }> {
		const response = await fetch(`${e2e().sandboxBaseUrl}${apiPath}`, {
			method,
			headers: {
				authorization: `Bearer ${token}`,
				accept: 'application/json',
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: response.status, body: (await response.json()) as T };
	},
	/** One page of a BillPro list, with the "BillPro Sandbox" credential's token. */
	async page<T = Record<string, unknown>>(
		endpoint: EndpointName,
		page: number,
		id?: number,
	): Promise<T[]> {
		const { status, body } = await sandbox.api<T[]>(
			SINGLE_PROFILE_TOKEN,
			'GET',
			`${endpointPath(endpoint, id)}?${QUERY.page}=${page}`,
		);
		if (status !== 200) throw new Error(`${endpoint} page ${page}: HTTP ${status}`);
		return body;
	},
	/** Every record of a BillPro list: its pages up to the first empty one. */
	async records<T = Record<string, unknown>>(endpoint: EndpointName, id?: number): Promise<T[]> {
		const records: T[] = [];
		for (let number = 1; ; number++) {
			const next = await sandbox.page<T>(endpoint, number, id);
			if (next.length === 0) return records;
			records.push(...next);
		}
	},
	/** The sandbox's simulated gateway: approves or declines an order's next payment. */
	async pay(orderId: number, outcome: 'approve' | 'soft_decline' | 'hard_decline', profileId = 1) {
		return await sandbox.control<{
			order: Record<string, unknown>;
			payment: Record<string, unknown> | null;
		}>('POST', `/__sandbox/orders/${orderId}/payments?profile_id=${profileId}`, { outcome });
	},
};

/** What GET /__sandbox/requests answers: the sandbox's own log entries, as JSON. */
export type SandboxRequest = RequestLogEntry;
