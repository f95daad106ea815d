/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- benchmark tooling, never published (not in package.json "files") */
/**
 * `npm run bench:n8n`: the benchmark's jobs inside the n8n app that `npm start` runs (n8n 2.41.1
 * on Node 24, this package installed from its tarball as a community package), next to a raw
 * axios script on the same Node. `npm run bench` measures the same jobs through n8n-core 2.11.1
 * in this process; this one answers whether the current n8n line sends requests differently.
 *
 * Each job is one workflow run by `n8n execute`: an untimed warm-up node, then one node per
 * repetition, chained with "Execute Once" so each runs once. Its time is the node's own
 * executionTime in n8n's run data (the CLI's start-up is not counted). Every client gets its own
 * sandbox (bench/sandboxProcess.ts) so its requests and new TCP connections can be counted.
 * The floor node (bench/floorNode.ts) is installed into the same n8n as a community package of
 * its own (bench/floorPackage.ts). Every n8n run and raw script preloads bench/inFlightCounter.cjs,
 * which counts the requests in flight on the client's side.
 * Last, the gateway job (bench/gatewayJob.ts, `g`): the BillPro Payment Gateway Trigger against
 * n8n's Webhook node and a floor webhook node in a running n8n.
 * Prints a markdown report and writes it to bench/results-n8n.md. Flags: --quick (1 repetition);
 * --only=p0,n5,g (these jobs), --clients=node,floor (these clients, also ones no job has by default:
 * floorCredentialPerRequest; the gateway job's: webhook, floor, trigger, triggerEmpty) and
 * --reps=N (repetitions per job, rounds of the gateway job), which write
 * bench/results-n8n.partial.md; --cpu-prof=DIR (a V8 CPU profile of every timed `n8n execute`, and
 * of the gateway job's n8n, in DIR); --gateway-env=NAME=VALUE,… (n8n settings for the gateway
 * job's n8n, e.g. N8N_EXPRESSION_ENGINE_POOL_SIZE=4).
 */
// First: sets N8N_USER_FOLDER before anything loads n8n-core (n8nJobs → httpRequestNode imports it).
import { n8nTeardown } from './n8nEnv';

