/**
 * `npm run bench:n8n`'s markdown report: the clients of each job side by side with their ratios,
 * the issue's targets (met or not), every measurement with its request counts, and where a bulk
 * create's time goes (n8n's expression evaluations).
 */
import os from 'node:os';

import {
	CLIENT_LABEL,
	CONCURRENCY,
	COUNT_JOB,
	CREATES,
	HTTP_FAIR_INTERVAL_MS,
	MAX_PAGES_AT_ONCE,
	PAGES_AHEAD,
	type Client,
	type Job,
} from './n8nJobs';
import { median, ms } from './report';
import type { ServerStats } from './sandboxProcess';

export interface Result {
	job: Job;
	client: Client;
	samples: number[];
	/** Counted by the client's sandbox over the whole job (warm-ups included). */
	stats: ServerStats;
	/** Requests in flight on the client's side (bench/inFlightCounter.cjs). */
	clientPeak?: ClientInFlight;
	error?: string;
}

/** The most requests in flight at once, and the median number in flight as a request starts. */
export interface ClientInFlight {
	peak: number;
	median: number;
}

export interface ExpressionStat {
	expression: string;
	count: number;
	msEach: number;
}

/**
 * bench/results-n8n.md before this change (22e2a0c, 2026-12-01, same machine): the BillPro node's
 * medians and their ratio to the raw script (lists one page at a time, the create 10 workers).
 */
export const PREVIOUS = {
	commit: '22e2a0c',
	jobs: {
		p0: { ms: 1172, xRaw: 2.71 },
		c0: { ms: 1064, xRaw: 3.72 },
		n0: { ms: 3784, xRaw: 11.22 },
		p5: { ms: 6470, xRaw: 0.31 },
		n5: { ms: 9527, xRaw: 1.8 },
	} as Record<string, { ms: number; xRaw: number }>,
};

/** The issue's limits (#11 §4). Differences of about 10% are what one run varies by here. */
export const TARGETS = { floor: 1.1, httpFair: 1, rawCreate50: 1.15, noise: 1.1 };

const x = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–');
const met = (ok: boolean | undefined) =>
	ok === undefined ? 'not measured' : ok ? '**met**' : '**not met**';

/** The measurements of one job, by client, and the comparisons the report makes from them. */
class JobView {
	constructor(
		readonly job: Job,
		private readonly results: Result[],
	) {}

	result(client: Client): Result | undefined {
		return this.results.find((r) => r.job.id === this.job.id && r.client === client);
	}

	time(client: Client): number {
		const result = this.result(client);
		return result && !result.error ? median(result.samples) : NaN;
	}

	/** The raw script at the BillPro node's concurrency: 4 pages at a time, or 10 workers. */
	get rawSame(): Client {
		return this.job.kind === 'list' ? 'rawAhead' : 'raw';
	}

	/** The HTTP Request node's fair setup: lists have no field to map, nor a concurrency to set. */
	get httpFair(): Client {
		return this.job.kind === 'list' ? 'http' : 'httpFair';
	}

	/** The BillPro node at the HTTP Request node's concurrency: lists one page at a time. */
	get nodeAtHttpConcurrency(): Client {
		return this.job.kind === 'list' ? 'node1' : 'node';
	}

	/**
	 * BillPro / floor: the median of the per-round ratios (they ran interleaved in one `n8n
	 * execute`, round by round, INTERLEAVED), which cancels what the machine did meanwhile.
	 */
	get vsFloor() {
		return this.paired('node', 'floor');
	}

	/** a / b: the median of the per-round ratios when they ran interleaved, else of the medians. */
	paired(a: Client, b: Client): number {
		const [first, second] = [this.result(a), this.result(b)];
		if (!first || !second || first.error || second.error) return NaN;
		if (first.samples.length !== second.samples.length) return this.time(a) / this.time(b);
		return median(first.samples.map((value, round) => value / second.samples[round]));
	}

	get vsHttpFair() {
		return this.time(this.nodeAtHttpConcurrency) / this.time(this.httpFair);
	}

