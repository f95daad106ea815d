/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- benchmark tooling, never published (not in package.json "files") */
/**
 * `npm run bench:queue`: throughput of the package in n8n's queue mode with 1 worker and with 2,
 * side by side in one run on one stack (scripts/lib/queue.ts: Redis, PostgreSQL, the main, 2
 * workers, a webhook processor; concurrency 10 per worker). Each round starts RUNS copies of
 * examples/bulk-import-customers.json at once through the main (5 rows each: 4 customers
 * created, 1 refused by BillPro) and times them from the first start to the last finish.
 * Rounds alternate 1 worker (worker-2 stopped) and 2 workers. Prints a markdown report and
 * writes it to bench/results-queue.md, with the machine's CPU use and load in each round (other
 * work on a shared machine shows there). Flags: --runs=N (default 40), --rounds=N (default 2).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { OWNER, importWorkflows } from '../scripts/lib/n8n';
import { freePort } from '../scripts/lib/proc';
import { startQueueProcess, startQueueStack, type QueueStack } from '../scripts/lib/queue';
import { N8nRest } from '../scripts/lib/rest';
import { throwawayStackOptions } from '../scripts/lib/stack';
import { NODE_VERSION } from '../scripts/lib/runtime';
import { bulkImportWorkflow, taggedRows } from '../test/e2e-queue/support/bulkImports';
import { finishedExecution, startThroughQueue } from '../test/e2e-queue/support/runThroughQueue';

const flag = (name: string, fallback: number) => {
	const found = process.argv.find((arg) => arg.startsWith(`--${name}=`));
	return found ? Number(found.split('=')[1]) : fallback;
};
const RUNS = flag('runs', 40);
const ROUNDS = flag('rounds', 2);
const CONCURRENCY = 10;

interface Round {
	workers: number;
	seconds: number;
	executions: number;
	created: number;
	/** Share of the machine's CPU time that was busy during the round (all processes, /proc/stat). */
	cpuBusy?: number;
	/** The 1-minute load average at the round's end: other work on the machine shows here. */
	load?: number;
}

/** Busy and total CPU ticks of the whole machine so far (Linux /proc/stat). */
function cpuTicks(): { busy: number; total: number } {
	const fields = readFileSync('/proc/stat', 'utf8')
		.split('\n')[0]
		.trim()
		.split(/\s+/)
		.slice(1)
		.map(Number);
	const total = fields.reduce((sum, value) => sum + value, 0);
	// idle and iowait are the 4th and 5th fields.
	return { busy: total - fields[3] - fields[4], total };
}

async function importCopies(queue: QueueStack, workDir: string): Promise<string[]> {
	const copies = Array.from({ length: RUNS }, (_, index) => {
		const tag = `b${String(index + 1).padStart(3, '0')}`;
		return bulkImportWorkflow(`BillProBenchQ${tag.slice(1)}`, tag, taggedRows(tag));
	});
	await importWorkflows(queue.stack.n8nOptions, copies, {
		logFile: path.join(workDir, 'logs', 'import.log'),
		brokerPort: await freePort(),
	});
	return copies.map((copy) => copy.id);
}

async function round(queue: QueueStack, rest: N8nRest, ids: string[], workers: number) {
	const { sandbox } = queue.stack;
	sandbox.store.reset();
	sandbox.store.resetRequests();
	const t0 = Date.now();
	const ticks0 = cpuTicks();
	const executionIds = await Promise.all(ids.map((id) => startThroughQueue(rest, id)));
	const finished = await Promise.all(
		executionIds.map((executionId) => finishedExecution(rest, executionId, 600_000)),
	);
	const seconds = (Date.now() - t0) / 1000;
	const ticks1 = cpuTicks();
	const cpuBusy = (ticks1.busy - ticks0.busy) / (ticks1.total - ticks0.total);
	const failed = finished.filter((execution) => execution.status !== 'success');
	if (failed.length > 0) throw new Error(`${failed.length} executions did not succeed`);
	const created = sandbox.store.requests.filter(
		(entry) =>
			entry.method === 'POST' && entry.path === '/api/v1/customers' && entry.status === 200,
	).length;
	if (created !== ids.length * 4)
		throw new Error(`${created} customers created, expected ${ids.length * 4}`);
	return {
		workers,
		seconds,
		executions: ids.length,
		created,
		cpuBusy,
		load: os.loadavg()[0],
	} satisfies Round;
}

