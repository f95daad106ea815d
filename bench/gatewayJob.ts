/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- benchmark tooling, never published (not in package.json "files") */
/**
 * bench:n8n's gateway job: the BillPro Payment Gateway Trigger against n8n's own Webhook node
 * (POST, Respond Immediately) and against the floor, the least a community webhook trigger does
 * (bench/floorWebhookNode.ts), in the running n8n app, with the same requests and the same
 * workflow behind each (one No Operation node). A round sends GATEWAY_LOAD's notifications (each
 * encrypted afresh with the gateway's headers, on a new connection, duplicates right after their
 * originals; test/e2e/support/gatewayLoad.ts) to one client's Production URL, a fixed number in
 * flight, and times it until the last answer and until the last execution it started finished.
 * Rounds alternate between the clients (the order turned each round) after an untimed warm-up.
 * The trigger starts with its memory full (MAX_REMEMBERED entries in its static data, as after
 * weeks of notifications), since n8n saves the whole memory after every notification.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';

import { importWorkflows, OWNER, startN8n, type N8nOptions } from '../scripts/lib/n8n';
import { freePort } from '../scripts/lib/proc';
import { N8nRest } from '../scripts/lib/rest';
import { SANDBOX_GATEWAY_CREDENTIAL } from '../scripts/lib/stack';
import { FLOOR_WEBHOOK_TYPE } from './floorPackage';
import { MEMORY_FIELD, WRITER_FIELD } from '../nodes/BillProGatewayTrigger/duplicates';
import { MAX_REMEMBERED } from '../nodes/BillProGatewayTrigger/recentNotifications';
import {
	answerKind,
	approvedPayment,
	deliverAll,
	withDuplicates,
} from '../test/e2e/support/gatewayLoad';

export const GATEWAY_LOAD = { distinct: 300, duplicates: 30, inFlight: 20 };

export type GatewayClient = 'webhook' | 'floor' | 'trigger' | 'triggerEmpty';

export const GATEWAY_CLIENT_LABEL: Record<GatewayClient, string> = {
	webhook: "n8n's Webhook node",
	floor: 'floor: a community webhook trigger that reads its credential, nothing more',
	trigger: `BillPro Payment Gateway Trigger (memory full: ${MAX_REMEMBERED.toLocaleString('en')})`,
	triggerEmpty: 'BillPro Payment Gateway Trigger (memory starting empty)',
};

export interface GatewayRound {
	/** From the first request to the last answer. */
	answeredMs: number;
	/** From the first request until every execution of the round had finished. */
	completedMs: number;
	/** Each request's, from sending it to the end of its answer. */
	latenciesMs: number[];
	executions: number;
}

export interface GatewayResult {
	client: GatewayClient;
	rounds: GatewayRound[];
	error?: string;
}

const TRIGGER_NAME = 'Payment from the gateway';
const WEBHOOK_PATH = 'billpro-bench-webhook';

interface BenchWorkflow {
	client: GatewayClient;
	id: string;
	url: (n8nUrl: string) => string;
	json: object;
	/** Executions a round starts: the trigger refuses the duplicates, the Webhook node cannot. */
	executionsPerRound: number;
}

/** Runs the gateway job in a fresh `n8n start` on `n8nOptions` (its database already set up). */
export async function runGatewayJob(
	n8nOptions: N8nOptions,
	workDir: string,
	options: { clients: GatewayClient[]; rounds: number; warmups: number },
	log: (line: string) => void,
): Promise<GatewayResult[]> {
	const workflows = options.clients.map(benchWorkflow);
	const logFile = path.join(workDir, 'logs', 'gateway-job.log');
	await importWorkflows(
		n8nOptions,
		workflows.map((w) => w.json as { id: string }),
		{ logFile, brokerPort: await freePort() },
	);
	const n8n = await startN8n(n8nOptions, path.join(workDir, 'logs', 'n8n-gateway-job.log'));
	const results = new Map<GatewayClient, GatewayResult>(
		options.clients.map((client) => [client, { client, rounds: [] }]),
	);
	try {
		const rest = new N8nRest(n8n.url);
		await rest.login(OWNER.email, OWNER.password);
		for (const workflow of workflows) {
			await rest.activate(workflow.id);
			await untilListening(workflow.url(n8n.url), isBillProTrigger(workflow.client));
		}
		for (let round = -options.warmups; round < options.rounds; round++) {
			const order = round % 2 === 0 ? workflows : [...workflows].reverse();
			for (const workflow of order) {
				const result = results.get(workflow.client)!;
				if (result.error) continue;
				try {
					const measured = await runRound(rest, n8n.url, workflow);
					if (round >= 0) result.rounds.push(measured);
					log(
						`  gateway ${round < 0 ? 'warm-up' : `round ${round + 1}`}, ${GATEWAY_CLIENT_LABEL[workflow.client]}: answered in ${Math.round(measured.answeredMs)} ms, finished in ${Math.round(measured.completedMs)} ms`,
					);
				} catch (error) {
					result.error = (error instanceof Error ? error.message : String(error)).slice(0, 400);
					log(`  gateway, ${GATEWAY_CLIENT_LABEL[workflow.client]}: FAILED ${result.error}`);
				}
			}
		}
	} finally {
		await n8n.stop();
	}
	return [...results.values()];
}

