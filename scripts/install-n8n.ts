/** `npx tsx scripts/install-n8n.ts`: installs (or checks) the cached n8n app and its Node 24. */
import { step } from './lib/log';
import { ensureRuntime } from './lib/runtime';

ensureRuntime().then(
	(runtime) =>
		step(`Ready: n8n ${runtime.n8nVersion} on Node ${runtime.nodeVersion} (${runtime.n8nBin})`),
	(error: Error) => {
		step(`FAILED: ${error.message}`);
		process.exit(1);
	},
);
