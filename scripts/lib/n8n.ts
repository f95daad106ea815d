/**
 * Running the cached n8n app: its environment, its CLI commands and the `n8n start` server.
 * Everything listens on 127.0.0.1 only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
	createWriteStream,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { run, sleep, type RunResult } from './proc';
import type { Runtime } from './runtime';

/**
 * The local owner login. A fixed, local-only password: n8n listens on 127.0.0.1 only, and the
 * instance holds nothing but sandbox fixtures. Override with BILLPRO_N8N_EMAIL / _PASSWORD.
 */
export const OWNER = {
	email: process.env.BILLPRO_N8N_EMAIL ?? 'billpro@example.com',
	password: process.env.BILLPRO_N8N_PASSWORD ?? 'BillPro-sandbox-1',
	firstName: 'BillPro',
	lastName: 'Developer',
};

/** n8n 1.x saves a workflow's static data (its triggers' memory) only for IDs this long at most. */
export const MAX_WORKFLOW_ID_LENGTH = 16;

/** Local-only, not a secret: it encrypts the sandbox credential in a throwaway local database. */
const LOCAL_ENCRYPTION_KEY = 'n8n-nodes-billpro-local-only-encryption-key';

export interface N8nOptions {
	runtime: Runtime;
	/** N8N_USER_FOLDER: n8n keeps its data in <userFolder>/.n8n */
	userFolder: string;
	port: number;
	brokerPort: number;
	/** e2e: point n8n's own npm calls (e.g. the Community nodes update check) at a closed local port. */
	offlineNpm?: boolean;
	/** Added last to the environment, e.g. queue mode and its database (scripts/lib/queue.ts). */
	env?: NodeJS.ProcessEnv;
}

/**
 * What an n8n process runs: `n8n start` (the main, with the editor), or in queue mode
 * `n8n worker` (runs executions taken from Redis) or `n8n webhook` (a webhook processor).
 */
export type N8nRole = 'start' | 'worker' | 'webhook';

let ownerHashCache: { password: string; hash: string } | undefined;

/** bcrypt hash of the owner password, made with n8n's own bcryptjs (pure JS). */
function ownerPasswordHash(runtime: Runtime): string {
	if (ownerHashCache?.password === OWNER.password) return ownerHashCache.hash;
	const requireFromN8n = createRequire(
		path.join(path.dirname(path.dirname(runtime.n8nBin)), 'package.json'),
	);
	const bcrypt = requireFromN8n('bcryptjs') as { hashSync(value: string, rounds: number): string };
	ownerHashCache = { password: OWNER.password, hash: bcrypt.hashSync(OWNER.password, 10) };
	return ownerHashCache.hash;
}

/** The environment of every n8n command (CLI and server) for one user folder. */
export function n8nEnv(options: N8nOptions): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		// Nothing from `npm run` (npm_config_ignore_scripts, …), nor a developer's own N8N_* setup,
		// nor jest's NODE_ENV=test (n8n then uses an in-memory database and stays silent).
		if (/^(npm_|N8N_|JEST_)/i.test(key) || key === 'NODE_OPTIONS' || key === 'NODE_ENV') continue;
		env[key] = value;
	}
	Object.assign(env, {
		PATH: `${options.runtime.nodeBin}${path.delimiter}${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: options.userFolder,
		N8N_ENCRYPTION_KEY: LOCAL_ENCRYPTION_KEY,
		N8N_PORT: String(options.port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${options.port}`,
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_PORT: String(options.brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		// Today's default, set explicitly: this package is an unverified community package.
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: OWNER.email,
		N8N_INSTANCE_OWNER_FIRST_NAME: OWNER.firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: OWNER.lastName,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: ownerPasswordHash(options.runtime),
		...options.runtime.n8nEnv,
	});
	if (options.offlineNpm) {
		env.npm_config_registry = OFFLINE_REGISTRY;
		env.npm_config_fetch_retries = '0';
	}
	return { ...env, ...options.env };
}

/** Runs `n8n <args>` to completion (import:credentials, import:workflow, execute, …). */
export async function n8nCli(
	options: N8nOptions,
	args: string[],
	extra: { logFile?: string; capture?: boolean; check?: boolean; brokerPort?: number } = {},
): Promise<RunResult> {
	const env = n8nEnv(options);
	// A CLI command starts its own task broker: keep it off the running server's port.
	if (extra.brokerPort) env.N8N_RUNNERS_BROKER_PORT = String(extra.brokerPort);
	return await run(options.runtime.node, [options.runtime.n8nBin, ...args], {
		env,
		cwd: options.userFolder,
		logFile: extra.logFile,
		capture: extra.capture,
		check: extra.check,
		timeoutMs: 180_000,
	});
}

