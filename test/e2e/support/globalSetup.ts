/**
 * jest globalSetup of the e2e suite: one real n8n for all e2e tests, started the way `npm start`
 * starts it (scripts/lib/stack.ts), but in a fresh temporary n8n user folder on random ports:
 *   - the n8n that BILLPRO_N8N_VERSION picks (2.41.1 by default) on its Node, from the cache
 *     folder (installed there on the first run, ~4 min)
 *   - this package built, packed (`npm pack`) and installed from the tarball as n8n installs a
 *     community package
 *   - the BillPro sandbox, the "BillPro Sandbox" credential, every workflow in examples/
 *   - n8n 3.0's settings where the line has them (scripts/lib/n8nSettings.ts): SSRF protection
 *     on with the sandbox's address allowed; the quickjs expression engine in `n8n execute` runs
 * It writes the context file the tests read (see ./context.ts).
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { step } from '../../../scripts/lib/log';
import { startStack, throwawayStackOptions, type Stack } from '../../../scripts/lib/stack';
import { ensureChromium } from './chromium';
import { saveE2eContext } from './context';

declare global {
	// eslint-disable-next-line no-var
	var __BILLPRO_E2E__: { stack: Stack; workDir: string } | undefined;
}

export default async function globalSetup(): Promise<void> {
	const t0 = Date.now();
	process.stdout.write('\n');
	const workDir = mkdtempSync(path.join(tmpdir(), 'billpro-e2e-'));
	mkdirSync(path.join(workDir, 'logs'), { recursive: true });
	step(`e2e: working folder ${workDir} (logs in ${path.join(workDir, 'logs')})`);
	await ensureChromium(path.join(workDir, 'logs', 'apt.log'));

	// n8n 3.0's settings where the line has them (docs/development.md, "The test suites"). The
	// quickjs engine only for `n8n execute` runs: the server's webhook executions are about three
	// times slower with it, over the gateway load test's limit on shared cores.
	const stack = await startStack({
		...(await throwawayStackOptions(workDir)),
		settings: { fallback: '3.0', forExecuteOnly: ['N8N_EXPRESSION_ENGINE'] },
	});
	globalThis.__BILLPRO_E2E__ = { stack, workDir };
	saveE2eContext(stack, workDir);
	step(
		`e2e: n8n ${stack.runtime.n8nVersion} ready at ${stack.n8n.url}, sandbox at ${stack.sandbox.baseUrl} (setup ${((Date.now() - t0) / 1000).toFixed(0)} s)`,
	);
}
