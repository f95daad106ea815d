/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- benchmark tooling, never published (not in package.json "files") */
/**
 * The floor nodes (bench/floorNode.ts, bench/floorWebhookNode.ts) as a community package of
 * their own, `n8n-nodes-billpro-floor`, installed into the bench's n8n the same way as this package (scripts/lib/package.ts: unpacked
 * from its tarball into <N8N_USER_FOLDER>/.n8n/nodes/node_modules, `npm install` in it, saved in
 * n8n's database). Built on the fly: each node file transpiled alone by TypeScript to CommonJS
 * (they have no run-time imports), a package.json declaring them, packed as npm packs
 * ("package/…"). It declares no credential: its nodes use this package's credential types
 * (`billProApi`, `billProGatewayApi`), which n8n lets any node use (neither sets
 * `restrictToSupportedNodes`).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import ts from 'typescript';

import { installCommunityPackage, registerCommunityPackage } from '../scripts/lib/package';
import { run } from '../scripts/lib/proc';
import type { Runtime } from '../scripts/lib/runtime';

export const FLOOR_PACKAGE = 'n8n-nodes-billpro-floor';
export const FLOOR_TYPE = `${FLOOR_PACKAGE}.billProFloor`;
export const FLOOR_WEBHOOK_TYPE = `${FLOOR_PACKAGE}.billProFloorWebhook`;

/** The package's nodes: the jobs' floor and the gateway job's (bench/floorWebhookNode.ts). */
const NODES = [
	{
		source: 'floorNode.ts',
		file: 'dist/BillProFloor.node.js',
		name: 'billProFloor',
		displayName: 'BillPro Floor (benchmark)',
		version: 1,
	},
	{
		source: 'floorWebhookNode.ts',
		file: 'dist/BillProFloorWebhook.node.js',
		name: 'billProFloorWebhook',
		displayName: 'BillPro Floor Webhook (benchmark)',
		version: 1.1,
	},
];

/** Builds the package's tarball in `workDir` and installs it into the n8n of `userFolder`. */
export async function installFloorPackage(
	runtime: Runtime,
	userFolder: string,
	workDir: string,
	logFile: string,
): Promise<void> {
	const staging = path.join(workDir, 'floor-package');
	const root = path.join(staging, 'package');
	rmSync(staging, { recursive: true, force: true });
	mkdirSync(path.join(root, 'dist'), { recursive: true });
	for (const node of NODES) {
		const source = readFileSync(path.join(__dirname, node.source), 'utf8');
		const { outputText, diagnostics } = ts.transpileModule(source, {
			compilerOptions: {
				module: ts.ModuleKind.CommonJS,
				target: ts.ScriptTarget.ES2022,
				esModuleInterop: true,
			},
			fileName: path.basename(node.file).replace(/\.js$/, '.ts'),
			reportDiagnostics: true,
		});
		if (diagnostics?.length) {
			throw new Error(
				`${node.source}: ${ts.flattenDiagnosticMessageText(diagnostics[0].messageText, '\n')}`,
			);
		}
		writeFileSync(path.join(root, node.file), outputText);
	}
	const manifest = {
		name: FLOOR_PACKAGE,
		version: '0.0.0',
		description: "n8n-nodes-billpro's benchmark floor node (bench/floorNode.ts); never published",
		license: 'MIT',
		author: { name: 'n8n-nodes-billpro maintainers' },
		keywords: ['n8n-community-node-package'],
		files: ['dist'],
		n8n: {
			n8nNodesApiVersion: 1,
			strict: true,
			credentials: [],
			nodes: NODES.map((node) => node.file),
		},
	};
	writeFileSync(path.join(root, 'package.json'), JSON.stringify(manifest, null, 2));
	const tarball = path.join(staging, `${FLOOR_PACKAGE}-${manifest.version}.tgz`);
	await run('tar', ['-czf', tarball, '-C', staging, 'package'], { logFile });
	const packageJson = await installCommunityPackage(runtime, userFolder, tarball, logFile);
	await registerCommunityPackage(
		runtime,
		userFolder,
		packageJson,
		NODES.map(({ name, displayName, version }) => ({ name, displayName, version })),
		logFile,
	);
}