	get vsRaw() {
		return this.time('node') / this.time(this.rawSame);
	}
}

export function renderReport(
	results: Result[],
	expressions: ExpressionStat[] | string,
	env: {
		n8nVersion: string;
		nodeVersion: string;
		seconds: number;
		code: string;
		quick: boolean;
		flags: string;
	},
): string {
	const cpu = os.cpus();
	const jobs = [...new Map(results.map((r) => [r.job.id, r.job])).values()];
	const views = jobs.map((job) => new JobView(job, results));
	const lines = [
		'# BillPro node benchmark inside n8n',
		'',
		`- Date: ${new Date().toISOString()}`,
		`- Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ${os.type()} ${os.release()} ${os.arch()}; load average at the end ${os
			.loadavg()
			.map((load) => load.toFixed(2))
			.join(' / ')}`,
		`- n8n ${env.n8nVersion} on Node ${env.nodeVersion} (the app \`npm start\` runs), this package installed from its tarball as a community package, the floor node (bench/floorNode.ts) as another; the raw script on the same Node`,
		`- Code measured: ${env.code}`,
		`- Command: \`npm run bench:n8n${env.flags ? ` -- ${env.flags}` : ''}\`; this run took ${env.seconds} s`,
		'',
		"Time: the node's `executionTime` in n8n's run data (an untimed warm-up node, then one node per repetition); medians. The floor node and the BillPro node run in one `n8n execute` per job, their repetitions interleaved round by round (the order turned each round), and *BillPro / floor* is the median of the per-round ratios; every other n8n client has an `n8n execute` of its own. Raw: `performance.now()` around the same loop, after the same warm-up. All clients of a job ran one after the other in this run, each against its own sandbox.",
		'',
		'Clients:',
		'',
		`- **raw, same concurrency**: axios with keep-alive, as many requests in flight as the BillPro node: Return All page 1, then ${PAGES_AHEAD} pages at a time (the node's pattern); the create ${CONCURRENCY} workers.`,
		`- **floor node**: bench/floorNode.ts, a minimal programmatic node installed as its own community package: per item \`getNodeParameter\` for the mapped fields, \`httpRequestWithAuthentication\` with this package's \`billProApi\` credential (read once per run), the same requests and the same number in flight as the BillPro node. Nothing else.`,
		`- **BillPro node**: Return All (Simplify off, ${PAGES_AHEAD} pages in flight); Customer → Create with Items per Batch ${CONCURRENCY} (${CONCURRENCY} in flight). *Max Concurrent Requests 1*: the same Return All one page at a time.`,
		`- **HTTP Request node, fair**: the create's three fields mapped as three expressions (body parameters \`customer.first_name\` = \`{{ $json.first }}\`, …) and Batching ${CONCURRENCY} items per batch with a Batch Interval of ${Object.entries(
			HTTP_FAIR_INTERVAL_MS,
		)
			.map(([latency, interval]) => `${interval} ms at ${latency} ms`)
			.join(
				', ',
			)} latency, which keeps it at about ${CONCURRENCY} requests in flight (it pauses between batches but never waits for their answers: see "client in flight", the median a little above 10, its peak higher). Lists: its pagination, one page at a time, no field to map: fair is its default, compared with the BillPro node at Max Concurrent Requests 1.`,
		`- **HTTP Request node, default**: as this benchmark always ran it: the create's body as one JSON expression, Batching ${CONCURRENCY} / 0 ms (no bound on requests in flight).`,
		'',
		'## Side by side',
		'',
		'| Latency | Job | raw, same concurrency | floor node | BillPro node | BillPro, Max Concurrent Requests 1 | HTTP Request, fair | HTTP Request, default | BillPro / floor | BillPro / HTTP fair (same concurrency) | BillPro / raw (same concurrency) |',
		'|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
	];
	const cell = (view: JobView, client: Client) => {
		const result = view.result(client);
		if (!result) return '';
		return result.error ? '**failed**' : ms(view.time(client));
	};
	for (const view of views) {
		const { job } = view;
		lines.push(
			`| ${job.latencyMs} ms | ${job.title} | ${cell(view, view.rawSame)} | ${cell(view, 'floor')} | **${cell(view, 'node')}** | ${cell(view, 'node1')} | ${cell(view, view.httpFair)} | ${job.kind === 'list' ? '(= fair)' : cell(view, 'http')} | ${x(view.vsFloor)} | ${x(view.vsHttpFair)}${job.kind === 'list' ? ' (1 page at a time)' : ''} | ${x(view.vsRaw)} |`,
		);
	}
	lines.push(
		'',
		...renderTargets(views),
		'',
		...renderGap(views),
		'',
		...renderDiagnostics(views),
		'',
		...renderDetails(results),
	);
	lines.push('', ...renderExpressions(expressions));
	return lines.join('\n') + '\n';
}

