/**
 * Debian's Chromium for the editor test (playwright-core never downloads a browser here).
 * Installed with apt-get when it is missing and this runs as root (CI); otherwise the test says
 * what to install.
 */
import { existsSync } from 'node:fs';

import { step, timed } from '../../../scripts/lib/log';
import { run } from '../../../scripts/lib/proc';

export const CHROMIUM = process.env.BILLPRO_CHROMIUM ?? '/usr/bin/chromium';

/** The flags this machine kind needs: no sandbox as root, and no calls to Google's services. */
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export async function ensureChromium(logFile: string): Promise<void> {
	if (existsSync(CHROMIUM)) return;
	if (process.getuid?.() !== 0) {
		step(
			`${CHROMIUM} is missing and this is not root: the editor test will fail. Install it with: sudo apt-get install -y chromium`,
		);
		return;
	}
	await timed(
		`Installing Debian's chromium (apt-get) for the editor test; log: ${logFile}`,
		async () => {
			const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
			await run('apt-get', ['update'], { env, logFile, timeoutMs: 600_000 });
			await run('apt-get', ['install', '-y', 'chromium'], { env, logFile, timeoutMs: 900_000 });
		},
	);
}
