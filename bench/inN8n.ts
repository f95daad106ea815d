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
 * Prints a markdown report and writes it to bench/results-n8n.md. Flags: --quick (1 repetition).
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
import { startStack } from '../scripts/lib/stack';
import { SINGLE_PROFILE_TOKEN } from '../test/sandbox/config';
import type { IDataObject } from 'n8n-workflow';
import {
	CATALOGUE,
	CLIENT_LABEL,
	CONCURRENCY,
	COUNT_JOB,
	CREATES,
	jobs,
	stepName,
	workflowFor,
	type Client,
	type Job,
} from './n8nJobs';
import { renderReport, type ExpressionStat, type Result } from './n8nReport';
import { checkCreated, checkList } from './rawClients';
import type { RawJob } from './rawChild';
import { gitDescription, ms } from './report';
import { SandboxProcess } from './sandboxClient';
import type { SandboxSpec } from './sandboxProcess';

const ROOT = path.join(__dirname, '..');
const quick = process.argv.includes('--quick');
const JOBS = jobs(quick);

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
		stack = await startStack({
			userFolder: path.join(workDir, 'n8n-user'),
			workDir,
			n8nPort: await freePort(),
			brokerPort: await freePort(),
			sandboxPort: 0,
			importExamples: 'all',
			offlineNpm: true,
		});
		await stack.stop();
		const { runtime, n8nOptions } = stack;

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

		for (const job of JOBS) {
			for (const client of job.clients) {
				const name = `${job.id}-${client}`;
				const server = sandboxes.servers[name];
				await sandboxes.reset(server.port);
				const result: Result = {
					job,
					client,
					samples: [],
					stats: { requests: 0, peakInFlight: 0, newConnections: 0 },
				};
				try {
					result.samples =
						client === 'raw' || client === 'rawNewConnection'
							? await runRaw(runtime.node, job, server.baseUrl, client === 'raw')
							: await runInN8n(
									n8nOptions,
									job,
									client,
									server.baseUrl,
									credentials[specs.findIndex((s) => s.name === name)],
									workDir,
								);
				} catch (error) {
					result.error = (error instanceof Error ? error.message : String(error))
						.replace(/\s+/g, ' ')
						.slice(0, 400);
				}
				result.stats = await sandboxes.stats(server.port);
				results.push(result);
				log(
					`  ${job.title} @${job.latencyMs} ms, ${CLIENT_LABEL[client]}: ${result.error ? `FAILED ${result.error}` : result.samples.map(ms).join(', ') + ' ms'}`,
				);
			}
		}

		const expressions = await countExpressions(
			n8nOptions,
			sandboxes.servers[COUNT_JOB.id].baseUrl,
			credentials[specs.findIndex((spec) => spec.name === COUNT_JOB.id)],
			workDir,
		);

		const report = renderReport(results, expressions, {
			n8nVersion: runtime.n8nVersion,
			nodeVersion: runtime.nodeVersion,
			seconds: Math.round((Date.now() - t0) / 1000),
			code,
			quick,
		});
		console.log(report);
		const file = path.join(__dirname, quick ? 'results-n8n.partial.md' : 'results-n8n.md');
		writeFileSync(file, report);
		log(`Written to ${path.relative(ROOT, file)}`);
	} finally {
		await sandboxes.close();
		await n8nTeardown(true);
		rmSync(workDir, { recursive: true, force: true });
	}
}

async function countExpressions(
	n8nOptions: N8nOptions,
	baseUrl: string,
	credential: { id: string },
	workDir: string,
): Promise<ExpressionStat[] | string> {
	const statsFile = path.join(workDir, 'expressions.json');
	try {
		await runInN8n(n8nOptions, COUNT_JOB, 'node', baseUrl, credential, workDir, {
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

async function runInN8n(
	n8nOptions: N8nOptions,
	job: Job,
	client: Client,
	baseUrl: string,
	credential: { id: string },
	workDir: string,
	extra: Parameters<typeof executeToFile>[4] = {},
): Promise<number[]> {
	const id = `BillProBench${String(++workflowCount).padStart(4, '0')}`;
	const { workflow, inputs } = workflowFor(job, client, id, baseUrl, credential.id);
	const file = path.join(workDir, `${id}.json`);
	writeFileSync(file, JSON.stringify(workflow));
	const logFile = path.join(workDir, 'logs', `${id}.log`);
	await n8nCli(n8nOptions, ['import:workflow', `--input=${file}`], {
		logFile,
		brokerPort: await freePort(),
	});
	const output = path.join(workDir, `${id}.out`);
	const code = await executeToFile(n8nOptions, id, output, logFile, extra);
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
			executionTime?: number;
			error?: { message: string };
			data?: { main: Array<Array<{ json: IDataObject }> | null> };
		}>
	>;
	const samples: number[] = [];
	for (let round = -job.warmups; round < job.reps; round++) {
		const name = stepName(round);
		const step = runData[name]?.[0];
		if (!step || step.error)
			throw new Error(`${name} in n8n: ${step?.error?.message ?? 'did not run'}`);
		const records = (step.data?.main[0] ?? []).map((item) => item.json);
		if (job.kind === 'list') checkList(`${client} ${name}`, records, CATALOGUE);
		else checkCreated(`${client} ${name}`, records, inputs.get(name) ?? []);
		if (round >= 0) samples.push(step.executionTime ?? NaN);
	}
	return samples;
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
	baseUrl: string,
	keepAlive: boolean,
): Promise<number[]> {
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
	const { stdout } = await run(
		node,
		['--import', 'tsx', path.join(__dirname, 'rawChild.ts'), JSON.stringify(rawJob)],
		{
			cwd: ROOT,
			capture: true,
			timeoutMs: 300_000,
		},
	);
	return (JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { samples: number[] }).samples;
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
