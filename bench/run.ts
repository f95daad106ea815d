/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- benchmark tooling, never published (not in package.json "files") */
/**
 * `npm run bench` (node --expose-gc --import tsx bench/run.ts): the BillPro node against a raw
 * axios script and n8n's HTTP Request node, on the BillPro sandbox at 127.0.0.1 with 0 ms and
 * 50 ms injected latency. Prints a markdown report and writes it to bench/results.md.
 *
 * Flags:
 *   --quick              fewer repetitions, no 100,000-product memory case, no 50 ms customer list
 *   --only=a,b           sections: returnAll, create, memory, coldLoad (or 1, 2, 3, 4)
 *   --concurrency=N      create: Items per Batch for the node, workers for raw axios (default 10)
 *   --parallel-pages=N   the fetch-ahead raw script's pages in flight (default 8)
 *   --no-http-node       leave n8n's HTTP Request node out
 *   --no-install         do not install n8n-nodes-base into bench/http-request-node when missing
 *   --build              run `npm run build` before the cold-load section (else only if dist/ is missing)
 * A full run writes bench/results.md; --quick or --only write bench/results.partial.md.
 */
// First: sets N8N_USER_FOLDER before anything loads n8n-core.
import { n8nTeardown } from './n8nEnv';

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { PAGE_SIZE } from '../sandbox/config';
import {
	ensureHttpRequestNode,
	HTTP_REQUEST_VERSION,
	httpRequestReturnAll,
	loadHttpRequestNode,
	type HttpNodeInfo,
} from './httpRequestNode';
import { applyDeclarativeRequestOptions, nodeCreate, nodeReturnAll } from './nodeClients';
import {
	checkCreated,
	checkList,
	createInputs,
	rawCreate,
	rawReturnAll,
	rawReturnAllParallel,
	type ListResource,
} from './rawClients';
import {
	evaluateTargets,
	gitDescription,
	median,
	ms,
	renderReport,
	type ClientId,
	type ColdLoad,
	type Environment,
	type MemoryRow,
	type Row,
	type RunSample,
} from './report';
import { SandboxProcess } from './sandboxClient';
import type { SandboxSpec, StartedSandbox } from './sandboxProcess';

const ROOT = path.join(__dirname, '..');
const CATALOGUE = 10_000;
const BIG_CATALOGUE = 100_000;
const CREATES = 1_000;

// ---- Options ----------------------------------------------------------------------------------

type Section = 'returnAll' | 'create' | 'memory' | 'coldLoad';
const SECTIONS: Section[] = ['returnAll', 'create', 'memory', 'coldLoad'];

interface Options {
	quick: boolean;
	only: Set<Section>;
	partial: boolean;
	concurrency: number;
	parallelPages: number;
	httpNode: boolean;
	install: boolean;
	build: boolean;
}

