/**
 * `npm start`: a real n8n with this package loaded as a community package, the BillPro sandbox,
 * a ready "BillPro Sandbox" credential and the example workflows. Ctrl-C stops everything.
 *
 * Ports (127.0.0.1 only): n8n 5680 (BILLPRO_N8N_PORT), its task broker 5681
 * (BILLPRO_N8N_BROKER_PORT), the sandbox 8787 (BILLPRO_SANDBOX_PORT).
 * n8n and its data live in the cache folder (see scripts/lib/runtime.ts), not in the repository.
 * `npm start -- --queue`: the same in n8n's queue mode (scripts/startQueue.ts).
 * The sandbox keeps its data across restarts (<cache>/sandbox-data.json, or
 * $BILLPRO_SANDBOX_DATA_FILE); `npm start -- --reset` clears it and the example triggers' memory
 * together (scripts/lib/sandboxData.ts).
 * BILLPRO_N8N_VERSION picks the n8n line (runtime.ts, N8N_LINES), e.g. `BILLPRO_N8N_VERSION=1.123`.
 * BILLPRO_N8N_SETTINGS=3.0 runs n8n with n8n 3.0's settings (lib/n8nSettings.ts); the user's own
 * N8N_SSRF_* and N8N_EXPRESSION_ENGINE are passed on, and with SSRF protection on the sandbox's
 * address is allowed: the banner says what was set and why.
 */
import path from 'node:path';

import { SINGLE_PROFILE_TOKEN } from '../sandbox';
import { print, step, warn } from './lib/log';
import { OWNER, tailOf } from './lib/n8n';
import { portOpen } from './lib/proc';
import { cacheRoot, N8N_LINE, N8N_LINES } from './lib/runtime';
import { sandboxDataOptions } from './lib/sandboxData';
import {
	SANDBOX_CREDENTIAL,
	SANDBOX_GATEWAY_CREDENTIAL,
	startStack,
	type Stack,
} from './lib/stack';
import { queuePorts, startQueueMode } from './startQueue';

function portFromEnv(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const port = Number(raw);
	if (!Number.isInteger(port) || port < 1 || port > 65535) {
		throw new Error(`${name}=${raw} is not a port number (1-65535)`);
	}
	return port;
}

/** The banner's lines on the n8n settings npm start changed (scripts/lib/n8nSettings.ts). */
function settingsLines(notes: string[]): string[] {
	return notes.map((note, index) => `  ${index === 0 ? 'Settings' : ''.padEnd(8)}   ${note}`);
}

