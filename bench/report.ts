/** Turns the benchmark's measurements into the markdown report and the list of targets. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export interface RunSample {
	ms: number;
	cpuMs: number;
	requests: number;
	peakInFlight: number;
	newConnections: number;
}

export interface Row {
	section: 'returnAll' | 'create';
	latencyMs: number;
	/** 'product' | 'customer' for Return All; 'customer' for create. */
	subject: string;
	client: ClientId;
	label: string;
	reps: number;
	samples: RunSample[];
	error?: string;
	/** Set on rows that are not measured at all, with the reason. */
	skipped?: string;
}

export type ClientId = 'node' | 'raw' | 'rawNoKeepAlive' | 'rawParallel' | 'http';

export interface MemoryRow {
	client: 'node' | 'raw' | 'http';
	label: string;
	products: number;
	maxRssMB?: number;
	baselineMB?: number;
	/** Peak RSS sampled during the run minus RSS just before it. */
	runGrowthMB?: number;
	/** Heap in use after a collection, records held, minus before the run. */
	retainedHeapMB?: number;
	ms?: number;
	error?: string;
}

export interface ColdLoad {
	reps: number;
	/** n8n-workflow already loaded, as in n8n: require the node, then the credential. */
	nodeMs?: number;
	credentialMs?: number;
	warmTotalMs?: number;
	/** Fresh process, n8n-workflow included. */
	coldTotalMs?: number;
	tarball?: { size: number; unpackedSize: number; entryCount: number; filename: string };
	distNote: string;
	error?: string;
}

export interface Environment {
	date: string;
	cpu: string;
	cores: number;
	memoryGB: number;
	os: string;
	node: string;
	n8nCore: string;
	n8nWorkflow: string;
	axios: string;
	httpNode: string;
	gitHead: string;
	command: string;
	plan: string[];
	notes: string[];
}

export interface Target {
	what: string;
	measured: string;
	met: boolean | undefined;
}

export const BOUNDED_IN_FLIGHT_MAX = 32;

export function median(values: number[]): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function rowMedian(row: Row | undefined): number {
	return row && !row.error && !row.skipped ? median(row.samples.map((s) => s.ms)) : NaN;
}

function peak(row: Row): number {
	return Math.max(...row.samples.map((s) => s.peakInFlight));
}

export function ms(value: number): string {
	if (!Number.isFinite(value)) return '–';
	return value >= 100 ? `${Math.round(value).toLocaleString('en-US')}` : value.toFixed(1);
}

function ratio(value: number, base: number): string {
	return Number.isFinite(value) && Number.isFinite(base) && base > 0
		? `${(value / base).toFixed(2)}×`
		: '–';
}

function find(
	rows: Row[],
	section: Row['section'],
	latencyMs: number,
	subject: string,
	client: ClientId,
) {
	return rows.find(
		(row) =>
			row.section === section &&
			row.latencyMs === latencyMs &&
			row.subject === subject &&
			row.client === client,
	);
}

function timingTable(rows: Row[], section: Row['section']): string[] {
	const lines = [
		'| Latency | Job | Client | Reps | Median ms | × raw | Min–max ms | Client CPU ms (median) | Requests | Peak in flight | New TCP conns |',
		'|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
	];
	for (const row of rows.filter((r) => r.section === section)) {
		const job = section === 'returnAll' ? `Return All ${row.subject}s` : `Create ${row.subject}s`;
		if (row.skipped || row.error) {
			const why = row.skipped ? `not measured: ${row.skipped}` : `**failed**: ${row.error}`;
			lines.push(
				`| ${row.latencyMs} ms | ${job} | ${row.label} | ${row.reps} | ${why} | | | | | | |`,
			);
			continue;
		}
		const base = rowMedian(find(rows, section, row.latencyMs, row.subject, 'raw'));
		const times = row.samples.map((s) => s.ms);
		const last = row.samples[row.samples.length - 1];
		lines.push(
			`| ${row.latencyMs} ms | ${job} | ${row.label} | ${row.reps} | **${ms(rowMedian(row))}** | ${ratio(rowMedian(row), base)} | ${ms(Math.min(...times))}–${ms(Math.max(...times))} | ${ms(median(row.samples.map((s) => s.cpuMs)))} | ${last.requests} | ${peak(row)} | ${last.newConnections} |`,
		);
	}
	return lines;
}

function noKeepAliveNote(node: number, rawNew: number): string {
	return Number.isFinite(rawNew)
		? ` (raw with a new connection per request, as n8n-core sends: ${ms(rawNew)} ms; node = ${ratio(node, rawNew)} of that)`
		: '';
}