function parseOptions(argv: string[]): Options {
	const options: Options = {
		quick: false,
		only: new Set(SECTIONS),
		partial: false,
		concurrency: 10,
		parallelPages: 8,
		httpNode: true,
		install: true,
		build: false,
	};
	const positiveInt = (flag: string, text: string) => {
		const value = Number(text);
		if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} needs a whole number ≥ 1`);
		return value;
	};
	for (const arg of argv) {
		const [flag, value = ''] = arg.split('=');
		if (flag === '--quick') options.quick = options.partial = true;
		else if (flag === '--only') {
			options.partial = true;
			options.only = new Set(
				value.split(',').map((name) => {
					const found = SECTIONS.find(
						(section, index) =>
							section.toLowerCase() === name.trim().toLowerCase() ||
							String(index + 1) === name.trim(),
					);
					if (!found) throw new Error(`--only: unknown section "${name}" (${SECTIONS.join(', ')})`);
					return found;
				}),
			);
		} else if (flag === '--concurrency') options.concurrency = positiveInt(flag, value);
		else if (flag === '--parallel-pages') options.parallelPages = positiveInt(flag, value);
		else if (flag === '--no-http-node') options.httpNode = false;
		else if (flag === '--no-install') options.install = false;
		else if (flag === '--build') options.build = true;
		else throw new Error(`Unknown flag ${arg} (see the top of bench/run.ts)`);
	}
	return options;
}

function log(line: string): void {
	process.stderr.write(`${line}\n`);
}

// ---- Timed runs -------------------------------------------------------------------------------

const collectGarbage = (globalThis as { gc?: () => void }).gc;

async function measure<T>(
	sandboxes: SandboxProcess,
	server: StartedSandbox,
	run: () => Promise<T>,
	check: (result: T) => void,
): Promise<RunSample> {
	collectGarbage?.();
	await sandboxes.reset(server.port);
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	const result = await run();
	const elapsed = performance.now() - started;
	const cpu = process.cpuUsage(cpuBefore);
	check(result);
	const stats = await sandboxes.stats(server.port);
	return { ms: elapsed, cpuMs: (cpu.user + cpu.system) / 1000, ...stats };
}

interface Contender<T> {
	id: ClientId;
	label: string;
	reps: number;
	run: (rep: number, server: StartedSandbox) => Promise<T>;
	check: (result: T) => void;
}

/**
 * Runs the contenders' repetitions interleaved (A B C, A B C, …) after `warmups` untimed rounds,
 * against the named sandbox; with `freshSandbox`, a new one (same seed) for every run.
 */
async function compare<T>(
	sandboxes: SandboxProcess,
	serverName: string,
	base: Omit<Row, 'client' | 'label' | 'reps' | 'samples'>,
	contenders: Array<Contender<T>>,
	warmups: number,
	freshSandbox = false,
): Promise<Row[]> {
	contenders = contenders.filter((c) => c.reps > 0);
	const rows: Row[] = contenders.map((c) => ({
		...base,
		client: c.id,
		label: c.label,
		reps: c.reps,
		samples: [],
	}));
	const what = `${base.section} ${base.subject} @${base.latencyMs} ms`;
	for (let round = -warmups; round < Math.max(...contenders.map((c) => c.reps)); round++) {
		for (const [index, contender] of contenders.entries()) {
			const row = rows[index];
			if (row.error || round >= contender.reps) continue;
			try {
				const server = freshSandbox
					? await sandboxes.restart(serverName)
					: sandboxes.servers[serverName];
				const sample = await measure(
					sandboxes,
					server,
					() => contender.run(round, server),
					contender.check,
				);
				if (round >= 0) row.samples.push(sample);
				log(
					`  ${what} ${contender.label}: ${round < 0 ? 'warm-up' : `rep ${round + 1}/${contender.reps}`} ${ms(sample.ms)} ms, peak ${sample.peakInFlight} in flight`,
				);
			} catch (error) {
				row.error = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');
				log(`  ${what} ${contender.label}: FAILED ${row.error}`);
			}
		}
	}
	return rows;
}

// ---- Sections ---------------------------------------------------------------------------------

interface Plan {
	returnAll: Array<{
		latencyMs: number;
		subject: ListResource;
		reps: Record<ClientId, number>;
		warmups: number;
	}>;
	create: Array<{
		latencyMs: number;
		reps: Record<'node' | 'raw' | 'rawNoKeepAlive', number>;
		warmups: number;
	}>;
	memoryCatalogues: number[];
	coldReps: number;
}

function planFor(options: Options): Plan {
	// The new-connection-per-request raw script runs at 0 ms only: with latency it adds nothing.
	const all = (n: number, rawNoKeepAlive = n): Record<ClientId, number> => ({
		node: n,
		raw: n,
		rawNoKeepAlive,
		rawParallel: n,
		http: n,
	});
	const creates = (n: number, rawNoKeepAlive = n) => ({ node: n, raw: n, rawNoKeepAlive });
	if (options.quick) {
		return {
			returnAll: [
				{ latencyMs: 0, subject: 'product', reps: all(2), warmups: 1 },
				{ latencyMs: 0, subject: 'customer', reps: all(2), warmups: 1 },
				{ latencyMs: 50, subject: 'product', reps: all(1, 0), warmups: 0 },
			],
			create: [
				{ latencyMs: 0, reps: creates(2), warmups: 1 },
				{ latencyMs: 50, reps: creates(1, 0), warmups: 0 },
			],
			memoryCatalogues: [CATALOGUE],
			coldReps: 3,
		};
	}
	return {
		returnAll: [
			{ latencyMs: 0, subject: 'product', reps: all(5), warmups: 1 },
			{ latencyMs: 0, subject: 'customer', reps: all(5), warmups: 1 },
			// A sequential crawl of 401 pages at 50 ms takes ~21 s whatever the client (it is all
			// waiting, min–max within 3 %): reps go to the node and the fetch-ahead script, the
			// sequential ones run fewer times, to keep the whole run near 5 minutes.
			{
				latencyMs: 50,
				subject: 'product',
				reps: { node: 3, raw: 2, rawNoKeepAlive: 0, rawParallel: 3, http: 1 },
				warmups: 0,
			},
			{ latencyMs: 50, subject: 'customer', reps: all(1, 0), warmups: 0 },
		],
		create: [
			{ latencyMs: 0, reps: creates(5), warmups: 1 },
			{ latencyMs: 50, reps: creates(3, 0), warmups: 0 },
		],
		memoryCatalogues: [CATALOGUE, BIG_CATALOGUE],
		coldReps: 5,
	};
}

function describePlan(
	plan: Plan,
	options: Options,
	sections: Set<Section>,
	http: HttpNodeInfo,
): string[] {
	const lines: string[] = [];
	const short: Record<ClientId, string> = {
		node: 'node',
		raw: 'raw',
		rawNoKeepAlive: 'raw new-connection',
		rawParallel: 'raw ∥',
		http: 'HTTP Request',
	};
	const repsText = (reps: Partial<Record<ClientId, number>>) => {
		const entries = Object.entries(reps) as Array<[ClientId, number]>;
		const values = new Set(entries.map(([, n]) => n).filter((n) => n > 0));
		const text = entries.filter(([, n]) => n > 0).map(([id, n]) => `${short[id]} ${n}`);
		const none = entries.filter(([, n]) => n === 0).map(([id]) => short[id]);
		return `${values.size === 1 ? `${[...values][0]}` : text.join(', ')}${none.length ? ` (not run: ${none.join(', ')})` : ''}`;
	};
	if (sections.has('returnAll')) {
		for (const step of plan.returnAll) {
			const reps: Partial<Record<ClientId, number>> = { ...step.reps };
			if (!http.available) delete reps.http;
			lines.push(
				`Return All ${step.subject}s at ${step.latencyMs} ms: reps ${repsText(reps)}${step.warmups ? ` (+${step.warmups} untimed warm-up)` : ''}, interleaved`,
			);
		}
	}
	if (sections.has('create')) {
		for (const step of plan.create) {
			lines.push(
				`Create ${CREATES} customers at ${step.latencyMs} ms: reps ${repsText(step.reps)}${step.warmups ? ` (+${step.warmups} warm-up)` : ''}; node: Request Options → Batching, Items per Batch ${options.concurrency}, Batch Interval 0; raw axios: ${options.concurrency} workers; a fresh sandbox (default seed) for every run`,
			);
		}
	}
	if (sections.has('memory')) {
		lines.push(
			`Memory: one fresh process per client and catalogue size (${plan.memoryCatalogues.map((n) => n.toLocaleString('en-US')).join(', ')} products) plus a 0-product baseline each`,
		);
	}
	if (sections.has('coldLoad')) lines.push(`Cold load: median of ${plan.coldReps} fresh processes`);
	lines.push(
		`The sandbox (sandbox/, page size ${PAGE_SIZE}) runs in its own process on 127.0.0.1; latency is injected before every response.`,
		`Raw axios: its own axios instance (Node's keep-alive global agent), in the benchmark process. Raw ∥: page 1, then ${options.parallelPages} pages in flight until a short page.`,
		http.available
			? `HTTP Request node: n8n-nodes-base ${http.version} (${http.note}), v${HTTP_REQUEST_VERSION}, Pagination: Update a Parameter in Each Request, query \`page\` = \`{{ $pageCount + 1 }}\`, Pagination Complete When: Response Is Empty; Authorization header, no credential; same n8n-core engine and n8n-workflow as the node.`
			: `HTTP Request node: not measured: ${http.note}`,
	);
	return lines;
}

