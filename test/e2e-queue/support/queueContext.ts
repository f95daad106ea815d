/**
 * What the queue-mode e2e tests know about the running stack, besides the usual e2e context:
 * each worker's and the webhook processor's process, port and log, so a test can tell which
 * worker ran an execution, kill one and start it again.
 */
import { readFileSync, writeFileSync } from 'node:fs';

import type { QueueProcess } from '../../../scripts/lib/queue';
import { CONTEXT_ENV, e2e, type E2eContext } from '../../e2e/support/context';

export interface QueueProcessInfo extends Omit<QueueProcess, 'server'> {
	pid: number;
}

export interface QueueContext {
	mainLogFile: string;
	workers: QueueProcessInfo[];
	webhook: QueueProcessInfo;
	redisPort: number;
	postgresPort: number;
}

export function queue(): QueueContext {
	const { queue: running } = e2e();
	if (!running) throw new Error('Not a queue-mode run: use npm run test:e2e:queue');
	return running;
}

/** Records a worker's new process (after a restart) for the next test files and the teardown. */
export function saveWorkerPid(name: string, pid: number): void {
	const file = process.env[CONTEXT_ENV]!;
	const saved = JSON.parse(readFileSync(file, 'utf8')) as E2eContext;
	for (const context of [saved, e2e()]) {
		const worker = context.queue?.workers.find((candidate) => candidate.name === name);
		if (worker) worker.pid = pid;
	}
	writeFileSync(file, JSON.stringify(saved, null, 2));
}
