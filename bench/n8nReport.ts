/**
 * `npm run bench:n8n`'s markdown report: the timings per job and client, and where a bulk
 * create's time goes (n8n's expression evaluations).
 */
import os from 'node:os';

import { CLIENT_LABEL, COUNT_JOB, CREATES, type Client, type Job } from './n8nJobs';
import { median, ms } from './report';
import type { ServerStats } from './sandboxProcess';

export interface Result {
	job: Job;
	client: Client;
	samples: number[];
	/** Counted by the client's sandbox over the whole job (warm-ups included). */
	stats: ServerStats;
	error?: string;
}

export interface ExpressionStat {
	expression: string;
	count: number;
	msEach: number;
}

export function renderReport(
	results: Result[],
	expressions: ExpressionStat[] | string,
	env: { n8nVersion: string; nodeVersion: string; seconds: number; code: string; quick: boolean },
): string {
	const cpu = os.cpus();
	const lines = [
		'# BillPro node benchmark inside n8n',
		'',
		`- Date: ${new Date().toISOString()}`,
		`- Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ${os.type()} ${os.release()} ${os.arch()}`,
		`- n8n ${env.n8nVersion} on Node ${env.nodeVersion} (the app \`npm start\` runs), this package installed from its tarball as a community package; the raw script on the same Node`,
		`- Code measured: ${env.code}`,
		`- Command: \`npm run bench:n8n${env.quick ? ' -- --quick' : ''}\`; this run took ${env.seconds} s`,
		'',
		"Time: the node's `executionTime` in n8n's run data (one `n8n execute` per job and client: an untimed warm-up node, then one node per repetition). Raw: `performance.now()` around the same loop as `npm run bench`, after the same warm-up. Requests, the most in flight at once and new TCP connections: counted by the client's own sandbox over the whole job, warm-up included (at 0 ms the sandbox answers each request before reading the next, so it never sees more than 1 in flight). The HTTP Request node's create uses Options → Batching, Items per Batch 10, Batch Interval 0.",
		'',
		'| Latency | Job | Client | Reps | Median ms | × raw | Requests | Peak in flight | New TCP conns |',
		'|---:|---|---|---:|---:|---:|---:|---:|---:|',
	];
	for (const result of results) {
		const raw = results.find((r) => r.job === result.job && r.client === 'raw');
		const value = median(result.samples);
		const ratio =
			raw && !raw.error && !result.error ? `${(value / median(raw.samples)).toFixed(2)}×` : '—';
		lines.push(
			`| ${result.job.latencyMs} ms | ${result.job.title} | ${CLIENT_LABEL[result.client]} | ${result.samples.length} | ${result.error ? `FAILED: ${result.error}` : `**${ms(value)}**`} | ${ratio} | ${result.stats.requests} | ${result.stats.peakInFlight} | ${result.stats.newConnections} |`,
		);
	}
	lines.push('', ...renderExpressions(expressions));
	return lines.join('\n') + '\n';
}

/** Where a bulk create's CPU goes: n8n's expression evaluations per item, by expression. */
function renderExpressions(expressions: ExpressionStat[] | string): string[] {
	const items = (COUNT_JOB.warmups + COUNT_JOB.reps) * CREATES;
	const lines = [
		`## Expression evaluations in a bulk create (${items.toLocaleString('en-US')} items: warm-up and one run)`,
		'',
		"Counted in one more `n8n execute` of the create workflow, with bench/expressionCounter.cjs preloaded: it wraps n8n-workflow's `Expression.resolveSimpleParameterValue` (the n8n app's own copy) and counts and times each evaluation. The workflow maps three fields with expressions (`{{ $json.first }}`, …). Every expression n8n evaluated is listed: Customer → Create, a custom operation, reads the base URL from the credential, where a routed operation adds the node's `requestDefaults.baseURL` expression and RoutingNode's own passes over every parameter.",
		'',
	];
	if (typeof expressions === 'string') return [...lines, `FAILED: ${expressions}`];
	const label = (text: string) =>
		text.startsWith('={{ $credentials.environment') ? 'base URL (requestDefaults)' : `\`${text}\``;
	lines.push(
		'| Expression | Evaluations per item | ms each (mean) | ms per item |',
		'|---|---:|---:|---:|',
	);
	let perItem = 0;
	for (const { expression, count, msEach } of expressions) {
		perItem += (count / items) * msEach;
		lines.push(
			`| ${label(expression)} | ${(count / items).toFixed(2)} | ${msEach.toFixed(3)} | ${((count / items) * msEach).toFixed(2)} |`,
		);
	}
	const total = expressions.reduce((sum, row) => sum + row.count, 0) / items;
	lines.push(`| **all** | **${total.toFixed(2)}** | | **${perItem.toFixed(2)}** |`);
	return lines;
}
