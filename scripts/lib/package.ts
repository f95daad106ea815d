/**
 * This package as n8n sees a community package: built, packed with `npm pack`, and installed
 * into <N8N_USER_FOLDER>/.n8n/nodes the way n8n 2.41's CommunityPackagesService installs one
 * (packages/cli/src/modules/community-packages/community-packages.service.ts, downloadPackage):
 *
 *   1. <nodes>/package.json {"name":"installed-nodes","private":true,"dependencies":{}}
 *   2. the tarball unpacked into <nodes>/node_modules/<name> (tar --strip-components=1)
 *   3. devDependencies, peerDependencies and optionalDependencies removed from its package.json
 *   4. `npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow
 *       --ignore-scripts=true --package-lock=false` in the package folder
 *   5. <nodes>/package.json dependencies[<name>] = <version>
 *   6. the package and its node types saved in n8n's database (installed_packages, installed_nodes),
 *      so Settings → Community nodes lists it
 *
 * n8n then finds it at start: the community-packages module scans <nodes>/node_modules for
 * `n8n-nodes-*` and `@*\/n8n-nodes-*` folders (n8n-core scanDirectoryForPackages) and loads each
 * with LazyPackageDirectoryLoader. Node types are `<package name>.<node name>`.
 * Only step 1 of n8n's own flow differs: n8n runs `npm pack <name>@<version>` against the
 * registry to get the tarball; here the tarball comes from this repository.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import path from 'node:path';

import { timed } from './log';
import { run } from './proc';
import type { PostgresConnection } from './postgres';
import { runtimeNpmEnv, type Runtime } from './runtime';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

interface PackageJson {
	name: string;
	version: string;
	author?: { name?: string; email?: string } | string;
	n8n?: { nodes?: string[]; credentials?: string[] };
	devDependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	optionalDependencies?: Record<string, string>;
}

export function repoPackageJson(): PackageJson {
	return JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson;
}

/** Strips what `npm run` puts in the environment (e.g. npm_config_ignore_scripts from .npmrc). */
function cleanNpmEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env };
	for (const key of Object.keys(env)) if (/^npm_(package|lifecycle)_/i.test(key)) delete env[key];
	return env;
}

/** `npm run build`, then `npm pack` into destDir. Returns the tarball's path. */
export async function buildAndPack(destDir: string, logFile: string): Promise<string> {
	await timed('Building the package (npm run build)', () =>
		run('npm', ['run', 'build'], { cwd: REPO_ROOT, env: cleanNpmEnv(), logFile }),
	);
	mkdirSync(destDir, { recursive: true });
	const { stdout } = await run('npm', ['pack', '--pack-destination', destDir, '--json'], {
		cwd: REPO_ROOT,
		env: cleanNpmEnv(),
		capture: true,
		logFile,
	});
	const packed = JSON.parse(stdout.slice(stdout.indexOf('['))) as Array<{ filename: string }>;
	const tarball = path.join(destDir, packed[0].filename);
	return tarball;
}

export function nodesDir(userFolder: string): string {
	return path.join(userFolder, '.n8n', 'nodes');
}

/** Steps 1–5 above. Replaces any earlier install of the package. */
export async function installCommunityPackage(
	runtime: Runtime,
	userFolder: string,
	tarball: string,
	logFile: string,
): Promise<PackageJson> {
	const downloadFolder = nodesDir(userFolder);
	mkdirSync(downloadFolder, { recursive: true });
	const rootPackageJson = path.join(downloadFolder, 'package.json');
	let installed: { name: string; private: boolean; dependencies: Record<string, string> };
	try {
		installed = JSON.parse(readFileSync(rootPackageJson, 'utf8'));
	} catch {
		installed = { name: 'installed-nodes', private: true, dependencies: {} };
	}

	// The tarball's first folder is always "package/"; its package.json names it.
	const staging = path.join(downloadFolder, '.billpro-staging');
	rmSync(staging, { recursive: true, force: true });
	mkdirSync(staging, { recursive: true });
	await run('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1'], { logFile });
	const packageJson = JSON.parse(
		readFileSync(path.join(staging, 'package.json'), 'utf8'),
	) as PackageJson;
	rmSync(staging, { recursive: true, force: true });

	const packageDirectory = path.join(downloadFolder, 'node_modules', packageJson.name);
	rmSync(packageDirectory, { recursive: true, force: true });
	mkdirSync(packageDirectory, { recursive: true });
	// As n8n does: the tarball sits in the nodes folder while it is unpacked, then is removed.
	const tarballName = path.basename(tarball);
	copyFileSync(tarball, path.join(downloadFolder, tarballName));
	try {
		await run('tar', ['-xzf', tarballName, '-C', packageDirectory, '--strip-components=1'], {
			cwd: downloadFolder,
			logFile,
		});
		const { devDependencies, peerDependencies, optionalDependencies, ...stripped } = packageJson;
		void devDependencies;
		void peerDependencies;
		void optionalDependencies;
		writeFileSync(
			path.join(packageDirectory, 'package.json'),
			JSON.stringify(stripped, null, 2),
			'utf-8',
		);
		await run(
			'npm',
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
			],
			{ cwd: packageDirectory, env: runtimeNpmEnv(runtime), logFile },
		);
		installed.dependencies[packageJson.name] = packageJson.version;
		writeFileSync(rootPackageJson, JSON.stringify(installed, null, 2), 'utf-8');
	} finally {
		rmSync(path.join(downloadFolder, tarballName), { force: true });
	}
	return packageJson;
}