async function returnAllSection(
	sandboxes: SandboxProcess,
	plan: Plan,
	options: Options,
	http: HttpNodeInfo,
): Promise<Row[]> {
	const rows: Row[] = [];
	for (const step of plan.returnAll) {
		const serverName = `list${step.latencyMs}`;
		const base = {
			section: 'returnAll' as const,
			latencyMs: step.latencyMs,
			subject: step.subject,
		};
		log(`Return All ${step.subject}s at ${step.latencyMs} ms`);
		const check = (who: string) => (records: Array<{ id?: unknown }>) =>
			checkList(`${who} ${step.subject} Return All`, records as never, CATALOGUE);
		const contenders: Array<Contender<Array<{ id?: unknown }>>> = [
			{
				id: 'node',
				label: 'BillPro node (n8n-core engine)',
				reps: step.reps.node,
				run: (_, server) => nodeReturnAll(server.baseUrl, step.subject),
				check: check('node'),
			},
			{
				id: 'raw',
				label: 'raw axios, sequential page loop',
				reps: step.reps.raw,
				run: (_, server) => rawReturnAll(server.baseUrl, step.subject),
				check: check('raw'),
			},
			{
				id: 'rawNoKeepAlive',
				label: 'raw axios, sequential, new connection per request',
				reps: step.reps.rawNoKeepAlive,
				run: (_, server) => rawReturnAll(server.baseUrl, step.subject, { keepAlive: false }),
				check: check('raw new-connection'),
			},
			{
				id: 'rawParallel',
				label: `raw axios, ${options.parallelPages} pages in flight`,
				reps: step.reps.rawParallel,
				run: (_, server) =>
					rawReturnAllParallel(server.baseUrl, step.subject, options.parallelPages),
				check: check('raw parallel'),
			},
		];
		const httpLabel = `n8n HTTP Request node v${HTTP_REQUEST_VERSION}, pagination`;
		if (http.available) {
			contenders.push({
				id: 'http',
				label: httpLabel,
				reps: step.reps.http,
				run: (_, server) => httpRequestReturnAll(server.baseUrl, step.subject),
				check: check('HTTP Request node'),
			});
		}
		rows.push(...(await compare(sandboxes, serverName, base, contenders, step.warmups)));
		if (!http.available) {
			rows.push({
				...base,
				client: 'http',
				label: httpLabel,
				reps: 0,
				samples: [],
				skipped: http.note,
			});
		}
	}
	return rows;
}

