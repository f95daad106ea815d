/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- benchmark tooling, never published (not in package.json "files") */
/**
 * What jest's setup files do for the tests (test/harness/n8nHome.ts, n8nTeardown.ts), without
 * jest: n8n-core writes its instance config under N8N_USER_FOLDER on first use, so point it at a
 * temporary folder; at the end stop the SSH client sweeper timer every execute context starts.
 * Import this module before anything that loads n8n-core.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const folder = mkdtempSync(path.join(tmpdir(), 'billpro-bench-n8n-'));
process.env.N8N_USER_FOLDER = folder;

/** `n8nLoaded: false` for a process that never loaded n8n-core: only the folder is removed. */
export async function n8nTeardown(n8nLoaded = true): Promise<void> {
	if (n8nLoaded) {
		// Loaded here, not at the top, so that this module itself never loads n8n-core.
		const { Container } = await import('@n8n/di');
		const { SSHClientsManager } = await import(
			'n8n-core/dist/execution-engine/ssh-clients-manager'
		);
		Container.get(SSHClientsManager).onShutdown();
	}
	rmSync(folder, { recursive: true, force: true });
}