export function evaluateTargets(rows: Row[], batchSize: number): Target[] {
	const targets: Target[] = [];
	const verdict = (value: number, ok: boolean) => (Number.isFinite(value) ? ok : undefined);

	for (const subject of ['product', 'customer']) {
		const node = rowMedian(find(rows, 'returnAll', 0, subject, 'node'));
		const raw = rowMedian(find(rows, 'returnAll', 0, subject, 'raw'));
		const rawNew = rowMedian(find(rows, 'returnAll', 0, subject, 'rawNoKeepAlive'));
		const http = rowMedian(find(rows, 'returnAll', 0, subject, 'http'));
		targets.push({
			what: `0 ms, Return All ${subject}s: node within 1.15× of the raw axios loop`,
			measured: `${ms(node)} ms vs ${ms(raw)} ms = ${ratio(node, raw)}${noKeepAliveNote(node, rawNew)}`,
			met: verdict(node / raw, node / raw <= 1.15),
		});
		targets.push({
			what: `0 ms, Return All ${subject}s: node ahead of n8n's HTTP Request node`,
			measured: Number.isFinite(http)
				? `${ms(node)} ms vs ${ms(http)} ms = ${ratio(node, http)}`
				: 'HTTP Request node not measured',
			met: verdict(node / http, node < http),
		});
	}
	{
		const node = rowMedian(find(rows, 'create', 0, 'customer', 'node'));
		const raw = rowMedian(find(rows, 'create', 0, 'customer', 'raw'));
		const rawNew = rowMedian(find(rows, 'create', 0, 'customer', 'rawNoKeepAlive'));
		targets.push({
			what: `0 ms, create 1,000 customers: node within 1.15× of raw axios at concurrency ${batchSize}`,
			measured: `${ms(node)} ms vs ${ms(raw)} ms = ${ratio(node, raw)}${noKeepAliveNote(node, rawNew)}`,
			met: verdict(node / raw, node / raw <= 1.15),
		});
	}
	for (const subject of ['product', 'customer']) {
		const nodeRow = find(rows, 'returnAll', 50, subject, 'node');
		const node = rowMedian(nodeRow);
		const raw = rowMedian(find(rows, 'returnAll', 50, subject, 'raw'));
		const inFlight = nodeRow && Number.isFinite(node) ? peak(nodeRow) : NaN;
		targets.push({
			what: `50 ms, Return All ${subject}s: pages fetched ahead in bounded parallel (peak in flight at the sandbox 2–${BOUNDED_IN_FLIGHT_MAX}) and so faster than the sequential raw loop`,
			measured: Number.isFinite(inFlight)
				? `peak ${inFlight} in flight; ${ms(node)} ms vs sequential raw ${ms(raw)} ms = ${ratio(node, raw)}`
				: 'not measured',
			met: verdict(inFlight, inFlight >= 2 && inFlight <= BOUNDED_IN_FLIGHT_MAX && node < raw),
		});
	}
	{
		const nodeRow = find(rows, 'create', 50, 'customer', 'node');
		const inFlight = nodeRow && Number.isFinite(rowMedian(nodeRow)) ? peak(nodeRow) : NaN;
		targets.push({
			what: `50 ms, create 1,000 customers with Batching → Items per Batch ${batchSize}, interval 0: the node keeps exactly ${batchSize} requests in flight`,
			measured: Number.isFinite(inFlight) ? `peak ${inFlight} in flight` : 'not measured',
			met: verdict(inFlight, inFlight === batchSize),
		});
	}
	return targets;
}