function renderTargets(views: JobView[]): string[] {
	const lines = [
		'## Targets (issue #11 §4)',
		'',
		'| Target | Job | Measured | |',
		'|---|---|---|---|',
	];
	const label = (view: JobView) => `${view.job.title} @${view.job.latencyMs} ms`;
	for (const view of views.filter((v) => v.job.latencyMs === 0)) {
		const value = view.vsFloor;
		lines.push(
			`| BillPro node ≤ ${TARGETS.floor.toFixed(2)}× the floor node at 0 ms | ${label(view)} | ${x(value)} (${ms(view.time('node'))} vs ${ms(view.time('floor'))} ms) | ${met(Number.isFinite(value) ? value <= TARGETS.floor : undefined)} |`,
		);
	}
	for (const view of views) {
		const value = view.vsHttpFair;
		const node = view.nodeAtHttpConcurrency;
		lines.push(
			`| Ahead of the HTTP Request node at equal mapping and concurrency | ${label(view)} | ${x(value)} (${ms(view.time(node))} ${node === 'node1' ? 'at 1 page in flight ' : ''}vs ${ms(view.time(view.httpFair))} ms) | ${met(Number.isFinite(value) ? value < TARGETS.httpFair : undefined)} |`,
		);
	}
	for (const view of views.filter((v) => v.job.kind === 'create' && v.job.latencyMs === 50)) {
		const value = view.vsRaw;
		lines.push(
			`| Creates at 50 ms ≤ ${TARGETS.rawCreate50.toFixed(2)}× raw at the same concurrency | ${label(view)} | ${x(value)} (${ms(view.time('node'))} vs ${ms(view.time('raw'))} ms) | ${met(Number.isFinite(value) ? value <= TARGETS.rawCreate50 : undefined)} |`,
		);
	}
	lines.push(
		`| Return All's pages in flight settable, documented default and bound | | Request Options → Pages Read at Once: default ${PAGES_AHEAD}, 1 to ${MAX_PAGES_AT_ONCE}, at most Max Concurrent Requests (README, docs/reliability.md) | **met** |`,
	);
	for (const view of views) {
		const previous = PREVIOUS.jobs[view.job.id];
		if (!previous) continue;
		// The same raw script as that report: lists one page at a time, the create 10 workers.
		const now = view.time('node');
		const xRaw = now / view.time('raw');
		const ok = Number.isFinite(now)
			? now <= previous.ms * TARGETS.noise || xRaw <= previous.xRaw * TARGETS.noise
			: undefined;
		lines.push(
			`| Nothing slower than ${PREVIOUS.commit}'s results-n8n.md beyond noise (10%, in time or × raw) | ${label(view)} | ${ms(now)} ms, ${x(xRaw)} raw (was ${ms(previous.ms)} ms, ${x(previous.xRaw)}) | ${met(ok)} |`,
		);
	}
	return lines;
}

