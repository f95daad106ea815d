/**
 * jest setupFilesAfterEnv: stop the SSH client sweeper timer that every n8n-core execute context
 * starts (it would keep jest alive), and remove the temporary n8n folder. n8n-core exports
 * neither the manager nor a way to stop it (n8n stops it at process exit), hence the deep import.
 */
import { Container } from '@n8n/di';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import { rmSync } from 'node:fs';

afterAll(() => {
	Container.get(SSHClientsManager).onShutdown();
	const folder = process.env.N8N_USER_FOLDER;
	if (folder?.includes('billpro-n8n-')) rmSync(folder, { recursive: true, force: true });
});
