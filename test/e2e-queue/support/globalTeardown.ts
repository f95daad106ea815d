/**
 * jest globalTeardown of the queue-mode e2e suite: stops any worker a test started again, then
 * the whole queue stack, and removes the temporary folder (kept with BILLPRO_E2E_KEEP=1).
 */
import { readFileSync, rmSync } from 'node:fs';

import { step } from '../../../scripts/lib/log';
import type { E2eContext } from '../../e2e/support/context';

async function stopGroup(pid: number): Promise<void> {
	const signal = (name: NodeJS.Signals | 0) => {
		try {
			process.kill(-pid, name);
			return true;
		} catch {
			return false;
		}
	};
	if (!signal('SIGTERM')) return;
	for (let waited = 0; waited < 30_000; waited += 250) {
		if (!signal(0)) return;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	signal('SIGKILL');
}

export default async function globalTeardown(): Promise<void> {
	const running = globalThis.__BILLPRO_E2E_QUEUE__;
	if (!running) return;
	const saved = JSON.parse(readFileSync(running.contextFile, 'utf8')) as E2eContext;
	const original = new Set(running.queue.workers.map((worker) => worker.server.process.pid));
	const restarted = (saved.queue?.workers ?? []).filter((worker) => !original.has(worker.pid));
	await Promise.all(restarted.map((worker) => stopGroup(worker.pid)));
	await running.queue.stop();
	if (process.env.BILLPRO_E2E_KEEP) {
		step(`e2e (queue mode): kept ${running.workDir} (BILLPRO_E2E_KEEP)`);
	} else {
		rmSync(running.workDir, { recursive: true, force: true });
	}
}