function report(rounds: Round[], queue: QueueStack): string {
	const rate = (r: Round) => ({
		perMinute: (r.executions / r.seconds) * 60,
		perSecond: r.created / r.seconds,
	});
	const mean = (workers: number) => {
		const mine = rounds.filter((r) => r.workers === workers);
		const seconds = mine.reduce((sum, r) => sum + r.seconds, 0);
		return rate({
			workers,
			seconds,
			executions: mine.reduce((sum, r) => sum + r.executions, 0),
			created: mine.reduce((sum, r) => sum + r.created, 0),
		});
	};
	const one = mean(1);
	const two = mean(2);
	const cpus = os.cpus();
	return [
		'# Queue mode throughput: 1 worker and 2 workers, side by side',
		'',
		`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`npm run bench:queue\` on ${cpus.length} cores (${cpus[0]?.model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GB, ${os.type()} ${os.release()}.`,
		`n8n ${queue.stack.runtime.n8nVersion} on Node ${NODE_VERSION}, ${queue.stack.packageName} ${queue.stack.packageVersion}, Redis and PostgreSQL from Debian, all on this machine; worker concurrency ${CONCURRENCY}.`,
		`Each round: ${RUNS} bulk imports (examples/bulk-import-customers.json, 5 rows: 4 customers created, 1 refused) started at once through the main, timed from the first start to the last finish. Rounds alternate 1 worker (worker-2 stopped) and 2 workers.`,
		'',
		'| Round | Workers | Seconds | Executions per minute | Creates per second | CPU busy (whole machine) | Load average (1 min) |',
		'|---|---|---|---|---|---|---|',
		...rounds.map((r, index) => {
			const { perMinute, perSecond } = rate(r);
			return `| ${index + 1} | ${r.workers} | ${r.seconds.toFixed(1)} | ${perMinute.toFixed(0)} | ${perSecond.toFixed(1)} | ${((r.cpuBusy ?? 0) * 100).toFixed(0)}% | ${(r.load ?? 0).toFixed(1)} |`;
		}),
		`| all | 1 | | ${one.perMinute.toFixed(0)} | ${one.perSecond.toFixed(1)} | | |`,
		`| all | 2 | | ${two.perMinute.toFixed(0)} | ${two.perSecond.toFixed(1)} | | |`,
		'',
		`2 workers / 1 worker: ${(two.perMinute / one.perMinute).toFixed(2)}x executions per minute, ${(two.perSecond / one.perSecond).toFixed(2)}x creates per second.`,
		'',
		`Every process (main, workers, webhook processor, their task runners, Redis, PostgreSQL, the sandbox and this script) shares the same ${cpus.length} cores: a second worker can only add what the cores have left, so the gain is bounded by the machine, not by n8n or the package.`,
		'',
	].join('\n');
}

async function main(): Promise<void> {
	const workDir = mkdtempSync(path.join(os.tmpdir(), 'billpro-bench-queue-'));
	const queue = await startQueueStack({
		...(await throwawayStackOptions(workDir)),
		workers: 2,
		concurrency: CONCURRENCY,
	});
	const rounds: Round[] = [];
	try {
		const rest = new N8nRest(queue.stack.n8n.url);
		await rest.login(OWNER.email, OWNER.password);
		const ids = await importCopies(queue, workDir);
		// Warm-up (untimed): both workers load the package's nodes and open their connections.
		await round(queue, rest, ids.slice(0, 4), 2);
		for (let index = 0; index < ROUNDS * 2; index += 1) {
			const workers = index % 2 === 0 ? 1 : 2;
			const second = queue.workers[1];
			if (workers === 1) await second.server.stop();
			else queue.workers[1] = await startQueueProcess(second);
			const result = await round(queue, rest, ids, workers);
			console.log(
				`round ${index + 1}: ${workers} worker(s), ${RUNS} executions in ${result.seconds.toFixed(1)} s`,
			);
			rounds.push(result);
		}
	} finally {
		// A worker started again here is not among the ones queue.stop() started.
		await queue.workers[1].server.stop();
		await queue.stop();
		rmSync(workDir, { recursive: true, force: true });
	}
	const text = report(rounds, queue);
	writeFileSync(path.join(__dirname, 'results-queue.md'), text);
	console.log(`\n${text}`);
}

main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});