async function main(): Promise<void> {
	const ports = {
		n8n: portFromEnv('BILLPRO_N8N_PORT', 5680),
		broker: portFromEnv('BILLPRO_N8N_BROKER_PORT', 5681),
		sandbox: portFromEnv('BILLPRO_SANDBOX_PORT', 8787),
	};
	const envNames = {
		n8n: 'BILLPRO_N8N_PORT',
		broker: 'BILLPRO_N8N_BROKER_PORT',
		sandbox: 'BILLPRO_SANDBOX_PORT',
	};
	const argv = process.argv.slice(2);
	const queueMode = argv.includes('--queue');
	const sandboxData = sandboxDataOptions(argv, process.env);
	const queue = queueMode ? queuePorts(portFromEnv) : undefined;
	for (const [key, port] of [
		...(Object.entries(ports) as Array<[keyof typeof ports, number]>).map(
			([key, port]) => [envNames[key], port] as const,
		),
		...(queue?.named ?? []),
	]) {
		if (await portOpen(port)) {
			throw new Error(
				`Port ${port} on 127.0.0.1 is already in use (another \`npm start\`?). Stop it, or pick another port with ${key}=<port>.`,
			);
		}
	}

	const root = cacheRoot();
	// n8n migrates its database forward only: the default line's data moves on with it, and any
	// other line keeps a folder of its own.
	const userFolder = process.env.BILLPRO_N8N_USER_FOLDER
		? path.resolve(process.env.BILLPRO_N8N_USER_FOLDER)
		: path.join(root, N8N_LINE === N8N_LINES[0].line ? 'n8n-user' : `n8n-user-${N8N_LINE}`);

	let running: { stop(): Promise<void> } | undefined;
	let stopping = false;
	const stop = async (reason: string, code: number) => {
		if (stopping) return;
		stopping = true;
		print('');
		step(`${reason}: stopping n8n and the BillPro sandbox...`);
		await running?.stop();
		step('Stopped.');
		process.exit(code);
	};
	// One Ctrl-C can arrive several times: the terminal signals the whole process group, and npm
	// and tsx forward it too. Only a later, separate Ctrl-C forces an exit.
	let firstSigint = 0;
	process.on('SIGINT', () => {
		if (stopping) {
			if (Date.now() - firstSigint < 2000) return;
			warn('Second Ctrl-C: exiting now (n8n is killed).');
			process.exit(130);
		}
		firstSigint = Date.now();
		void stop('Ctrl-C', 0);
	});
	process.on('SIGTERM', () => void stop('SIGTERM', 0));

	if (queue) {
		const started = await startQueueMode({ ...ports, queue, sandboxData });
		running = started;
		void started.exited.then(async (name) => {
			if (stopping) return;
			warn(`n8n's ${name} exited unexpectedly: see its log in the data folder above.`);
			await stop(`${name} exited`, 1);
		});
		return;
	}

	const stack: Stack = await startStack({
		userFolder,
		workDir: root,
		n8nPort: ports.n8n,
		brokerPort: ports.broker,
		sandboxPort: ports.sandbox,
		importExamples: 'changed',
		wireGateway: true,
		sandboxData,
		settings: { fallback: 'n8n', usersOwn: process.env },
	});
	running = stack;
	if (stopping) return;

	const { n8n, sandbox } = stack;
	void n8n.exited.then(async (code) => {
		if (stopping) return;
		warn(
			`n8n exited unexpectedly (${code}). Last lines of ${n8n.logFile}:\n${tailOf(n8n.logFile)}`,
		);
		await stop('n8n exited', 1);
	});

	const line = '─'.repeat(78);
	print(
		[
			'',
			line,
			`  n8n ${stack.runtime.n8nVersion} is running with ${stack.packageName} ${stack.packageVersion} (community package)`,
			'',
			`  Editor     ${n8n.url}`,
			`  Login      ${OWNER.email}  /  ${OWNER.password}`,
			'             (a fixed local-only login: n8n listens on 127.0.0.1 only)',
			'',
			`  Sandbox    ${sandbox.baseUrl}   (the BillPro sandbox, a local simulator)`,
			`  Token      ${SINGLE_PROFILE_TOKEN}`,
			'             (a sandbox fixture token, not a secret; single merchant profile)',
			`  Credential "${SANDBOX_CREDENTIAL.name}" in n8n points at the sandbox (Custom URL).`,
			`  Data       ${stack.sandboxDataLine}`,
			...settingsLines(stack.settings.notes),
			`  Credential "${SANDBOX_GATEWAY_CREDENTIAL.name}": the payment gateway trigger's, with`,
			"             the sandbox gateway's fixture key (SANDBOX_GATEWAY_KEY in the sandbox's",
			'             config.ts; not a secret). npm start resets both credentials at each start.',
			'',
			`  Payments   open an order's payment_link (e.g. from "new customer, subscription") and`,
			`             press Pay: the gateway's notification starts "act on payment notifications".`,
			'',
			'  Example workflows:',
			...stack.examples.map(
				(example) => `    ${n8n.url}/workflow/${example.id.padEnd(22)} ${example.name}`,
			),
			'',
			`  n8n data   ${userFolder}`,
			`  Logs       ${n8n.logFile}`,
			'',
			'  Press Ctrl-C to stop n8n and the sandbox.',
			line,
			'',
		].join('\n'),
	);
}

main().catch((error: Error) => {
	warn(error.message);
	process.exit(1);
});
