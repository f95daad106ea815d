/**
 * The n8n editor in headless Chromium (support/chromium.ts), as the editor tests use it: signed
 * in as the owner, a workflow opened on the canvas, a node's parameter panel (NDV) opened and closed.
 */
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';

import { OWNER } from '../../../scripts/lib/n8n';
import { REPO_ROOT } from '../../../scripts/lib/package';
import { N8N_LINES } from '../../../scripts/lib/runtime';
import { e2e, perN8nLine } from './context';

/** Where a picture goes: docs/ shows the default n8n line's editor, the others go to the logs. */
export function screenshotFile(name: string): string {
	const { n8nLine, n8nVersion, logDir } = e2e();
	return n8nLine === N8N_LINES[0].line
		? path.join(REPO_ROOT, 'docs', `${name}.png`)
		: path.join(logDir, `${name}-n8n-${n8nVersion}.png`);
}

/** Signs in on n8n's sign-in page as the owner `npm start` and the e2e setup create. */
export async function signIn(page: Page): Promise<void> {
	await page.goto(`${e2e().n8nUrl}/signin`);
	// By name: the field ids differ between n8n lines.
	await page.fill('input[name="emailOrLdapLoginId"]', OWNER.email);
	await page.fill('input[name="password"]', OWNER.password);
	await page.click('[data-test-id="form-submit-button"]');
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}

/** Opens a saved workflow on the canvas and waits until its nodes are drawn. */
export async function openWorkflow(page: Page, workflowId: string): Promise<void> {
	await page.goto(`${e2e().n8nUrl}/workflow/${workflowId}`);
	await page.locator('[data-test-id="canvas-node"]').first().waitFor();
}

export function canvasNode(page: Page, nodeName: string): Locator {
	return page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`);
}

/** Opens a canvas node's parameter panel (double click, as a user does); returns the panel. */
export async function openNode(page: Page, nodeName: string): Promise<Locator> {
	await canvasNode(page, nodeName).dblclick();
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.locator('[data-test-id="node-parameters"]').waitFor();
	return ndv;
}

/** Back to the canvas, and waits until the panel is gone. */
export async function closeNode(page: Page): Promise<void> {
	const ndv = page.locator('[data-test-id="ndv"]');
	const close = perN8nLine({ '2.41': 'ndv-close-button', '1.123': 'back-to-canvas' });
	await ndv.locator(`[data-test-id="${close}"]`).first().click();
	await ndv.waitFor({ state: 'hidden' });
}

/**
 * Reads what the page shows until `done` accepts it or the time is up, and returns the last
 * reading, for an assertion with a readable difference (the editor loads lists asynchronously).
 */
export async function settled<T>(
	read: () => Promise<T>,
	done: (value: T) => boolean,
	timeoutMs = 20_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await read();
		if (done(value) || Date.now() > deadline) return value;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}
