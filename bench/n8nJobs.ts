/* eslint-disable @n8n/community-nodes/no-restricted-globals -- benchmark tooling, never published (not in package.json "files") */
/**
 * `npm run bench:n8n`'s jobs (what is measured, by which clients) and the n8n workflows that run
 * them: Manual Trigger, untimed warm-up nodes, then one node per repetition, chained with
 * "Execute Once" so that each runs once.
 */
import { MAX_PAGES_AT_ONCE, PAGES_AHEAD } from '../nodes/BillPro/shared/limits';
import { FLOOR_TYPE } from './floorPackage';
import {
	httpCreateParameters,
	httpFairCreateParameters,
	httpRequestParameters,
	HTTP_REQUEST_VERSION,
} from './httpRequestNode';
import { createInputs, LIST_PATH, type CreateInput, type ListResource } from './rawClients';

export const CATALOGUE = 10_000;
export const CREATES = 1_000;
/** Items per Batch of the BillPro node's create: its requests at a time (shared/concurrency.ts). */
export const CONCURRENCY = 10;
/** Return All's pages in flight: the BillPro node's (shared/pagination.ts), and the floor's. */
export { MAX_PAGES_AT_ONCE, PAGES_AHEAD };

/**
 * The HTTP Request node's Batch Interval in its fair create, per latency: with Items per Batch
 * 10 it pauses this long after every 10 items, the only way it has to bound its requests in
 * flight (it never waits for a batch's answers). Measured on 2026-12-01 (client side, the median
 * in flight as a request starts / the most at once): at 0 ms latency, 0 ms → 501 / 1000, 10 ms
 * → 12 / 30, 30 ms → 6 / 27; at 50 ms, 50 ms → 15 / 20, 60 ms → 11 / 30, 80 ms → 6 / 20. The
 * smallest interval that keeps its median near the BillPro node's 10: 10 ms and 60 ms (the
 * report's "client in flight" column shows what each run had).
 */
export const HTTP_FAIR_INTERVAL_MS: Record<number, number> = { 0: 10, 50: 60 };

/**
 * - node: the BillPro node as a user sets it up (Return All: PAGES_AHEAD pages in flight; create:
 *   Items per Batch 10 → 10 requests in flight).
 * - node1: the BillPro node with Max Concurrent Requests 1 (Return All one page at a time: the
 *   HTTP Request node's pagination cannot read ahead, so this is the equal-concurrency match).
 * - floor: bench/floorNode.ts, the same requests in flight as `node`.
 * - http: n8n's HTTP Request node as the bench has always set it up (its default: the create's
 *   body as one JSON expression, Batching 10 / 0 ms, which does not bound requests in flight).
 * - httpFair: the create with the three fields as three expressions, and a Batch Interval that
 *   keeps about 10 requests in flight (HTTP_FAIR_INTERVAL_MS). Lists: the same as `http`.
 * - raw: axios with keep-alive; lists one page at a time, the create 10 workers.
 * - rawAhead: axios with keep-alive, Return All in the node's pattern (page 1, then PAGES_AHEAD
 *   at a time): the raw script at the BillPro node's concurrency.
 * - rawNewConnection: as `raw`, a new TCP connection per request (as n8n sends).
 */
export type Client =
	| 'node'
	| 'node1'
	| 'floor'
	| 'floorCredentialPerRequest'
	| 'floorTurns'
	| 'http'
	| 'httpFair'
	| 'raw'
	| 'rawAhead'
	| 'rawNewConnection';
export const CLIENT_LABEL: Record<Client, string> = {
	node: 'BillPro node in n8n',
	node1: 'BillPro node, Max Concurrent Requests 1',
	floor: 'floor node (bench/floorNode.ts)',
	floorCredentialPerRequest: 'floor node, credential read per request',
	floorTurns: 'floor node, one item prepared per event-loop turn',
	http: `HTTP Request node v${HTTP_REQUEST_VERSION}, default`,
	httpFair: `HTTP Request node v${HTTP_REQUEST_VERSION}, fair`,
	raw: 'raw axios script',
	rawAhead: `raw axios, ${PAGES_AHEAD} pages at a time`,
	rawNewConnection: 'raw axios, new connection per request',
};
/** Whether a client can run a job: node1 and rawAhead are for lists only, floorTurns creates. */
export const clientFits = (job: Pick<Job, 'kind'>, client: Client) =>
	client in CLIENT_LABEL &&
	(job.kind === 'list' ? client !== 'floorTurns' : client !== 'node1' && client !== 'rawAhead');
