/**
 * Debian's Chromium for the browser tests, the editor and the payment page (playwright-core never
 * downloads a browser here), each launched with a fresh profile.
 * Installed with apt-get when it is missing (as root, or with password-less sudo); otherwise the
 * setup says what to install.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

import { ensureDebianPackages } from '../../../scripts/lib/apt';
import { step } from '../../../scripts/lib/log';

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

export interface ChromiumPage {
	page: Page;
	close(): Promise<void>;
}

/** A fresh Chromium profile (no cookies from an earlier run), closed and removed by close(). */
export async function launchChromium(): Promise<ChromiumPage> {
	const userDataDir = mkdtempSync(path.join(tmpdir(), 'billpro-chromium-'));
	let browser: BrowserContext | undefined;
	try {
		browser = await chromium.launchPersistentContext(userDataDir, {
			executablePath: CHROMIUM,
			headless: true,
			args: CHROMIUM_ARGS,
			viewport: { width: 1440, height: 900 },
			deviceScaleFactor: 1,
		});
	} catch (error) {
		rmSync(userDataDir, { recursive: true, force: true });
		throw error;
	}
	const page = browser.pages()[0] ?? (await browser.newPage());
	page.setDefaultTimeout(30_000);
	return {
		page,
		async close() {
			await browser?.close();
			rmSync(userDataDir, { recursive: true, force: true });
		},
	};
}

/** Installs Debian's chromium if it is missing; if it cannot, says so (the browser tests fail). */
export async function ensureChromium(logFile: string): Promise<void> {
	try {
		await ensureDebianPackages(['chromium'], () => existsSync(CHROMIUM), logFile, {
			withRecommends: true,
		});
	} catch (error) {
		step(`${(error as Error).message}: the browser tests will fail (or set BILLPRO_CHROMIUM)`);
	}
}
