/**
 * The whole local stack, shared by `npm start` and the e2e tests: the cached n8n app, this
 * package installed into it as a community package, the BillPro sandbox, a ready "BillPro
 * Sandbox" credential, the example workflows, and n8n listening on 127.0.0.1.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import {
	gatewaySettingsOrThrow,
	SANDBOX_GATEWAY_KEY,
	SINGLE_PROFILE_TOKEN,
	startSandbox,
	type Sandbox,
} from '../../sandbox';
import { step, timed } from './log';
import {
	MAX_WORKFLOW_ID_LENGTH,
	importCredentials,
	importWorkflows,
	OWNER,
	startN8n,
	type N8nOptions,
	type N8nServer,
} from './n8n';
import {
	buildAndPack,
	declaredNodes,
	installCommunityPackage,
	registerCommunityPackage,
	REPO_ROOT,
} from './package';
import type { PostgresConnection } from './postgres';
import { freePort } from './proc';
import { n8nSettings, type N8nSettings, type SettingsChoice } from './n8nSettings';
import { N8N_LINES, N8N_VERSION, ensureRuntime, type Runtime } from './runtime';
import { N8nRest } from './rest';
import {
	rememberDataId,
	rememberedDataId,
	sandboxDataLine,
	triggersMustForget,
	workflowToImport,
	type SandboxDataOptions,
} from './sandboxData';

export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');

/** The credential every example workflow refers to. */
export const SANDBOX_CREDENTIAL = {
	id: 'billproSandbox01',
	name: 'BillPro Sandbox',
	type: 'billProApi',
};

/** The payment gateway credential of the gateway example, with the sandbox gateway's key. */
export const SANDBOX_GATEWAY_CREDENTIAL = {
	id: 'billproGateway01',
	name: 'BillPro Sandbox Gateway',
	type: 'billProGatewayApi',
};

/** Both sandbox credentials with their data, for `n8n import:credentials` (n8n encrypts them). */
export function sandboxCredentials(sandboxBaseUrl: string) {
	return [
		{
			...SANDBOX_CREDENTIAL,
			// The sandbox's fixture token.
			data: {
				apiToken: SINGLE_PROFILE_TOKEN,
				environment: 'custom',
				customUrl: sandboxBaseUrl,
				profileId: '',
			},
		},
		{ ...SANDBOX_GATEWAY_CREDENTIAL, data: { secretKey: SANDBOX_GATEWAY_KEY } },
	];
}

/** The example whose BillPro Payment Gateway Trigger npm start activates and the sandbox calls. */
export const GATEWAY_EXAMPLE = 'payment-notifications';

/** The Production URL n8n gives the gateway trigger of a workflow file (its webhookId's). */
export function gatewayWebhookUrl(n8nUrl: string, workflowFile: string): string {
	const workflow = JSON.parse(readFileSync(workflowFile, 'utf8')) as {
		nodes: Array<{ type: string; webhookId?: string }>;
	};
	const trigger = workflow.nodes.find((node) => node.type.endsWith('.billProGatewayTrigger'));
	if (!trigger?.webhookId)
		throw new Error(`${workflowFile} has no gateway trigger with a webhookId`);
	return `${n8nUrl}/webhook/${trigger.webhookId}/webhook`;
}

/**
 * Activates the gateway example and points the sandbox's payment notifications at its
 * Production URL on `webhookBaseUrl` (n8n itself, or a queue-mode webhook processor).
 */
export async function wireGateway(
	rest: N8nRest,
	sandbox: Sandbox,
	webhookBaseUrl: string,
): Promise<void> {
	const example = listExamples().find((candidate) => candidate.slug === GATEWAY_EXAMPLE);
	if (!example) throw new Error(`examples/${GATEWAY_EXAMPLE}.json is missing`);
	await rest.activate(example.id);
	sandbox.gateway.configure(
		gatewaySettingsOrThrow({
			url: gatewayWebhookUrl(webhookBaseUrl, example.file),
			key: SANDBOX_GATEWAY_KEY,
		}),
	);
	step(`Sandbox payment notifications go to "${example.name}" (active) at ${webhookBaseUrl}`);
}

export interface ExampleWorkflow {
	/** File name without .json, e.g. 'bulk-import-customers'. */
	slug: string;
	file: string;
	id: string;
	name: string;
}

