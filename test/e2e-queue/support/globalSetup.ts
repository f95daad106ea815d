/**
 * jest globalSetup of the queue-mode e2e suite (`npm run test:e2e:queue`): n8n 2.41.1 in queue
 * mode (scripts/lib/queue.ts) on random ports in a fresh temporary folder: Redis, PostgreSQL,
 * the main, 2 workers and a webhook processor, this package installed from its tarball on each,
 * the sandbox, the credential and the examples. It writes the e2e context file, with the queue's
 * processes, that test/e2e/support/context.ts reads.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { step } from '../../../scripts/lib/log';
import { startQueueStack, type QueueProcess, type QueueStack } from '../../../scripts/lib/queue';
import { throwawayStackOptions } from '../../../scripts/lib/stack';
import { saveE2eContext } from '../../e2e/support/context';
import type { QueueProcessInfo } from './queueContext';

declare global {
	// eslint-disable-next-line no-var
	var __BILLPRO_E2E_QUEUE__:
		| { queue: QueueStack; workDir: string; contextFile: string }
		| undefined;
}

/**
 * A killed worker's job counts as stalled once its lock expires; n8n's defaults (a 60 s lock,
 * checked every 30 s) are shortened so the kill tests take seconds, not minutes.
 */
export const STALLED_JOB_SETTINGS = {
	QUEUE_WORKER_LOCK_DURATION: '20000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
	QUEUE_WORKER_STALLED_INTERVAL: '5000',
};

function info({ server, ...described }: QueueProcess): QueueProcessInfo {
	return { ...described, pid: server.process.pid! };
}

export default async function globalSetup(): Promise<void> {
	const t0 = Date.now();
	process.stdout.write('\n');
	const workDir = mkdtempSync(path.join(tmpdir(), 'billpro-e2e-queue-'));
	mkdirSync(path.join(workDir, 'logs'), { recursive: true });
	step(`e2e (queue mode): working folder ${workDir} (logs in ${path.join(workDir, 'logs')})`);

	const queue = await startQueueStack({
		...(await throwawayStackOptions(workDir)),
		userFolder: path.join(workDir, 'n8n-main'),
		workers: 2,
		concurrency: 10,
		env: STALLED_JOB_SETTINGS,
	});
	const { stack } = queue;
	const contextFile = saveE2eContext(stack, workDir, {
		mainLogFile: stack.n8n.logFile,
		workers: queue.workers.map(info),
		webhook: info(queue.webhook),
		redisPort: queue.redis.port,
		postgresPort: queue.postgres.port,
	});
	globalThis.__BILLPRO_E2E_QUEUE__ = { queue, workDir, contextFile };
	step(
		`e2e (queue mode): main ${stack.n8n.url}, workers ${queue.workers.map((w) => w.url).join(' ')}, webhook processor ${queue.webhook.url} (setup ${((Date.now() - t0) / 1000).toFixed(0)} s)`,
	);
}