async function runRound(rest: N8nRest, n8nUrl: string, workflow: BenchWorkflow) {
	const before = await executionCounts(rest, workflow.id);
	const load = withDuplicates(
		() => approvedPayment(1),
		GATEWAY_LOAD.distinct,
		GATEWAY_LOAD.duplicates,
	);
	const startedAt = performance.now();
	const answers = await deliverAll(workflow.url(n8nUrl), load, GATEWAY_LOAD.inFlight);
	const answeredMs = performance.now() - startedAt;
	const refused = answers.filter((answer) => answer.status !== 200);
	if (refused.length > 0)
		throw new Error(`${refused.length} answers were not 200, e.g. ${refused[0].status}`);
	if (isBillProTrigger(workflow.client)) {
		const duplicates = answers.filter((answer) => answerKind(answer) === 'duplicate').length;
		if (duplicates !== GATEWAY_LOAD.duplicates)
			throw new Error(`${duplicates} duplicates refused, expected ${GATEWAY_LOAD.duplicates}`);
	}
	const expected = before.finished + workflow.executionsPerRound;
	for (;;) {
		const counts = await executionCounts(rest, workflow.id);
		if (counts.finished > expected) throw new Error(`${counts.finished - before.finished} runs`);
		if (counts.finished === expected && counts.inProgress === 0) break;
		if (performance.now() - startedAt > 600_000) throw new Error('executions did not finish');
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	return {
		answeredMs,
		completedMs: performance.now() - startedAt,
		latenciesMs: answers.map((answer) => answer.ms),
		executions: workflow.executionsPerRound,
	};
}

const isBillProTrigger = (client: GatewayClient) =>
	client === 'trigger' || client === 'triggerEmpty';

/**
 * n8n registers an activated workflow's webhooks in the background. The BillPro trigger is
 * probed with a body that is no notification (answered 400, nothing starts); the others, which
 * start a run for any POST, with a GET (answered "not registered" until the path exists, then
 * that the path takes POST only).
 */
async function untilListening(url: string, isTrigger: boolean): Promise<void> {
	for (let waited = 0; waited < 30_000; waited += 250) {
		const response = await fetch(url, isTrigger ? { method: 'POST', body: '00' } : {});
		const text = await response.text();
		if (isTrigger ? response.status !== 404 : !/is not registered\./.test(text)) return;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`${url} was not listening 30 s after activation`);
}

async function executionCounts(rest: N8nRest, workflowId: string) {
	const count = async (status: string[]) => {
		const filter = encodeURIComponent(JSON.stringify({ workflowId, status }));
		const page = await rest.data<{ count: number }>(
			'GET',
			`/rest/executions?filter=${filter}&limit=1`,
		);
		return page.count;
	};
	const [finished, failed, inProgress] = await Promise.all([
		count(['success', 'error', 'crashed', 'canceled']),
		count(['error', 'crashed', 'canceled']),
		count(['new', 'running', 'waiting']),
	]);
	if (failed > 0) throw new Error(`${failed} executions of ${workflowId} failed`);
	return { finished, inProgress };
}

function node(name: string, type: string, typeVersion: number, x: number, rest: object = {}) {
	return { id: randomUUID(), name, type, typeVersion, position: [x, 0], parameters: {}, ...rest };
}

function benchWorkflow(client: GatewayClient): BenchWorkflow {
	const behind = node('Behind', 'n8n-nodes-base.noOp', 1, 240);
	const webhookId = randomUUID();
	const first =
		client === 'webhook'
			? node('Webhook', 'n8n-nodes-base.webhook', 2, 0, {
					webhookId,
					parameters: { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'onReceived' },
				})
			: node(
					TRIGGER_NAME,
					client === 'floor' ? FLOOR_WEBHOOK_TYPE : 'n8n-nodes-billpro.billProGatewayTrigger',
					1.1,
					0,
					{
						webhookId,
						parameters:
							client === 'floor' ? {} : { events: ['paymentApproved', 'paymentDeclined'] },
						credentials: {
							billProGatewayApi: {
								id: SANDBOX_GATEWAY_CREDENTIAL.id,
								name: SANDBOX_GATEWAY_CREDENTIAL.name,
							},
						},
					},
				);
	const id = {
		webhook: 'BillProBenchWh01',
		floor: 'BillProBenchFl01',
		trigger: 'BillProBenchGw01',
		triggerEmpty: 'BillProBenchGw02',
	}[client];
	return {
		client,
		id,
		url: (n8nUrl) =>
			client === 'webhook'
				? `${n8nUrl}/webhook/${WEBHOOK_PATH}`
				: `${n8nUrl}/webhook/${webhookId}/webhook`,
		executionsPerRound: isBillProTrigger(client)
			? GATEWAY_LOAD.distinct
			: GATEWAY_LOAD.distinct + GATEWAY_LOAD.duplicates,
		json: {
			id,
			name: `bench:n8n gateway job: ${GATEWAY_CLIENT_LABEL[client]}`,
			active: false,
			settings: { executionOrder: 'v1' },
			nodes: [first, behind],
			connections: { [first.name]: { main: [[{ node: behind.name, type: 'main', index: 0 }]] } },
			staticData: client === 'trigger' ? { [`node:${TRIGGER_NAME}`]: fullMemory() } : null,
		},
	};
}

/** MAX_REMEMBERED entries of the last MAX_REMEMBERED seconds, as another process saved them. */
function fullMemory() {
	const now = Math.floor(Date.now() / 1000);
	const entries = Array.from(
		{ length: MAX_REMEMBERED },
		(_, n) => randomBytes(9).toString('base64url') + (now - MAX_REMEMBERED + n).toString(36),
	);
	return { [MEMORY_FIELD]: entries.join(' '), [WRITER_FIELD]: 'bench-prefill' };
}