export function listExamples(): ExampleWorkflow[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const workflow = JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as {
				id: string;
				name: string;
			};
			if (workflow.id.length > MAX_WORKFLOW_ID_LENGTH)
				throw new Error(
					`examples/${file}: id "${workflow.id}" is longer than ${MAX_WORKFLOW_ID_LENGTH} characters`,
				);
			return {
				slug: file.replace(/\.json$/, ''),
				file: path.join(EXAMPLES_DIR, file),
				id: workflow.id,
				name: workflow.name,
			};
		});
}

export interface StackOptions {
	/** N8N_USER_FOLDER (n8n's data goes into <userFolder>/.n8n). */
	userFolder: string;
	/** Where logs and the packed tarball go. */
	workDir: string;
	n8nPort: number;
	brokerPort: number;
	/** 0: a random free port. */
	sandboxPort: number;
	/**
	 * 'all': import every example (e2e). 'changed': only examples that are new or changed since
	 * the last import into this user folder, so edits made in the editor survive a restart.
	 */
	importExamples: 'all' | 'changed';
	/** Point n8n's own npm calls at a closed local port (e2e: nothing leaves 127.0.0.1). */
	offlineNpm?: boolean;
	/**
	 * Activate the gateway example and send the sandbox's payment notifications to it (npm
	 * start). The e2e suite wires it per test instead, so other tests' payments start nothing.
	 */
	wireGateway?: boolean;
	/**
	 * Keep the sandbox's data in a file across restarts (npm start; see sandboxData.ts). Without
	 * it the sandbox lives in memory (tests, benchmarks).
	 */
	sandboxData?: SandboxDataOptions;
	/**
	 * n8n's defaults or n8n 3.0's (n8nSettings.ts), unless BILLPRO_N8N_SETTINGS says; `usersOwn`:
	 * the user's N8N_SSRF_* and N8N_EXPRESSION_ENGINE, passed on (npm start).
	 */
	settings?: {
		fallback: SettingsChoice;
		usersOwn?: NodeJS.ProcessEnv;
		/** Settings left out of the server's environment, for `n8n execute` runs only (e2e). */
		forExecuteOnly?: string[];
	};
	/** Extra environment of every n8n command, and the PostgreSQL database it names (queue mode). */
	n8nEnv?: NodeJS.ProcessEnv;
	postgres?: PostgresConnection;
}

/** A stack for tests and benchmarks: fresh user folder in workDir, random ports, offline npm. */
export async function throwawayStackOptions(workDir: string): Promise<StackOptions> {
	return {
		userFolder: path.join(workDir, 'n8n-user'),
		workDir,
		n8nPort: await freePort(),
		brokerPort: await freePort(),
		sandboxPort: 0,
		importExamples: 'all',
		offlineNpm: true,
	};
}

export interface Stack {
	runtime: Runtime;
	n8nOptions: N8nOptions;
	n8n: N8nServer;
	sandbox: Sandbox;
	tarball: string;
	packageName: string;
	packageVersion: string;
	examples: ExampleWorkflow[];
	importedExamples: string[];
	/** The n8n settings the run changed, and why (n8nSettings.ts). */
	settings: N8nSettings;
	/** Of those, the server's, and the ones only `n8n execute` runs get (forExecuteOnly). */
	serverEnv: Record<string, string>;
	executeEnv: Record<string, string>;
	/** The banner's line on the sandbox's data and the example triggers' memory. */
	sandboxDataLine: string;
	logDir: string;
	/** Stops n8n, then the sandbox. */
	stop(): Promise<void>;
}