export const isRaw = (client: Client) =>
	client === 'raw' || client === 'rawAhead' || client === 'rawNewConnection';

export interface Job {
	id: string;
	title: string;
	latencyMs: number;
	kind: 'list' | 'create';
	resource: ListResource;
	clients: Client[];
	warmups: number;
	reps: number;
}

/** The timed jobs; `quick`: one repetition each. */
export function jobs(quick: boolean): Job[] {
	const list = ['node', 'floor', 'node1', 'raw', 'rawAhead', 'rawNewConnection', 'http'];
	const create = ['node', 'floor', 'floorTurns', 'raw', 'rawNewConnection', 'httpFair', 'http'];
	return [
		{
			id: 'p0',
			title: 'Return All 10,000 products',
			latencyMs: 0,
			kind: 'list',
			resource: 'product',
			clients: list,
			warmups: 1,
			reps: 7,
		},
		{
			id: 'c0',
			title: 'Return All 10,000 customers',
			latencyMs: 0,
			kind: 'list',
			resource: 'customer',
			clients: list,
			warmups: 1,
			reps: 7,
		},
		{
			id: 'n0',
			title: `Create 1,000 customers, ${CONCURRENCY} at a time`,
			latencyMs: 0,
			kind: 'create',
			resource: 'customer',
			clients: create,
			warmups: 1,
			reps: 3,
		},
		{
			id: 'p5',
			title: 'Return All 10,000 products',
			latencyMs: 50,
			kind: 'list',
			resource: 'product',
			clients: list.filter((client) => client !== 'rawNewConnection'),
			warmups: 0,
			reps: 1,
		},
		{
			id: 'n5',
			title: `Create 1,000 customers, ${CONCURRENCY} at a time`,
			latencyMs: 50,
			kind: 'create',
			resource: 'customer',
			clients: create.filter((client) => client !== 'rawNewConnection'),
			warmups: 1,
			reps: 3,
		},
	].map((job) => ({ ...job, reps: quick ? 1 : job.reps }) as Job);
}

/** One more create run (untimed), with every expression evaluation counted and timed. */
export const COUNT_JOB: Job = {
	id: 'count',
	title: 'Create 1,000 customers (expression evaluations counted)',
	latencyMs: 0,
	kind: 'create',
	resource: 'customer',
	clients: ['node'],
	warmups: 1,
	reps: 1,
};

interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	executeOnce?: boolean;
}

const BILLPRO_TYPE = 'n8n-nodes-billpro.billPro';
/** The timed node of one client's repetition (round < 0: a warm-up). */
export const stepName = (round: number, client: Client) =>
	`${round < 0 ? `Warm-up ${-round}` : `Rep ${round + 1}`} · ${client}`;

/**
 * Clients that run in one `n8n execute` per job, their repetitions interleaved (round by round,
 * the order turned each round): the same process, the same moments, so their ratio does not
 * depend on what else the machine was doing in the minute each would have had alone. The floor
 * and the BillPro node: the tightest of the targets (≤ 1.10×) compares them.
 */
export const INTERLEAVED: Client[] = ['floor', 'node', 'floorCredentialPerRequest', 'floorTurns'];

/** A job's clients in runs: INTERLEAVED in one `n8n execute`, every other client alone. */
export function executeGroups(job: Job): Client[][] {
	const together = job.clients.filter((client) => INTERLEAVED.includes(client));
	const groups = job.clients
		.filter((client) => !together.includes(client))
		.map((client) => [client]);
	return together.length ? [together, ...groups] : groups;
}

/** Where a client of a workflow sends: its sandbox, and the credential that points there. */
export interface Target {
	client: Client;
	baseUrl: string;
	credential: string;
}