import { spawn } from 'node:child_process';
import {
	closeSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

import { n8nCli, n8nEnv, parseRawOutput, tailOf, type N8nOptions } from '../scripts/lib/n8n';
import { freePort, run } from '../scripts/lib/proc';
import { startStack, throwawayStackOptions } from '../scripts/lib/stack';
import { SINGLE_PROFILE_TOKEN } from '../sandbox/config';
import type { IDataObject } from 'n8n-workflow';
import { installFloorPackage } from './floorPackage';
import { runGatewayJob, type GatewayClient, type GatewayResult } from './gatewayJob';
import { renderGatewaySection } from './gatewayReport';
import {
	CATALOGUE,
	CLIENT_LABEL,
	CONCURRENCY,
	COUNT_JOB,
	CREATES,
	clientFits,
	executeGroups,
	isRaw,
	jobs,
	PAGES_AHEAD,
	stepName,
	workflowFor,
	type Client,
	type Job,
} from './n8nJobs';
import { renderReport, type ClientInFlight, type ExpressionStat, type Result } from './n8nReport';
import { checkCreated, checkList } from './rawClients';
import type { RawJob } from './rawChild';
import { gitDescription, ms } from './report';
import { SandboxProcess } from './sandboxClient';
import type { SandboxSpec } from './sandboxProcess';

const ROOT = path.join(__dirname, '..');
const quick = process.argv.includes('--quick');
const listFlag = (name: string) =>
	process.argv
		.find((arg) => arg.startsWith(`--${name}=`))
		?.slice(name.length + 3)
		.split(',')
		.filter(Boolean);
const onlyJobs = listFlag('only');
const onlyClients = listFlag('clients');
const repsFlag = Number(listFlag('reps')?.[0] ?? NaN);
const partial =
	quick ||
	!!onlyJobs ||
	!!onlyClients ||
	Number.isFinite(repsFlag) ||
	!!listFlag('cpu-prof') ||
	!!listFlag('gateway-env');
const JOBS = jobs(quick)
	.filter((job) => !onlyJobs || onlyJobs.includes(job.id))
	.map((job) => ({
		...job,
		reps: Number.isFinite(repsFlag) ? repsFlag : job.reps,
		clients: onlyClients
			? (onlyClients as Client[]).filter((client) => clientFits(job, client))
			: job.clients,
	}))
	.filter((job) => job.clients.length > 0);
const GATEWAY_CLIENTS: GatewayClient[] = ['webhook', 'floor', 'trigger', 'triggerEmpty'];
const GATEWAY_JOB = {
	run: !onlyJobs || onlyJobs.includes('g'),
	clients: onlyClients
		? GATEWAY_CLIENTS.filter((client) => onlyClients.includes(client))
		: GATEWAY_CLIENTS,
	rounds: Number.isFinite(repsFlag) ? repsFlag : quick ? 1 : 3,
	warmups: 1,
};
/** --gateway-env=NAME=VALUE,…: n8n settings for the gateway job's n8n only (a diagnostic). */
const gatewayEnv = Object.fromEntries(
	(listFlag('gateway-env') ?? []).map((entry) => entry.split('=', 2) as [string, string]),
);
const IN_FLIGHT_COUNTER = path.join(__dirname, 'inFlightCounter.cjs');
/** --cpu-prof=DIR: every `n8n execute` of a timed job writes a V8 CPU profile into DIR. */
const cpuProfileDir = listFlag('cpu-prof')?.[0];

const log = (line: string) => console.error(line);

// ---- Main -------------------------------------------------------------------------------------

async function main(): Promise<void> {
	const t0 = Date.now();
	const code = gitDescription();
	const workDir = mkdtempSync(path.join(os.tmpdir(), 'billpro-bench-in-n8n-'));
	mkdirSync(path.join(workDir, 'logs'), { recursive: true });
	log(`bench:n8n: working folder ${workDir}`);

	const specs: SandboxSpec[] = JOBS.flatMap((job) =>
		job.clients.map((client) => ({
			name: `${job.id}-${client}`,
			seed:
				job.kind === 'list'
					? { products: { 1: CATALOGUE }, customers: { 1: CATALOGUE } }
					: { products: { 1: 0 }, customers: { 1: 0 } },
			latencyMs: job.latencyMs,
		})),
	);
	specs.push({
		name: COUNT_JOB.id,
		seed: { products: { 1: 0 }, customers: { 1: 0 } },
		latencyMs: 0,
	});
	const sandboxes = await SandboxProcess.start(specs);
	const results: Result[] = [];
	let stack: Awaited<ReturnType<typeof startStack>> | undefined;
	try {
		// The same set-up as `npm start` (package from its tarball, n8n's database), then stop the
		// server: each job runs in its own `n8n execute`, with nothing else running in n8n.
		stack = await startStack(await throwawayStackOptions(workDir));
		await stack.stop();
		const { runtime, n8nOptions } = stack;
		await installFloorPackage(
			runtime,
			n8nOptions.userFolder,
			workDir,
			path.join(workDir, 'logs', 'floor-package.log'),
		);

		const credentials = specs.map((spec, index) => ({
			id: `billproBench${String(index).padStart(4, '0')}`,
			name: `bench ${spec.name}`,
			type: 'billProApi',
			data: {
				apiToken: SINGLE_PROFILE_TOKEN,
				environment: 'custom',
				customUrl: sandboxes.servers[spec.name].baseUrl,
				profileId: '',
			},
		}));
		const credentialFile = path.join(workDir, 'credentials.json');
		writeFileSync(credentialFile, JSON.stringify(credentials));
		await n8nCli(n8nOptions, ['import:credentials', `--input=${credentialFile}`], {
			logFile: path.join(workDir, 'logs', 'import.log'),
			brokerPort: await freePort(),
		});
		rmSync(credentialFile);

		const credentialOf = (name: string) => credentials[specs.findIndex((s) => s.name === name)];
		for (const job of JOBS) {
			const measured: Result[] = [];
			for (const group of executeGroups(job)) {
				const targets = group.map((client) => {
					const name = `${job.id}-${client}`;
					const server = sandboxes.servers[name];
					return { client, server, credential: credentialOf(name) };
				});
				for (const { server } of targets) await sandboxes.reset(server.port);
				let runs = new Map<Client, Measured>();
				let error: string | undefined;
				try {
					runs = isRaw(group[0])
						? new Map([
								[group[0], await runRaw(runtime.node, job, group[0], targets[0].server, workDir)],
							])
						: await runInN8n(n8nOptions, job, targets, workDir);
				} catch (caught) {
					error = (caught instanceof Error ? caught.message : String(caught))
						.replace(/\s+/g, ' ')
						.slice(0, 400);
				}
				for (const { client, server } of targets) {
					const run = runs.get(client);
					const result: Result = {
						job,
						client,
						samples: run?.samples ?? [],
						clientPeak: run?.clientPeak,
						stats: await sandboxes.stats(server.port),
						error: run ? undefined : (error ?? 'no result'),
					};
					measured.push(result);
					log(
						`  ${job.title} @${job.latencyMs} ms, ${CLIENT_LABEL[client]}${group.length > 1 ? ' (interleaved)' : ''}: ${result.error ? `FAILED ${result.error}` : result.samples.map(ms).join(', ') + ' ms'}`,
					);
				}
			}
			// In the job's order of clients.
			for (const client of job.clients) {
				const result = measured.find((r) => r.client === client);
				if (result) results.push(result);
			}
		}

		const expressions =
			JOBS.length > 0
				? await countExpressions(
						n8nOptions,
						sandboxes.servers[COUNT_JOB.id],
						credentials[specs.findIndex((spec) => spec.name === COUNT_JOB.id)],
						workDir,
					)
				: 'not measured (no job of the node in this run)';

		let gateway: GatewayResult[] = [];
		if (GATEWAY_JOB.run && GATEWAY_JOB.clients.length > 0) {
			const profiling = cpuProfileDir
				? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${path.resolve(cpuProfileDir)}` }
				: {};
			gateway = await runGatewayJob(
				{ ...n8nOptions, env: { ...n8nOptions.env, ...profiling, ...gatewayEnv } },
				workDir,
				GATEWAY_JOB,
				log,
			);
		}

		const report = renderReport(results, expressions, {
			n8nVersion: runtime.n8nVersion,
			nodeVersion: runtime.nodeVersion,
			seconds: Math.round((Date.now() - t0) / 1000),
			code,
			quick,
			flags: process.argv.slice(2).join(' '),
		});
		const full = [report.trimEnd(), ...renderGatewaySection(gateway, GATEWAY_JOB.warmups), ''].join(
			'\n',
		);
		console.log(full);
		const file = path.join(__dirname, partial ? 'results-n8n.partial.md' : 'results-n8n.md');
		writeFileSync(file, full);
		log(`Written to ${path.relative(ROOT, file)}`);
	} finally {
		await sandboxes.close();
		await n8nTeardown(true);
		rmSync(workDir, { recursive: true, force: true });
	}
}

async function countExpressions(
	n8nOptions: N8nOptions,
	server: { baseUrl: string; port: number },
	credential: { id: string },
	workDir: string,
): Promise<ExpressionStat[] | string> {
	const statsFile = path.join(workDir, 'expressions.json');
	try {
		await runInN8n(n8nOptions, COUNT_JOB, [{ client: 'node', server, credential }], workDir, {
			nodeArgs: ['--require', path.join(__dirname, 'expressionCounter.cjs')],
			env: {
				BILLPRO_N8N_WORKFLOW: createRequire(n8nOptions.runtime.n8nBin).resolve('n8n-workflow'),
				BILLPRO_EXPRESSION_STATS: statsFile,
			},
		});
		return JSON.parse(readFileSync(statsFile, 'utf8')) as ExpressionStat[];
	} catch (error) {
		return error instanceof Error ? error.message : String(error);
	}
}

let workflowCount = 0;

interface Measured {
	samples: number[];
	/** Requests in flight on the client's side (bench/inFlightCounter.cjs). */
	clientPeak?: ClientInFlight;
}

/** Node arguments and environment that preload bench/inFlightCounter.cjs for one run. */
function inFlightCounting(workDir: string, ports: number[], id: string) {
	const file = path.join(workDir, `${id}.inflight.json`);
	return {
		file,
		nodeArgs: ['--require', IN_FLIGHT_COUNTER],
		env: { BILLPRO_IN_FLIGHT_PORTS: ports.join(','), BILLPRO_IN_FLIGHT_STATS: file },
	};
}

/** What the counter wrote, by port. */
function readClientPeaks(file: string): Map<number, ClientInFlight> & { clock?: unknown } {
	try {
		const { clock, ...stats } = JSON.parse(readFileSync(file, 'utf8')) as Record<
			string,
			ClientInFlight
		>;
		const peaks: Map<number, ClientInFlight> & { clock?: unknown } = new Map(
			Object.entries(stats).map(([port, counts]) => [Number(port), counts]),
		);
		peaks.clock = clock;
		return peaks;
	} catch {
		return new Map();
	} finally {
		rmSync(file, { force: true });
	}
}

/** One `n8n execute` of a job for one or more clients (interleaved), each with its sandbox. */
async function runInN8n(
	n8nOptions: N8nOptions,
	job: Job,
	targets: Array<{
		client: Client;
		server: { baseUrl: string; port: number };
		credential: { id: string };
	}>,
	workDir: string,
	extra: Parameters<typeof executeToFile>[4] = {},
): Promise<Map<Client, Measured>> {
	const id = `BillProBench${String(++workflowCount).padStart(4, '0')}`;
	const { workflow, inputs } = workflowFor(
		job,
		targets.map(({ client, server, credential }) => ({
			client,
			baseUrl: server.baseUrl,
			credential: credential.id,
		})),
		id,
	);
	const file = path.join(workDir, `${id}.json`);
	writeFileSync(file, JSON.stringify(workflow));
	const logFile = path.join(workDir, 'logs', `${id}.log`);
	await n8nCli(n8nOptions, ['import:workflow', `--input=${file}`], {
		logFile,
		brokerPort: await freePort(),
	});
	const output = path.join(workDir, `${id}.out`);
	const counting = inFlightCounting(
		workDir,
		targets.map(({ server }) => server.port),
		id,
	);
	const profiling =
		cpuProfileDir && job !== COUNT_JOB
			? [
					'--cpu-prof',
					`--cpu-prof-dir=${path.resolve(cpuProfileDir)}`,
					`--cpu-prof-name=${job.id}-${targets.map((t) => t.client).join('+')}-${id}.cpuprofile`,
				]
			: [];
	const code = await executeToFile(n8nOptions, id, output, logFile, {
		nodeArgs: [...profiling, ...counting.nodeArgs, ...(extra.nodeArgs ?? [])],
		env: { ...counting.env, ...extra.env },
	});
	const clientPeaks = readClientPeaks(counting.file);
	let parsed: ReturnType<typeof parseRawOutput>;
	try {
		parsed = parseRawOutput(readFileSync(output, 'utf8'));
	} catch {
		throw new Error(
			`n8n execute exited with ${code} without a run; its log ends:\n${tailOf(logFile, 15)}`,
		);
	} finally {
		rmSync(output, { force: true });
	}
	const runData = parsed.data.resultData.runData as Record<
		string,
		Array<{
			startTime?: number;
			executionTime?: number;
			error?: { message: string };
			data?: { main: Array<Array<{ json: IDataObject }> | null> };
		}>
	>;
	if (profiling.length && cpuProfileDir) {
		// When each step ran, for reading the profile by step (epoch ms; "clock" maps them).
		const steps = Object.entries(runData).map(([name, [step]]) => ({
			name,
			startTime: step?.startTime,
			executionTime: step?.executionTime,
		}));
		writeFileSync(
			path.join(
				path.resolve(cpuProfileDir),
				`${profiling[2].slice('--cpu-prof-name='.length)}.steps.json`,
			),
			JSON.stringify({ clock: clientPeaks.clock, steps }),
		);
	}
	const measured = new Map<Client, Measured>();
	for (const { client, server } of targets) {
		const samples: number[] = [];
		for (let round = -job.warmups; round < job.reps; round++) {
			const name = stepName(round, client);
			const step = runData[name]?.[0];
			if (!step || step.error)
				throw new Error(`${name} in n8n: ${step?.error?.message ?? 'did not run'}`);
			const records = (step.data?.main[0] ?? []).map((item) => item.json);
			if (job.kind === 'list') checkList(name, records, CATALOGUE);
			else checkCreated(name, records, inputs.get(name) ?? []);
			if (round >= 0) samples.push(step.executionTime ?? NaN);
		}
		measured.set(client, { samples, clientPeak: clientPeaks.get(server.port) });
	}
	return measured;
}

/**
 * `n8n execute --id <id> --rawOutput` with its output in a file, not a pipe: n8n exits right
 * after printing the run, and a run of 40,000 records (tens of MB) written to a pipe is cut off
 * at exit, while writes to a file complete before it.
 */
async function executeToFile(
	n8nOptions: N8nOptions,
	id: string,
	output: string,
	logFile: string,
	extra: { nodeArgs?: string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<number> {
	const env = { ...n8nEnv(n8nOptions), ...extra.env };
	env.N8N_RUNNERS_BROKER_PORT = String(await freePort());
	const out = openSync(output, 'w');
	const err = openSync(logFile, 'a');
	try {
		const child = spawn(
			n8nOptions.runtime.node,
			[
				...(extra.nodeArgs ?? []),
				n8nOptions.runtime.n8nBin,
				'execute',
				`--id=${id}`,
				'--rawOutput',
			],
			{ env, cwd: n8nOptions.userFolder, stdio: ['ignore', out, err] },
		);
		return await new Promise<number>((resolve, reject) => {
			child.once('error', reject);
			child.once('exit', (exitCode) => resolve(exitCode ?? 1));
		});
	} finally {
		closeSync(out);
		closeSync(err);
	}
}

async function runRaw(
	node: string,
	job: Job,
	client: Client,
	server: { baseUrl: string; port: number },
	workDir: string,
): Promise<Measured> {
	const { baseUrl } = server;
	const keepAlive = client !== 'rawNewConnection';
	const rawJob: RawJob =
		job.kind === 'list'
			? {
					kind: 'list',
					baseUrl,
					resource: job.resource,
					expected: CATALOGUE,
					warmups: job.warmups,
					reps: job.reps,
					keepAlive,
					pagesAhead: client === 'rawAhead' ? PAGES_AHEAD : undefined,
				}
			: {
					kind: 'create',
					baseUrl,
					count: CREATES,
					concurrency: CONCURRENCY,
					tag: job.id,
					warmups: job.warmups,
					reps: job.reps,
					keepAlive,
				};
	const counting = inFlightCounting(workDir, [server.port], `raw-${job.id}-${client}`);
	const { stdout } = await run(
		node,
		[
			...counting.nodeArgs,
			'--import',
			'tsx',
			path.join(__dirname, 'rawChild.ts'),
			JSON.stringify(rawJob),
		],
		{
			cwd: ROOT,
			env: { ...process.env, ...counting.env },
			capture: true,
			timeoutMs: 300_000,
		},
	);
	const { samples } = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { samples: number[] };
	return { samples, clientPeak: readClientPeaks(counting.file).get(server.port) };
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