async function createSection(
	sandboxes: SandboxProcess,
	plan: Plan,
	options: Options,
): Promise<Row[]> {
	const rows: Row[] = [];
	const n = options.concurrency;
	for (const step of plan.create) {
		const serverName = `create${step.latencyMs}`;
		log(`Create ${CREATES} customers at ${step.latencyMs} ms, concurrency ${n}`);
		const inputsFor = (who: string, rep: number) =>
			createInputs(CREATES, `${who}-${step.latencyMs}ms-${rep < 0 ? `w${-rep}` : rep}`);
		// Every run gets a fresh sandbox (the sandbox checks a new email against every stored
		// customer, so creates would slow down as runs pile customers up); the check needs the
		// inputs the run was given.
		let nodeInputs = inputsFor('node', 0);
		let rawInputs = inputsFor('raw', 0);
		let rawNewInputs = inputsFor('rawNew', 0);
		rows.push(
			...(await compare(
				sandboxes,
				serverName,
				{ section: 'create', latencyMs: step.latencyMs, subject: 'customer' },
				[
					{
						id: 'node',
						label: `BillPro node, Items per Batch ${n}`,
						reps: step.reps.node,
						run: (rep, server) =>
							nodeCreate(server.baseUrl, (nodeInputs = inputsFor('node', rep)), n),
						check: (records) => checkCreated('node create', records, nodeInputs),
					},
					{
						id: 'raw',
						label: `raw axios, ${n} workers`,
						reps: step.reps.raw,
						run: (rep, server) => rawCreate(server.baseUrl, (rawInputs = inputsFor('raw', rep)), n),
						check: (records) => checkCreated('raw create', records, rawInputs),
					},
					{
						id: 'rawNoKeepAlive',
						label: `raw axios, ${n} workers, new connection per request`,
						reps: step.reps.rawNoKeepAlive,
						run: (rep, server) =>
							rawCreate(server.baseUrl, (rawNewInputs = inputsFor('rawNew', rep)), n, {
								keepAlive: false,
							}),
						check: (records) => checkCreated('raw new-connection create', records, rawNewInputs),
					},
				],
				step.warmups,
				true,
			)),
		);
	}
	return rows;
}