/** `n8n import:<kind>` of `data`, written to a file that exists only while the command runs. */
async function importJson(
	options: N8nOptions,
	kind: 'credentials' | 'workflow',
	data: unknown,
	extra: { logFile: string; brokerPort: number },
): Promise<void> {
	const folder = mkdtempSync(path.join(tmpdir(), `billpro-import-${kind}-`));
	try {
		const file = path.join(folder, `${kind}.json`);
		writeFileSync(file, JSON.stringify(data));
		await n8nCli(options, [`import:${kind}`, `--input=${file}`], extra);
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}

/** Creates credentials, given as plain JSON: n8n encrypts them on import. */
export async function importCredentials(
	options: N8nOptions,
	credentials: Array<{ id: string; name: string; type: string; data: object }>,
	extra: { logFile: string; brokerPort: number },
): Promise<void> {
	await importJson(options, 'credentials', credentials, extra);
}

/**
 * Saves workflows (one with the same id is replaced). Ids longer than n8n 1.x keeps static data
 * for are refused.
 */
export async function importWorkflows(
	options: N8nOptions,
	workflows: Array<{ id: string }>,
	extra: { logFile: string; brokerPort: number },
): Promise<void> {
	for (const { id } of workflows) {
		if (id.length > MAX_WORKFLOW_ID_LENGTH)
			throw new Error(`Workflow id "${id}" is longer than ${MAX_WORKFLOW_ID_LENGTH} characters`);
	}
	await importJson(options, 'workflow', workflows, extra);
}

export interface N8nServer {
	url: string;
	process: ChildProcess;
	logFile: string;
	/** SIGTERM to n8n (and its task runner), then SIGKILL after the timeout. */
	stop(timeoutMs?: number): Promise<void>;
	exited: Promise<number | null>;
}

const OFFLINE_REGISTRY = 'http://127.0.0.1:9/';

/**
 * The same offline registry as the project config of n8n's nodes folder: n8n 1.x runs its
 * Community nodes `npm outdated` there with a bare environment, which npm_config_* never reaches.
 */
function keepNodesFolderNpmOffline(userFolder: string): void {
	const nodes = path.join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodes, { recursive: true });
	writeFileSync(path.join(nodes, '.npmrc'), `registry=${OFFLINE_REGISTRY}\nfetch-retries=0\n`);
}

/**
 * Starts `n8n start` (or a queue-mode role, with its extra arguments) in its own process group
 * and waits until it is ready: the main's REST API answers, or a worker's or webhook
 * processor's readiness check (database and Redis connected) on its port.
 */
export async function startN8n(
	options: N8nOptions,
	logFile: string,
	role: N8nRole = 'start',
	args: string[] = [],
): Promise<N8nServer> {
	if (options.offlineNpm) keepNodesFolderNpmOffline(options.userFolder);
	mkdirSync(path.dirname(logFile), { recursive: true });
	const log = createWriteStream(logFile, { flags: 'a' });
	log.write(`\n===== n8n ${role} ${new Date().toISOString()} =====\n`);
	const child = spawn(options.runtime.node, [options.runtime.n8nBin, role, ...args], {
		env: n8nEnv(options),
		cwd: options.userFolder,
		stdio: ['ignore', 'pipe', 'pipe'],
		// Its own process group: Ctrl-C in the terminal reaches only `npm start`, which then
		// stops n8n once and in order.
		detached: true,
	});
	child.stdout?.pipe(log, { end: false });
	child.stderr?.pipe(log, { end: false });
	const exited = new Promise<number | null>((resolve) => {
		child.once('exit', (code, signal) => {
			log.write(`\n===== n8n exited (${signal ?? code}) =====\n`);
			resolve(code ?? (signal ? 128 : null));
		});
	});
	// If this process dies without stopping n8n, take n8n down too.
	const killOnExit = () => {
		try {
			if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
		} catch {
			// already gone
		}
	};
	process.once('exit', killOnExit);

	const url = `http://127.0.0.1:${options.port}`;
	const server: N8nServer = {
		url,
		process: child,
		logFile,
		exited,
		async stop(timeoutMs = 30_000) {
			if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
			try {
				process.kill(-child.pid, 'SIGTERM');
			} catch {
				return;
			}
			let timer: NodeJS.Timeout | undefined;
			const stopped = await Promise.race([
				exited.then(() => true),
				new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
			]);
			clearTimeout(timer);
			if (!stopped) {
				try {
					process.kill(-child.pid, 'SIGKILL');
				} catch {
					// gone meanwhile
				}
				await exited;
			}
			process.removeListener('exit', killOnExit);
			log.end();
		},
	};

	const deadline = Date.now() + 120_000;
	let earlyExit: number | null | undefined;
	void exited.then((code) => (earlyExit = code));
	while (Date.now() < deadline) {
		if (earlyExit !== undefined) {
			throw new Error(
				`n8n exited with ${earlyExit} while starting. Last lines of ${logFile}:\n${tailOf(logFile)}`,
			);
		}
		if (
			(await httpStatus(`${url}/healthz/readiness`)) === 200 &&
			(role !== 'start' || (await httpStatus(`${url}/rest/settings`)) === 200)
		) {
			return server;
		}
		await sleep(500);
	}
	await server.stop();
	throw new Error(
		`n8n did not become ready within 120 s. Last lines of ${logFile}:\n${tailOf(logFile)}`,
	);
}

async function httpStatus(url: string): Promise<number> {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
		await response.arrayBuffer();
		return response.status;
	} catch {
		return 0;
	}
}

export function tailOf(file: string, lines = 40): string {
	try {
		return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

/**
 * `n8n execute --rawOutput` prints the run as pretty JSON, possibly after log lines: the JSON is
 * the block from a line `{` to the next line `}`.
 */
export function parseRawOutput(stdout: string): N8nRun {
	const lines = stdout.split('\n');
	const start = lines.indexOf('{');
	const end = lines.indexOf('}', start);
	if (start < 0 || end < 0)
		throw new Error(`No run JSON in n8n's output:\n${stdout.slice(0, 2000)}`);
	return JSON.parse(lines.slice(start, end + 1).join('\n')) as N8nRun;
}

/** The parts of n8n's IRun the tests read. */
export interface N8nRun {
	data: {
		resultData: {
			error?: { message: string; description?: string; node?: { name: string } };
			lastNodeExecuted?: string;
			runData: Record<
				string,
				Array<{
					executionStatus?: string;
					error?: { message: string; description?: string };
					data?: { main: Array<Array<{ json: Record<string, unknown> }> | null> };
				}>
			>;
		};
	};
	status?: string;
	finished?: boolean;
}
