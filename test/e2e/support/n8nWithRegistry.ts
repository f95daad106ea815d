/**
 * A second n8n for the installer test, beside the suite's: the suite's n8n version, its own user
 * folder and ports, no community package installed, and n8n's community-package installer
 * pointed at a registry on 127.0.0.1.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { OWNER, startN8n, type N8nOptions, type N8nServer } from '../../../scripts/lib/n8n';
import { freePort } from '../../../scripts/lib/proc';
import { N8nRest } from '../../../scripts/lib/rest';
import { e2e } from './context';

/** A closed port: what n8n sends to the internet goes there and fails at once. */
const NOWHERE = 'http://127.0.0.1:9';

export interface N8nWithRegistry {
	options: N8nOptions;
	server: N8nServer;
	logDir: string;
	/** Logged in as the owner, who may install community packages. */
	rest: N8nRest;
}

export async function startN8nWithRegistry(
	folder: string,
	registryUrl: string,
): Promise<N8nWithRegistry> {
	const logDir = path.join(folder, 'logs');
	const userFolder = path.join(folder, 'n8n-user');
	mkdirSync(logDir, { recursive: true });
	mkdirSync(userFolder, { recursive: true });
	const options: N8nOptions = {
		runtime: e2e().n8nOptions.runtime,
		userFolder,
		port: await freePort(),
		brokerPort: await freePort(),
		env: {
			// What Settings → Community nodes installs and updates from (`npm pack`, `npm install`).
			N8N_COMMUNITY_PACKAGES_REGISTRY: registryUrl,
			// The update check runs `npm outdated` without that registry: npm's own config decides.
			npm_config_registry: registryUrl,
			// A registry other than npmjs.org is a licensed feature of n8n; n8n's own test mode
			// switches that one feature on (below), as n8n's own tests do. The installer is unchanged.
			E2E_TESTS: 'true',
			// n8n asks api.n8n.io whether a package is banned before it installs it (and treats no
			// answer as "not banned"): that and any other outside call stays on 127.0.0.1.
			HTTP_PROXY: NOWHERE,
			HTTPS_PROXY: NOWHERE,
			NO_PROXY: '127.0.0.1,localhost',
		},
	};
	const server = await startN8n(options, path.join(logDir, 'n8n.log'));
	try {
		const rest = new N8nRest(server.url);
		await rest.data('PATCH', '/rest/e2e/feature', {
			feature: 'feat:communityNodes:customRegistry',
			enabled: true,
		});
		await rest.login(OWNER.email, OWNER.password);
		return { options, server, logDir, rest };
	} catch (error) {
		await server.stop();
		throw error;
	}
}
