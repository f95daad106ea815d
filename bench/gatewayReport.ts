/**
 * bench:n8n's report section for the gateway job (gatewayJob.ts): each client's notifications per
 * second and latency, side by side, and the trigger's ratio to n8n's Webhook node.
 */
import { GATEWAY_CLIENT_LABEL, GATEWAY_LOAD, type GatewayResult } from './gatewayJob';
import { median, ms } from './report';

/** The target: the trigger costs at most this much more than the Webhook node. */
export const GATEWAY_TARGET = 1.1;

interface Figures {
	answeredPerSecond: number;
	completedPerSecond: number;
	p50: number;
	p99: number;
	rounds: number;
}

function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function figures(result: GatewayResult): Figures | undefined {
	if (result.error || result.rounds.length === 0) return undefined;
	const perRound = GATEWAY_LOAD.distinct + GATEWAY_LOAD.duplicates;
	const latencies = result.rounds.flatMap((round) => round.latenciesMs);
	return {
		answeredPerSecond: median(result.rounds.map((r) => perRound / (r.answeredMs / 1000))),
		completedPerSecond: median(result.rounds.map((r) => perRound / (r.completedMs / 1000))),
		p50: percentile(latencies, 50),
		p99: percentile(latencies, 99),
		rounds: result.rounds.length,
	};
}

const x = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–');
const rate = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '–');

export function renderGatewaySection(results: GatewayResult[], warmups: number): string[] {
	if (results.length === 0) return [];
	const byClient = new Map(results.map((result) => [result.client, figures(result)]));
	const webhook = byClient.get('webhook');
	const floor = byClient.get('floor');
	const timeVs = (base: Figures | undefined, f: Figures) =>
		base ? x(base.completedPerSecond / f.completedPerSecond) : '';
	const latencyVs = (base: Figures | undefined, f: Figures) =>
		base ? `${x(f.p50 / base.p50)} / ${x(f.p99 / base.p99)}` : '';
	const lines = [
		'',
		"## Gateway notifications: the BillPro Payment Gateway Trigger against n8n's Webhook node",
		'',
		`One \`n8n start\` (regular mode, SQLite), every workflow active, a No Operation node behind each trigger. A round sends ${GATEWAY_LOAD.distinct} approved payments and ${GATEWAY_LOAD.duplicates} duplicates (each right after its original) to one Production URL, ${GATEWAY_LOAD.inFlight} in flight, each encrypted afresh with the gateway's headers on a new connection; every client gets the same requests. The floor is bench/floorWebhookNode.ts: a community webhook trigger that reads the same credential and starts the workflow, n8n answering as for its Webhook node. Rounds alternate between the clients (the order turned each round) after ${warmups} untimed warm-up round(s). *Answered*: ${GATEWAY_LOAD.distinct + GATEWAY_LOAD.duplicates} notifications / time to the last answer; *end to end*: until the last execution the round started had finished (the BillPro trigger starts ${GATEWAY_LOAD.distinct}, the others ${GATEWAY_LOAD.distinct + GATEWAY_LOAD.duplicates}); medians over the rounds. Latency: each request, from sending it to the end of its answer, over every timed round.`,
		'',
		'| Client | Rounds | Notifications/s, answered | Notifications/s, end to end | Latency p50 ms | Latency p99 ms | × Webhook node: time per notification, end to end | × Webhook node: p50 / p99 | × floor: time per notification, end to end | × floor: p50 / p99 |',
		'|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
	];
	for (const result of results) {
		const label = GATEWAY_CLIENT_LABEL[result.client];
		const f = byClient.get(result.client);
		if (!f) {
			lines.push(`| ${label} | | **failed**: ${result.error ?? 'no round'} | | | | | | | |`);
			continue;
		}
		const vsWebhook = result.client === 'webhook' ? undefined : webhook;
		const vsFloor = result.client === 'webhook' || result.client === 'floor' ? undefined : floor;
		lines.push(
			`| ${label} | ${f.rounds} | ${rate(f.answeredPerSecond)} | ${rate(f.completedPerSecond)} | ${ms(f.p50)} | ${ms(f.p99)} | ${timeVs(vsWebhook, f)} | ${latencyVs(vsWebhook, f)} | ${timeVs(vsFloor, f)} | ${latencyVs(vsFloor, f)} |`,
		);
	}
	const trigger = byClient.get('trigger');
	const worstAgainst = (base: Figures) =>
		Math.max(
			base.completedPerSecond / trigger!.completedPerSecond,
			base.answeredPerSecond / trigger!.answeredPerSecond,
			trigger!.p50 / base.p50,
			trigger!.p99 / base.p99,
		);
	const verdict = (worst: number) =>
		`worst ${x(worst)}, **${worst <= GATEWAY_TARGET ? 'met' : 'not met'}**`;
	if (trigger && webhook) {
		lines.push(
			'',
			`Target: the trigger (memory full) ≤ ${GATEWAY_TARGET.toFixed(2)}× n8n's Webhook node in time per notification (end to end and answered) and in p50 and p99 latency: ${verdict(worstAgainst(webhook))}.`,
		);
	}
	if (trigger && floor) {
		lines.push(
			'',
			`The same against the floor (what n8n charges any community webhook trigger with a credential): ${verdict(worstAgainst(floor))}.`,
		);
	}
	return lines;
}
