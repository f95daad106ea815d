/**
 * A real npm registry on 127.0.0.1 for one test: verdaccio (a devDependency), its storage in the
 * test's folder and no uplinks, so it serves only what the test publishes to it and fetches
 * nothing from anywhere. One throwaway user, made at start, publishes; its token stays in a
 * 0600 npm config file in that folder and is never logged (npm gets the file, not the token).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { freePort, run, sleep } from '../../../scripts/lib/proc';

export interface LocalRegistry {
	url: string;
	/** `npm publish <tarball>` to this registry as the throwaway user. */
	publish(tarball: string): Promise<void>;
	/** What was asked of the registry so far: "GET /n8n-nodes-billpro" (method and path). */
	requests(): string[];
	stop(): Promise<void>;
}

const VERDACCIO = require.resolve('verdaccio/bin/verdaccio');

function config(folder: string): string {
	return [
		`storage: ${path.join(folder, 'storage')}`,
		'auth:',
		'  htpasswd:',
		`    file: ${path.join(folder, 'htpasswd')}`,
		'    max_users: 1',
		// No uplinks: a package it does not hold is a 404, never a fetch from npmjs.org.
		'uplinks: {}',
		'packages:',
		"  '**':",
		'    access: $all',
		'    publish: $authenticated',
		'web:',
		'  enable: false',
		// A JSON line per request with its method and path, which requests() reads.
		'log: { type: stdout, format: json, level: http }',
		'',
	].join('\n');
}

/** npm's own environment, without what `npm run` adds (a registry, a user config, …). */
function npmEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
	return env;
}

export async function startLocalRegistry(folder: string): Promise<LocalRegistry> {
	mkdirSync(folder, { recursive: true });
	const configFile = path.join(folder, 'config.yaml');
	writeFileSync(configFile, config(folder));
	const logFile = path.join(folder, 'verdaccio.log');
	const log = createWriteStream(logFile, { flags: 'a' });
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(
		process.execPath,
		[VERDACCIO, '--config', configFile, '--listen', `127.0.0.1:${port}`],
		{ cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	child.stdout.pipe(log, { end: false });
	child.stderr.pipe(log, { end: false });
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
		await exited;
		log.end();
	};

	try {
		await waitUntilUp(url, child);
		const userConfig = path.join(folder, 'publisher.npmrc');
		writeFileSync(userConfig, `//127.0.0.1:${port}/:_authToken=${await addUser(url)}\n`, {
			mode: 0o600,
		});
		return {
			url,
			async publish(tarball) {
				await run(
					'npm',
					[
						'publish',
						tarball,
						`--registry=${url}/`,
						`--userconfig=${userConfig}`,
						// package.json's publishConfig asks for provenance, which only CI can sign.
						'--provenance=false',
						'--ignore-scripts',
					],
					{ cwd: folder, env: npmEnv(), logFile: path.join(folder, 'publish.log') },
				);
			},
			requests: () => requestsIn(logFile),
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

async function waitUntilUp(url: string, child: { exitCode: number | null }): Promise<void> {
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`verdaccio exited with ${child.exitCode}`);
		try {
			if ((await fetch(`${url}/-/ping`)).ok) return;
		} catch {
			// not listening yet
		}
		await sleep(250);
	}
	throw new Error(`verdaccio did not answer on ${url} within 60 s`);
}

/** Creates the one user (`npm adduser` does the same request); returns its token. */
async function addUser(url: string): Promise<string> {
	const name = `publisher-${randomBytes(4).toString('hex')}`;
	const response = await fetch(`${url}/-/user/org.couchdb.user:${name}`, {
		method: 'PUT',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name, password: randomBytes(24).toString('base64url') }),
	});
	const body = (await response.json()) as { token?: string };
	if (!response.ok || !body.token)
		throw new Error(`verdaccio refused a new user: ${response.status}`);
	return body.token;
}

function requestsIn(logFile: string): string[] {
	return readFileSync(logFile, 'utf8')
		.split('\n')
		.filter((line) => line.startsWith('{'))
		.map((line) => JSON.parse(line) as { request?: { method: string; url: string } })
		.flatMap((entry) => (entry.request ? [`${entry.request.method} ${entry.request.url}`] : []));
}