function sha256(file: string): string {
	return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export async function startStack(options: StackOptions): Promise<Stack> {
	const logDir = path.join(options.workDir, 'logs');
	mkdirSync(logDir, { recursive: true });
	mkdirSync(options.userFolder, { recursive: true });
	const setupLog = path.join(logDir, 'setup.log');

	const runtime = await ensureRuntime();
	const tarball = await buildAndPack(path.join(options.workDir, 'package'), setupLog);
	step(`Packed ${path.basename(tarball)}`);

	const sandboxHost = '127.0.0.1';
	const line = N8N_LINES.find((candidate) => candidate.line === runtime.n8nLine) ?? N8N_LINES[0];
	const settings = n8nSettings({
		line,
		sandboxHost,
		fallback: options.settings?.fallback ?? 'n8n',
		usersOwn: options.settings?.usersOwn,
	});
	for (const note of settings.notes) step(note);
	const executeOnly = new Set(options.settings?.forExecuteOnly ?? []);
	const [executeEnv, serverEnv] = [true, false].map((forExecute) =>
		Object.fromEntries(
			Object.entries(settings.env).filter(([key]) => executeOnly.has(key) === forExecute),
		),
	);
	if (Object.keys(executeEnv).length > 0) {
		step(`Only for \`n8n execute\` runs, not the server: ${JSON.stringify(executeEnv)}`);
	}
	const n8nOptions: N8nOptions = {
		runtime,
		userFolder: options.userFolder,
		port: options.n8nPort,
		brokerPort: options.brokerPort,
		offlineNpm: options.offlineNpm,
		env: { ...serverEnv, ...options.n8nEnv },
	};

	const packageJson = await timed(
		`Installing ${path.basename(tarball)} as an n8n community package into ${path.join(options.userFolder, '.n8n', 'nodes')}`,
		() => installCommunityPackage(runtime, options.userFolder, tarball, setupLog),
	);

	const sandbox = await startSandbox({
		host: sandboxHost,
		port: options.sandboxPort,
		dataFile: options.sandboxData?.file,
		resetData: options.sandboxData?.reset,
	});
	step(`BillPro sandbox listening on ${sandbox.baseUrl}`);
	if (sandbox.data) step(sandbox.data.note);
	let n8n: N8nServer | undefined;
	try {
		const cliBroker = await freePort();
		await timed(
			`Creating the "${SANDBOX_CREDENTIAL.name}" credential (n8n import:credentials)`,
			() =>
				importCredentials(n8nOptions, sandboxCredentials(sandbox.baseUrl), {
					logFile: setupLog,
					brokerPort: cliBroker,
				}),
		);

		const examples = listExamples();
		const stateFile = path.join(options.userFolder, 'billpro-imported-examples.json');
		let state: Record<string, string> = {};
		try {
			state = JSON.parse(readFileSync(stateFile, 'utf8')) as Record<string, string>;
		} catch {
			state = {};
		}
		// Every example again, with its static data cleared, when its triggers must forget.
		const forget = triggersMustForget(
			sandbox.data && sandbox.store.dataId,
			rememberedDataId(options.userFolder),
		);
		const toImport = examples.filter(
			(example) =>
				forget || options.importExamples === 'all' || state[example.slug] !== sha256(example.file),
		);
		if (toImport.length > 0) {
			await timed(`Importing ${toImport.length} example workflow(s) (n8n import:workflow)`, () =>
				importWorkflows(
					n8nOptions,
					toImport.map((example) => workflowToImport(example.file, forget)),
					{ logFile: setupLog, brokerPort: cliBroker },
				),
			);
			for (const example of toImport) state[example.slug] = sha256(example.file);
			writeFileSync(stateFile, JSON.stringify(state, null, 2) + '\n');
			if (sandbox.data) rememberDataId(options.userFolder, sandbox.store.dataId);
		} else {
			step('Example workflows unchanged since the last import: kept as they are in n8n');
		}

		await registerCommunityPackage(
			runtime,
			options.userFolder,
			packageJson,
			declaredNodes(),
			setupLog,
			options.postgres,
		);

		n8n = await timed(`Starting n8n ${N8N_VERSION} on http://127.0.0.1:${options.n8nPort}`, () =>
			startN8n(n8nOptions, path.join(logDir, 'n8n.log')),
		);
		// The owner comes from N8N_INSTANCE_OWNER_*, else from its setup: check the login works.
		const rest = new N8nRest(n8n.url);
		await rest.setUpOwnerIfAsked(OWNER);
		await rest.login(OWNER.email, OWNER.password);
		if (options.wireGateway) await wireGateway(rest, sandbox, n8n.url);

		const server = n8n;
		return {
			runtime,
			n8nOptions,
			n8n: server,
			sandbox,
			tarball,
			packageName: packageJson.name,
			packageVersion: packageJson.version,
			examples,
			importedExamples: toImport.map((example) => example.slug),
			settings,
			serverEnv,
			executeEnv,
			sandboxDataLine: sandboxDataLine(sandbox, forget),
			logDir,
			async stop() {
				await server.stop();
				await sandbox.close();
			},
		};
	} catch (error) {
		await n8n?.stop();
		await sandbox.close();
		throw error;
	}
}