export function renderReport(
	env: Environment,
	rows: Row[],
	memory: MemoryRow[] | undefined,
	cold: ColdLoad | undefined,
	targets: Target[],
	batchSize: number,
): string {
	const out: string[] = [];
	out.push('# BillPro node benchmark', '');
	out.push(
		`- Date: ${env.date}`,
		`- Machine: ${env.cpu}, ${env.cores} cores, ${env.memoryGB} GB RAM, ${env.os}`,
		`- Node ${env.node}; n8n-core ${env.n8nCore}, n8n-workflow ${env.n8nWorkflow}; axios ${env.axios}; HTTP Request node: ${env.httpNode}`,
		`- Code measured: ${env.gitHead}`,
		`- Command: \`${env.command}\``,
		'',
		'Plan:',
		...env.plan.map((line) => `- ${line}`),
		'',
	);
	if (env.notes.length) out.push('Notes:', ...env.notes.map((line) => `- ${line}`), '');

	if (rows.some((row) => row.section === 'returnAll')) {
		out.push('## 1. Return All: 10,000 products, 10,000 customers (400 pages of 25)', '');
		out.push(...timingTable(rows, 'returnAll'), '');
	}
	if (rows.some((row) => row.section === 'create')) {
		out.push(`## 2. Create 1,000 customers from 1,000 items (concurrency ${batchSize})`, '');
		out.push(...timingTable(rows, 'create'), '');
	}
	out.push(
		'× raw: median divided by the raw axios median of the same latency and job (raw axios: a sequential page loop for Return All, a pool of workers for create, keep-alive connections). Requests, peak in flight and new TCP connections are counted by the sandbox (last rep; peak is the highest of all reps). Client CPU: user + system CPU of the benchmark process during the run.',
		'',
		'At 0 ms the sandbox answers each request before it reads the next one, so it never has more than 1 in flight: peak in flight shows concurrency only with latency. n8n-core 2.11.1 gives every request a new http.Agent with keep-alive off, so the node and the HTTP Request node open a TCP connection per request (New TCP conns); the "new connection per request" raw rows send the same way, which separates that cost (which the node cannot change: it sends through n8n\'s own HTTP helpers, as verified community nodes must) from the rest of the node\'s overhead.',
		'',
	);
	if (memory) {
		out.push('## 3. Memory: peak RSS of one product Return All, each in a fresh process', '');
		out.push(
			'| Client | Products | Peak RSS MB | Baseline (0 products) MB | Peak − baseline MB | RSS growth during the run MB | Heap retained by the result MB | Run ms |',
			'|---|---:|---:|---:|---:|---:|---:|---:|',
		);
		for (const row of memory) {
			if (row.error) {
				out.push(
					`| ${row.label} | ${row.products.toLocaleString('en-US')} | **failed**: ${row.error} | | | |`,
				);
				continue;
			}
			const delta =
				row.maxRssMB !== undefined && row.baselineMB !== undefined
					? row.maxRssMB - row.baselineMB
					: NaN;
			out.push(
				`| ${row.label} | ${row.products.toLocaleString('en-US')} | ${row.maxRssMB?.toFixed(0)} | ${row.baselineMB?.toFixed(0) ?? '–'} | **${Number.isFinite(delta) ? delta.toFixed(0) : '–'}** | ${row.runGrowthMB?.toFixed(0) ?? '–'} | ${row.retainedHeapMB?.toFixed(0) ?? '–'} | ${ms(row.ms ?? NaN)} |`,
			);
		}
		out.push(
			'',
			'Peak RSS: `process.resourceUsage().maxRSS` of a child (`node --expose-gc --import tsx bench/memoryChild.ts`) that loads the client, collects garbage, runs one Return All and keeps the records. Baseline: the same child against an empty catalogue. maxRSS is a high-water mark of the whole process: where loading n8n-core peaked higher than a small run, peak − baseline understates that run, so the next two columns measure the run alone (RSS sampled every 5 ms during the run minus RSS just before it; heap in use after a garbage collection with the records still held, minus before the run). The sandbox runs in another process and is not counted.',
			'',
		);
	}
	if (cold) {
		out.push('## 4. Cold load and package size', '');
		if (cold.error) out.push(`**failed**: ${cold.error}`, '');
		out.push('| Measure | Value |', '|---|---:|');
		out.push(
			`| require node module (n8n-workflow already loaded, as in n8n), median of ${cold.reps} processes | ${ms(cold.nodeMs ?? NaN)} ms |`,
		);
		out.push(`| then require credential module | ${ms(cold.credentialMs ?? NaN)} ms |`);
		out.push(
			`| node + credential, n8n-workflow already loaded | **${ms(cold.warmTotalMs ?? NaN)} ms** |`,
		);
		out.push(
			`| node + credential in a fresh process (n8n-workflow loaded by them) | ${ms(cold.coldTotalMs ?? NaN)} ms |`,
		);
		if (cold.tarball) {
			out.push(
				`| packed tarball (\`npm pack --dry-run\`: ${cold.tarball.filename}) | **${(cold.tarball.size / 1024).toFixed(1)} kB** |`,
			);
			out.push(
				`| unpacked, ${cold.tarball.entryCount} files | ${(cold.tarball.unpackedSize / 1024).toFixed(1)} kB |`,
			);
		}
		out.push('', cold.distNote, '');
	}
	if (targets.length) {
		out.push('## Targets', '');
		out.push('| Target | Measured | Met? |', '|---|---|---|');
		for (const target of targets) {
			const met = target.met === undefined ? 'not measured' : target.met ? 'yes' : '**NO**';
			out.push(`| ${target.what} | ${target.measured} | ${met} |`);
		}
		out.push('');
	}
	return out.join('\n');
}

/** Which code was measured: the commit, and whether nodes/ or credentials/ differ from it. */
export function gitDescription(): string {
	try {
		const git = (args: string[]) =>
			execFileSync('git', ['--no-optional-locks', ...args], {
				cwd: path.join(__dirname, '..'),
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore'],
			}).trim();
		const head = git(['rev-parse', '--short', 'HEAD']);
		const changed = git(['status', '--porcelain', '--', 'nodes', 'credentials'])
			.split('\n')
			.filter(Boolean).length;
		return changed
			? `commit ${head} plus uncommitted changes in ${changed} file(s) under nodes/ and credentials/ (the working tree as it was)`
			: `commit ${head}, nodes/ and credentials/ unchanged`;
	} catch {
		return 'working tree (git not available)';
	}
}