/** Where a create's time goes at 50 ms: ms per round of 10 requests over the raw script. */
function renderGap(views: JobView[]): string[] {
	const view = views.find((v) => v.job.kind === 'create' && v.job.latencyMs === 50);
	if (!view) return [];
	const rounds = CREATES / CONCURRENCY;
	const raw = view.time('raw');
	const lines = [
		`## Creates at ${view.job.latencyMs} ms: time over the raw script per round of ${CONCURRENCY}`,
		'',
		`${rounds} rounds of ${CONCURRENCY} requests; (client − raw) / ${rounds}. At 0 ms, the same job's time per item is the CPU each item costs in n8n (bench/README.md explains the link).`,
		'',
		`| Client | ms at ${view.job.latencyMs} ms | over raw per round | ms per item at 0 ms | × raw |`,
		'|---|---:|---:|---:|---:|',
	];
	const zero = views.find((v) => v.job.kind === 'create' && v.job.latencyMs === 0);
	for (const client of ['raw', 'floor', 'floorTurns', 'node', 'httpFair', 'http'] as Client[]) {
		if (!view.result(client)) continue;
		const time = view.time(client);
		lines.push(
			`| ${CLIENT_LABEL[client]} | ${ms(time)} | ${client === 'raw' ? '' : `${((time - raw) / rounds).toFixed(1)} ms`} | ${zero ? (zero.time(client) / CREATES).toFixed(2) : ''} | ${x(time / raw)} |`,
		);
	}
	return lines;
}

/** The floor with one of n8n's behaviours switched, against the floor (interleaved, paired). */
function renderDiagnostics(views: JobView[]): string[] {
	const rows: string[] = [];
	for (const view of views) {
		for (const client of ['floorCredentialPerRequest', 'floorTurns'] as Client[]) {
			const value = view.paired(client, 'floor');
			if (!view.result(client)) continue;
			rows.push(
				`| ${view.job.latencyMs} ms | ${view.job.title} | ${CLIENT_LABEL[client]} | ${ms(view.time(client))} | ${ms(view.time('floor'))} | ${x(value)} | ${x(view.paired('node', client))} |`,
			);
		}
	}
	if (!rows.length) return [];
	return [
		'## Diagnostics: the floor node with one thing changed',
		'',
		"Run interleaved with the floor and the BillPro node. *Credential read per request*: the floor without `credentialsDecrypted`, so n8n reads and decrypts the credential for every request, as it does for a routed operation's requests (RoutingNode passes none). *One item per event-loop turn*: the floor's create workers take turns as the BillPro node's do (run/runOperation.ts).",
		'',
		'| Latency | Job | Client | ms | floor ms | / floor | BillPro / it |',
		'|---:|---|---|---:|---:|---:|---:|',
		...rows,
	];
}

function renderDetails(results: Result[]): string[] {
	const lines = [
		'## Every measurement',
		'',
		"Requests, the most in flight at once and new TCP connections: counted by the client's own sandbox over the whole job, warm-up included (at 0 ms the sandbox answers each request before reading the next, so it never sees more than 1 in flight). Client in flight: on the client's side (sent, not yet answered; bench/inFlightCounter.cjs), over the whole job: the median number in flight as each request starts (itself included) / the most at once.",
		'',
		'| Latency | Job | Client | Reps | Median ms | Min–max ms | × raw | Requests | Peak in flight (sandbox) | Client in flight (median / peak) | New TCP conns |',
		'|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
	];
	for (const result of results) {
		const raw = results.find((r) => r.job === result.job && r.client === 'raw');
		const value = median(result.samples);
		const ratio =
			raw && !raw.error && !result.error ? `${(value / median(raw.samples)).toFixed(2)}×` : '–';
		const range = result.samples.length
			? `${ms(Math.min(...result.samples))}–${ms(Math.max(...result.samples))}`
			: '';
		lines.push(
			`| ${result.job.latencyMs} ms | ${result.job.title} | ${CLIENT_LABEL[result.client]} | ${result.samples.length} | ${result.error ? `FAILED: ${result.error}` : `**${ms(value)}**`} | ${range} | ${ratio} | ${result.stats.requests} | ${result.stats.peakInFlight} | ${result.clientPeak ? `${result.clientPeak.median} / ${result.clientPeak.peak}` : '–'} | ${result.stats.newConnections} |`,
		);
	}
	return lines;
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