/**
 * Step 6: what n8n's InstalledPackagesRepository.persistPackageWithNodes saves. Needs n8n's
 * migrated database (run after any n8n CLI command). Uses n8n's own sqlite3 build, on n8n's Node;
 * with `postgres` (queue mode), n8n's own `pg` client and that shared database instead.
 */
export async function registerCommunityPackage(
	runtime: Runtime,
	userFolder: string,
	packageJson: PackageJson,
	nodes: Array<{ name: string; displayName: string; version: number }>,
	logFile: string,
	postgres?: PostgresConnection,
): Promise<void> {
	const author = typeof packageJson.author === 'object' ? packageJson.author : {};
	const payload = {
		db: postgres
			? {
					host: postgres.host,
					port: postgres.port,
					user: postgres.user,
					database: postgres.database,
				}
			: path.join(userFolder, '.n8n', 'database.sqlite'),
		packageName: packageJson.name,
		version: packageJson.version,
		authorName: author.name ?? null,
		authorEmail: author.email ?? null,
		nodes: nodes.map((node) => ({
			name: node.displayName,
			type: `${packageJson.name}.${node.name}`,
			latestVersion: node.version,
		})),
	};
	const script = `
const sqlite3 = require('sqlite3');
const p = JSON.parse(process.argv[1]);
const db = new sqlite3.Database(p.db);
const exec = (sql, params) => new Promise((ok, ko) => db.run(sql, params, (e) => (e ? ko(e) : ok())));
(async () => {
  await exec('PRAGMA foreign_keys = ON', []);
  await exec('BEGIN', []);
  await exec('DELETE FROM installed_packages WHERE packageName = ?', [p.packageName]);
  await exec('INSERT INTO installed_packages (packageName, installedVersion, authorName, authorEmail, createdAt, updatedAt) VALUES (?, ?, ?, ?, STRFTIME(\\'%Y-%m-%d %H:%M:%f\\', \\'NOW\\'), STRFTIME(\\'%Y-%m-%d %H:%M:%f\\', \\'NOW\\'))', [p.packageName, p.version, p.authorName, p.authorEmail]);
  for (const n of p.nodes) {
    await exec('DELETE FROM installed_nodes WHERE name = ?', [n.name]);
    await exec('INSERT INTO installed_nodes (name, type, latestVersion, package) VALUES (?, ?, ?, ?)', [n.name, n.type, n.latestVersion, p.packageName]);
  }
  await exec('COMMIT', []);
  db.close();
})().catch((e) => { console.error(e); process.exit(1); });
`;
	const n8nModules = path.dirname(path.dirname(path.dirname(runtime.n8nBin)));
	await run(runtime.node, ['-e', postgres ? POSTGRES_SCRIPT : script, JSON.stringify(payload)], {
		// The database password goes by environment (pg reads PGPASSWORD): argv is logged.
		env: { ...process.env, NODE_PATH: n8nModules, PGPASSWORD: postgres?.password },
		cwd: path.dirname(n8nModules),
		logFile,
	});
}

/** The same rows, written with n8n's `pg` client into n8n's PostgreSQL tables (camelCase columns). */
const POSTGRES_SCRIPT = `
const { Client } = require('pg');
const p = JSON.parse(process.argv[1]);
const db = new Client(p.db);
(async () => {
  await db.connect();
  await db.query('BEGIN');
  await db.query('DELETE FROM installed_packages WHERE "packageName" = $1', [p.packageName]);
  await db.query('INSERT INTO installed_packages ("packageName", "installedVersion", "authorName", "authorEmail") VALUES ($1, $2, $3, $4)', [p.packageName, p.version, p.authorName, p.authorEmail]);
  for (const n of p.nodes) {
    await db.query('DELETE FROM installed_nodes WHERE name = $1', [n.name]);
    await db.query('INSERT INTO installed_nodes (name, type, "latestVersion", package) VALUES ($1, $2, $3, $4)', [n.name, n.type, n.latestVersion, p.packageName]);
  }
  await db.query('COMMIT');
  await db.end();
})().catch((e) => { console.error(e.message); process.exit(1); });
`;

/**
 * The node types the package declares (name, displayName, version), read from the built files in
 * this repository's dist/ (the tarball holds the same files; this checkout has n8n-workflow).
 */
export function declaredNodes(): Array<{ name: string; displayName: string; version: number }> {
	return (repoPackageJson().n8n?.nodes ?? []).map((file) => {
		const mod = require(path.join(REPO_ROOT, file)) as Record<
			string,
			new () => { description: { name: string; displayName: string; version: number | number[] } }
		>;
		const NodeClass = Object.values(mod)[0];
		const { name, displayName, version } = new NodeClass().description;
		return { name, displayName, version: Array.isArray(version) ? Math.max(...version) : version };
	});
}