interface MemoryResult {
	maxRssKB: number;
	runRssGrowthKB: number;
	retainedHeapKB: number;
	ms: number;
	items: number;
}

function memoryChild(client: string, baseUrl: string, expected: number): Promise<MemoryResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			[
				'--expose-gc',
				'--import',
				'tsx',
				path.join(__dirname, 'memoryChild.ts'),
				client,
				baseUrl,
				String(expected),
			],
			{ cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
		);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('exit', (code) => {
			const line = stdout.trim().split('\n').pop() ?? '';
			if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as MemoryResult);
			else
				reject(
					new Error(
						`exit ${code}: ${(stderr || stdout).trim().split('\n').slice(0, 3).join(' ').slice(0, 300)}`,
					),
				);
		});
	});
}

async function memorySection(
	sandboxes: SandboxProcess,
	plan: Plan,
	http: HttpNodeInfo,
): Promise<MemoryRow[]> {
	const rows: MemoryRow[] = [];
	const clients: Array<{ client: MemoryRow['client']; label: string }> = [
		{ client: 'node', label: 'BillPro node (n8n-core engine)' },
		{ client: 'raw', label: 'raw axios, sequential page loop' },
	];
	if (http.available)
		clients.push({ client: 'http', label: `n8n HTTP Request node v${HTTP_REQUEST_VERSION}` });
	const serverFor = (products: number) =>
		products === CATALOGUE ? sandboxes.servers.list0 : sandboxes.servers.memory100k;
	for (const { client, label } of clients) {
		log(`Memory: ${label}`);
		let baselineMB: number | undefined;
		try {
			const baseline = await memoryChild(client, sandboxes.servers.empty.baseUrl, 0);
			baselineMB = baseline.maxRssKB / 1024;
			log(`  baseline: peak RSS ${baselineMB.toFixed(0)} MB`);
		} catch (error) {
			log(`  baseline FAILED ${(error as Error).message}`);
		}
		for (const products of plan.memoryCatalogues) {
			try {
				const result = await memoryChild(client, serverFor(products).baseUrl, products);
				rows.push({
					client,
					label,
					products,
					maxRssMB: result.maxRssKB / 1024,
					baselineMB,
					runGrowthMB: result.runRssGrowthKB / 1024,
					retainedHeapMB: result.retainedHeapKB / 1024,
					ms: result.ms,
				});
				log(
					`  ${products} products: peak RSS ${(result.maxRssKB / 1024).toFixed(0)} MB, growth during run ${(result.runRssGrowthKB / 1024).toFixed(0)} MB, ${ms(result.ms)} ms`,
				);
			} catch (error) {
				rows.push({ client, label, products, error: (error as Error).message });
				log(`  ${products} products: FAILED ${(error as Error).message}`);
			}
		}
	}
	return rows;
}

function newestMtime(dir: string): { file: string; mtime: number } {
	let newest = { file: '', mtime: 0 };
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		const candidate = entry.isDirectory()
			? newestMtime(full)
			: { file: full, mtime: statSync(full).mtimeMs };
		if (candidate.mtime > newest.mtime) newest = candidate;
	}
	return newest;
}