/** The node(s) of one step: the timed node last. A create step first makes its 1,000 items. */
function stepNodes(job: Job, { client, baseUrl, credential }: Target, round: number) {
	const name = stepName(round, client);
	const withCredential = (
		type: string,
		parameters: Record<string, unknown>,
	): Omit<WorkflowNode, 'id' | 'position'> => ({
		name,
		type,
		typeVersion: 1,
		parameters,
		credentials: { billProApi: { id: credential, name: credential } },
	});
	const httpRequest = (parameters: Record<string, unknown>) => ({
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: HTTP_REQUEST_VERSION,
		parameters,
	});
	const mapped = {
		firstName: '={{ $json.first }}',
		lastName: '={{ $json.last }}',
		email: '={{ $json.email }}',
	};
	if (job.kind === 'list') {
		const billPro = {
			resource: job.resource,
			operation: 'getAll',
			returnAll: true,
			simplify: false,
		};
		const timed = {
			node: () => withCredential(BILLPRO_TYPE, billPro),
			node1: () =>
				withCredential(BILLPRO_TYPE, { ...billPro, requestOptions: { maxConcurrency: 1 } }),
			floor: () =>
				withCredential(FLOOR_TYPE, {
					job: 'list',
					listPath: LIST_PATH[job.resource],
					inFlight: PAGES_AHEAD,
				}),
			floorCredentialPerRequest: () =>
				withCredential(FLOOR_TYPE, {
					job: 'list',
					listPath: LIST_PATH[job.resource],
					inFlight: PAGES_AHEAD,
					credentialPerRequest: true,
				}),
			http: () => httpRequest(httpRequestParameters(baseUrl, job.resource)),
			httpFair: () => httpRequest(httpRequestParameters(baseUrl, job.resource)),
		}[client as 'node' | 'node1' | 'floor' | 'floorCredentialPerRequest' | 'http' | 'httpFair']();
		return { nodes: [{ ...timed, executeOnce: true }], inputs: [] as CreateInput[] };
	}
	const inputs = createInputs(
		CREATES,
		`${job.id}.${client}.${round < 0 ? `w${-round}` : `r${round + 1}`}`,
	);
	const timed = {
		node: () =>
			withCredential(BILLPRO_TYPE, {
				resource: 'customer',
				operation: 'create',
				...mapped,
				requestOptions: { batching: { batch: { batchSize: CONCURRENCY, batchInterval: 0 } } },
			}),
		floor: () => withCredential(FLOOR_TYPE, { job: 'create', inFlight: CONCURRENCY, ...mapped }),
		floorCredentialPerRequest: () =>
			withCredential(FLOOR_TYPE, {
				job: 'create',
				inFlight: CONCURRENCY,
				...mapped,
				credentialPerRequest: true,
			}),
		floorTurns: () =>
			withCredential(FLOOR_TYPE, { job: 'create', inFlight: CONCURRENCY, ...mapped, turns: true }),
		http: () => httpRequest(httpCreateParameters(baseUrl, CONCURRENCY)),
		httpFair: () =>
			httpRequest(
				httpFairCreateParameters(baseUrl, CONCURRENCY, HTTP_FAIR_INTERVAL_MS[job.latencyMs] ?? 0),
			),
	}[
		client as 'node' | 'floor' | 'floorCredentialPerRequest' | 'floorTurns' | 'http' | 'httpFair'
	]();
	return {
		inputs,
		nodes: [
			{
				name: `${name}: items`,
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ customers: inputs }) },
				executeOnce: true,
			},
			{
				name: `${name}: one item each`,
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				parameters: { fieldToSplitOut: 'customers', options: {} },
			},
			timed,
		],
	};
}

/**
 * Manual Trigger → warm-ups → repetitions, one chain, round by round, each round every target
 * (the order turned by one each round); returns the inputs each create step sends.
 */
export function workflowFor(job: Job, targets: Target[], id: string) {
	const nodes: WorkflowNode[] = [];
	const inputs = new Map<string, CreateInput[]>();
	const add = (node: Omit<WorkflowNode, 'id' | 'position'>) =>
		nodes.push({ ...node, id: `${id}-${nodes.length}`, position: [nodes.length * 220, 0] });
	add({ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
	for (let round = -job.warmups; round < job.reps; round++) {
		const turn = (((round + job.warmups) % targets.length) + targets.length) % targets.length;
		for (const target of [...targets.slice(turn), ...targets.slice(0, turn)]) {
			const step = stepNodes(job, target, round);
			step.nodes.forEach(add);
			inputs.set(stepName(round, target.client), step.inputs);
		}
	}
	const connections = Object.fromEntries(
		nodes
			.slice(0, -1)
			.map((node, index) => [
				node.name,
				{ main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] },
			]),
	);
	const workflow = {
		id,
		name: `BillPro benchmark: ${job.title} @${job.latencyMs} ms, ${targets.map((t) => t.client).join(' + ')}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes,
		connections,
		pinData: {},
	};
	return { workflow, inputs };
}
