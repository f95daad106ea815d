/**
 * jest globalTeardown of the e2e suite: stops n8n and the sandbox, and removes the temporary
 * folder (kept with BILLPRO_E2E_KEEP=1, e.g. to read n8n's log after a failure).
 */
import { rmSync } from 'node:fs';

import { step } from '../../../scripts/lib/log';

export default async function globalTeardown(): Promise<void> {
	const running = globalThis.__BILLPRO_E2E__;
	if (!running) return;
	await running.stack.stop();
	if (process.env.BILLPRO_E2E_KEEP) {
		step(`e2e: kept ${running.workDir} (BILLPRO_E2E_KEEP)`);
	} else {
		rmSync(running.workDir, { recursive: true, force: true });
	}
	globalThis.__BILLPRO_E2E__ = undefined;
	step('e2e: n8n and the sandbox stopped');
}
