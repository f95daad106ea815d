/* eslint-disable @n8n/community-nodes/no-restricted-globals -- benchmark tooling, never published (not in package.json "files") */
/**
 * `npm run bench:n8n`'s jobs (what is measured, by which clients) and the n8n workflows that run
 * them: Manual Trigger, untimed warm-up nodes, then one node per repetition, chained with
 * "Execute Once" so that each runs once.
 */
import {
	httpCreateParameters,
	httpRequestParameters,
	HTTP_REQUEST_VERSION,
} from './httpRequestNode';
import { createInputs, type CreateInput, type ListResource } from './rawClients';

export const CATALOGUE = 10_000;
export const CREATES = 1_000;
export const CONCURRENCY = 10;
export type Client = 'node' | 'http' | 'raw' | 'rawNewConnection';
export const CLIENT_LABEL: Record<Client, string> = {
	node: 'BillPro node in n8n',
	http: `HTTP Request node v${HTTP_REQUEST_VERSION} in n8n`,
	raw: 'raw axios script',
	rawNewConnection: 'raw axios, new connection per request',
};

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
	return [
		{
			id: 'p0',
			title: 'Return All 10,000 products',
			latencyMs: 0,
			kind: 'list',
			resource: 'product',
			clients: ['node', 'raw', 'rawNewConnection', 'http'],
			warmups: 1,
			reps: 3,
		},
		{
			id: 'c0',
			title: 'Return All 10,000 customers',
			latencyMs: 0,
			kind: 'list',
			resource: 'customer',
			clients: ['node', 'raw', 'rawNewConnection', 'http'],
			warmups: 1,
			reps: 3,
		},
		{
			id: 'n0',
			title: `Create 1,000 customers, ${CONCURRENCY} at a time`,
			latencyMs: 0,
			kind: 'create',
			resource: 'customer',
			clients: ['node', 'raw', 'rawNewConnection', 'http'],
			warmups: 1,
			reps: 3,
		},
		{
			id: 'p5',
			title: 'Return All 10,000 products',
			latencyMs: 50,
			kind: 'list',
			resource: 'product',
			clients: ['node', 'raw', 'http'],
			warmups: 0,
			reps: 1,
		},
		{
			id: 'n5',
			title: `Create 1,000 customers, ${CONCURRENCY} at a time`,
			latencyMs: 50,
			kind: 'create',
			resource: 'customer',
			clients: ['node', 'raw', 'http'],
			warmups: 0,
			reps: 1,
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
export const stepName = (round: number) => (round < 0 ? `Warm-up ${-round}` : `Rep ${round + 1}`);

/** The node(s) of one step: the timed node last. A create step first makes its 1,000 items. */
function stepNodes(job: Job, client: Client, baseUrl: string, credential: string, round: number) {
	const name = stepName(round);
	const billPro = (parameters: Record<string, unknown>): Omit<WorkflowNode, 'id' | 'position'> => ({
		name,
		type: BILLPRO_TYPE,
		typeVersion: 1,
		parameters,
		credentials: { billProApi: { id: credential, name: credential } },
	});
	if (job.kind === 'list') {
		const timed =
			client === 'node'
				? billPro({ resource: job.resource, operation: 'getAll', returnAll: true, simplify: false })
				: {
						name,
						type: 'n8n-nodes-base.httpRequest',
						typeVersion: HTTP_REQUEST_VERSION,
						parameters: httpRequestParameters(baseUrl, job.resource),
					};
		return { nodes: [{ ...timed, executeOnce: true }], inputs: [] as CreateInput[] };
	}
	const inputs = createInputs(CREATES, `${job.id}.${name.replace(' ', '').toLowerCase()}`);
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
			client === 'node'
				? billPro({
						resource: 'customer',
						operation: 'create',
						firstName: '={{ $json.first }}',
						lastName: '={{ $json.last }}',
						email: '={{ $json.email }}',
						requestOptions: { batching: { batch: { batchSize: CONCURRENCY, batchInterval: 0 } } },
					})
				: {
						name,
						type: 'n8n-nodes-base.httpRequest',
						typeVersion: HTTP_REQUEST_VERSION,
						parameters: httpCreateParameters(baseUrl, CONCURRENCY),
					},
		],
	};
}

/** Manual Trigger → warm-ups → repetitions, one chain; returns the inputs each create step sends. */
export function workflowFor(
	job: Job,
	client: Client,
	id: string,
	baseUrl: string,
	credential: string,
) {
	const nodes: WorkflowNode[] = [];
	const inputs = new Map<string, CreateInput[]>();
	const add = (node: Omit<WorkflowNode, 'id' | 'position'>) =>
		nodes.push({ ...node, id: `${id}-${nodes.length}`, position: [nodes.length * 220, 0] });
	add({ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
	for (let round = -job.warmups; round < job.reps; round++) {
		const step = stepNodes(job, client, baseUrl, credential, round);
		step.nodes.forEach(add);
		inputs.set(stepName(round), step.inputs);
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
		name: `BillPro benchmark: ${job.title} @${job.latencyMs} ms, ${client}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes,
		connections,
		pinData: {},
	};
	return { workflow, inputs };
}