function coldLoadSection(plan: Plan, options: Options): ColdLoad {
	const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[]; credentials: string[] };
	};
	const nodeFile = manifest.n8n.nodes[0];
	const credentialFile = manifest.n8n.credentials[0];
	const cold: ColdLoad = { reps: plan.coldReps, distNote: '' };
	try {
		if (options.build || !existsSync(path.join(ROOT, nodeFile))) {
			log('Cold load: npm run build');
			execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
			cold.distNote = 'dist/ was built by this run (`npm run build`).';
		} else {
			const built = statSync(path.join(ROOT, nodeFile)).mtimeMs;
			const newest = [
				newestMtime(path.join(ROOT, 'nodes')),
				newestMtime(path.join(ROOT, 'credentials')),
			].sort((a, b) => b.mtime - a.mtime)[0];
			cold.distNote =
				newest.mtime > built
					? `**dist/ is older than the sources** (${path.relative(ROOT, newest.file)} changed after the build): these cold-load and tarball numbers are for the last build; run with \`--build\` to rebuild first.`
					: 'dist/ is up to date with nodes/ and credentials/.';
		}
		log('Cold load');
		const script = (preload: boolean) => `
			const { performance } = require('node:perf_hooks');
			${preload ? "require('n8n-workflow');" : ''}
			const t0 = performance.now();
			require(${JSON.stringify(`./${nodeFile}`)});
			const t1 = performance.now();
			require(${JSON.stringify(`./${credentialFile}`)});
			const t2 = performance.now();
			process.stdout.write(JSON.stringify({ node: t1 - t0, credential: t2 - t1 }));`;
		const timings = (preload: boolean) =>
			Array.from(
				{ length: plan.coldReps },
				() =>
					JSON.parse(
						execFileSync(process.execPath, ['-e', script(preload)], {
							cwd: ROOT,
							encoding: 'utf8',
						}),
					) as {
						node: number;
						credential: number;
					},
			);
		const warm = timings(true);
		const fresh = timings(false);
		cold.nodeMs = median(warm.map((t) => t.node));
		cold.credentialMs = median(warm.map((t) => t.credential));
		cold.warmTotalMs = median(warm.map((t) => t.node + t.credential));
		cold.coldTotalMs = median(fresh.map((t) => t.node + t.credential));
		const packed = JSON.parse(
			execFileSync('npm', ['pack', '--dry-run', '--json'], {
				cwd: ROOT,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore'],
			}),
		) as Array<{ size: number; unpackedSize: number; entryCount: number; filename: string }>;
		const { size, unpackedSize, entryCount, filename } = packed[0];
		cold.tarball = { size, unpackedSize, entryCount, filename };
		log(
			`  node+credential ${ms(cold.warmTotalMs)} ms (cold ${ms(cold.coldTotalMs)} ms), tarball ${size} B`,
		);
	} catch (error) {
		cold.error = (error as Error).message.split('\n')[0];
		log(`  FAILED ${cold.error}`);
	}
	return cold;
}

// ---- Environment ------------------------------------------------------------------------------

function packageVersion(dir: string): string {
	try {
		return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string })
			.version;
	} catch {
		return 'unknown';
	}
}

// ---- Main -------------------------------------------------------------------------------------

