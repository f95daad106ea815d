/**
 * The queue's workers seen from a test: which one ran an execution (each worker logs "Worker
 * started execution <id>"), and killing one (SIGKILL, as a crash or an OOM kill does) and
 * starting it again with the same user folder, ports and settings.
 */
import { readFileSync } from 'node:fs';

import { startQueueProcess } from '../../../scripts/lib/queue';
import { queue, saveWorkerPid, type QueueProcessInfo } from './queueContext';

function worker(name: string): QueueProcessInfo {
	const found = queue().workers.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`No worker ${name}`);
	return found;
}

/** Execution ids a worker's log says it started, in order. */
export function executionsStartedBy(name: string): string[] {
	const log = readFileSync(worker(name).logFile, 'utf8');
	return [...log.matchAll(/Worker started execution (\S+) \(job/g)].map((match) => match[1]);
}

/** The worker that started the execution, if any did. */
export function workerThatRan(executionId: string): string | undefined {
	return queue().workers.find((candidate) =>
		executionsStartedBy(candidate.name).includes(executionId),
	)?.name;
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** SIGKILL to the worker's process group (n8n and its task runner); waits until it is gone. */
export async function killWorker(name: string): Promise<void> {
	const { pid } = worker(name);
	process.kill(-pid, 'SIGKILL');
	for (let waited = 0; alive(pid); waited += 100) {
		if (waited > 10_000) throw new Error(`${name} (pid ${pid}) still alive 10 s after SIGKILL`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** Starts the worker again, as before the kill; waits until it is ready. */
export async function restartWorker(name: string): Promise<void> {
	const { pid, ...described } = worker(name);
	if (alive(pid)) throw new Error(`${name} (pid ${pid}) is still running`);
	const restarted = await startQueueProcess(described);
	saveWorkerPid(name, restarted.server.process.pid!);
}