async function main(): Promise<number> {
	const options = parseOptions(process.argv.slice(2));
	const started = performance.now();
	const loadAtStart = os.loadavg()[0];
	const plan = planFor(options);
	const sections = options.only;
	const notes: string[] = [];
	if (!collectGarbage) notes.push('Run without --expose-gc: no garbage collection between runs.');

	const requestOptions = applyDeclarativeRequestOptions();
	notes.push(
		`The node type carries n8n's Request Options (${requestOptions.options.join(', ')}) as n8n adds them on load (n8n-core DirectoryLoader.applyDeclarativeNodeOptionParameters), ${requestOptions.appliedHere ? 'applied by this benchmark' : 'already applied by test/harness/workflow.ts'}.`,
	);

	const needsHttp = options.httpNode && (sections.has('returnAll') || sections.has('memory'));
	const http: HttpNodeInfo = needsHttp
		? ensureHttpRequestNode(options.install, log)
		: {
				available: false,
				note: options.httpNode ? 'not needed by the chosen sections' : '--no-http-node given',
			};
	if (http.available) loadHttpRequestNode();

	const specs: SandboxSpec[] = [];
	const catalogue = { products: { 1: CATALOGUE }, customers: { 1: CATALOGUE } };
	if (sections.has('returnAll') || sections.has('memory'))
		specs.push({ name: 'list0', seed: catalogue, latencyMs: 0 });
	if (sections.has('returnAll')) specs.push({ name: 'list50', seed: catalogue, latencyMs: 50 });
	if (sections.has('create')) {
		specs.push(
			{ name: 'create0', seed: {}, latencyMs: 0 },
			{ name: 'create50', seed: {}, latencyMs: 50 },
		);
	}
	if (sections.has('memory')) {
		specs.push({ name: 'empty', seed: { products: { 1: 0 }, customers: { 1: 0 } }, latencyMs: 0 });
		if (plan.memoryCatalogues.includes(BIG_CATALOGUE)) {
			specs.push({
				name: 'memory100k',
				seed: { products: { 1: BIG_CATALOGUE }, customers: { 1: 0 } },
				latencyMs: 0,
			});
		}
	}
	log(`Starting the sandbox process (${specs.map((s) => s.name).join(', ')}) …`);
	const sandboxes = specs.length ? await SandboxProcess.start(specs) : undefined;

	const rows: Row[] = [];
	let memory: MemoryRow[] | undefined;
	let cold: ColdLoad | undefined;
	try {
		if (sandboxes && sections.has('returnAll'))
			rows.push(...(await returnAllSection(sandboxes, plan, options, http)));
		if (sandboxes && sections.has('create'))
			rows.push(...(await createSection(sandboxes, plan, options)));
		if (sandboxes && sections.has('memory')) memory = await memorySection(sandboxes, plan, http);
		if (sections.has('coldLoad')) cold = coldLoadSection(plan, options);
	} finally {
		await sandboxes?.close();
	}

	const seconds = (performance.now() - started) / 1000;
	notes.push(
		`This run took ${seconds.toFixed(0)} s. 1-minute load average: ${loadAtStart.toFixed(2)} at the start, ${os.loadavg()[0].toFixed(2)} at the end (other work on the machine skews the timings).`,
	);
	const cpus = os.cpus();
	const env: Environment = {
		date: new Date().toISOString(),
		cpu: cpus[0]?.model ?? 'unknown CPU',
		cores: cpus.length,
		memoryGB: Math.round(os.totalmem() / 1024 ** 3),
		os: `${os.type()} ${os.release()} ${os.arch()}`,
		node: process.version,
		n8nCore: packageVersion(path.join(ROOT, 'node_modules/n8n-core')),
		n8nWorkflow: packageVersion(path.join(ROOT, 'node_modules/n8n-workflow')),
		axios: packageVersion(path.join(ROOT, 'node_modules/axios')),
		httpNode: http.available ? `n8n-nodes-base ${http.version}` : `not measured (${http.note})`,
		gitHead: gitDescription(),
		command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
		plan: describePlan(plan, options, sections, http),
		notes,
	};
	const targets =
		sections.has('returnAll') && sections.has('create')
			? evaluateTargets(rows, options.concurrency)
			: [];
	if (!targets.length)
		notes.push('Targets are judged only on a run with both the returnAll and create sections.');
	const report = renderReport(env, rows, memory, cold, targets, options.concurrency);
	const file = path.join(__dirname, options.partial ? 'results.partial.md' : 'results.md');
	writeFileSync(file, `${report}\n`);
	process.stdout.write(`${report}\n`);
	log(`Written to ${path.relative(ROOT, file)} (${seconds.toFixed(0)} s)`);
	const failed = rows.some((row) => row.error) || memory?.some((row) => row.error) || cold?.error;
	return failed ? 1 : 0;
}

main()
	.then(async (code) => {
		await n8nTeardown();
		process.exit(code);
	})
	.catch(async (error) => {
		console.error(error instanceof Error ? error.stack : error);
		await n8nTeardown().catch(() => {});
		process.exit(2);
	});
