/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- benchmark tooling, never published (not in package.json "files") */
/**
 * The floor node (bench/floorNode.ts) as a community package of its own, `n8n-nodes-billpro-floor`,
 * installed into the bench's n8n the same way as this package (scripts/lib/package.ts: unpacked
 * from its tarball into <N8N_USER_FOLDER>/.n8n/nodes/node_modules, `npm install` in it, saved in
 * n8n's database). Built on the fly: floorNode.ts transpiled alone by TypeScript to CommonJS (it
 * has no run-time imports), a package.json declaring it, packed as npm packs ("package/…").
 * It declares no credential: its node uses `billProApi`, this package's credential type, which
 * n8n lets any node use (the credential type does not set `restrictToSupportedNodes`).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import ts from 'typescript';

import { installCommunityPackage, registerCommunityPackage } from '../scripts/lib/package';
import { run } from '../scripts/lib/proc';
import type { Runtime } from '../scripts/lib/runtime';

export const FLOOR_PACKAGE = 'n8n-nodes-billpro-floor';
export const FLOOR_TYPE = `${FLOOR_PACKAGE}.billProFloor`;
const NODE_FILE = 'dist/BillProFloor.node.js';

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
	const source = readFileSync(path.join(__dirname, 'floorNode.ts'), 'utf8');
	const { outputText, diagnostics } = ts.transpileModule(source, {
		compilerOptions: {
			module: ts.ModuleKind.CommonJS,
			target: ts.ScriptTarget.ES2022,
			esModuleInterop: true,
		},
		fileName: 'BillProFloor.node.ts',
		reportDiagnostics: true,
	});
	if (diagnostics?.length) {
		throw new Error(
			`floorNode.ts: ${ts.flattenDiagnosticMessageText(diagnostics[0].messageText, '\n')}`,
		);
	}
	writeFileSync(path.join(root, NODE_FILE), outputText);
	const manifest = {
		name: FLOOR_PACKAGE,
		version: '0.0.0',
		description: "n8n-nodes-billpro's benchmark floor node (bench/floorNode.ts); never published",
		license: 'MIT',
		author: { name: 'n8n-nodes-billpro maintainers' },
		keywords: ['n8n-community-node-package'],
		files: ['dist'],
		n8n: { n8nNodesApiVersion: 1, strict: true, credentials: [], nodes: [NODE_FILE] },
	};
	writeFileSync(path.join(root, 'package.json'), JSON.stringify(manifest, null, 2));
	const tarball = path.join(staging, `${FLOOR_PACKAGE}-${manifest.version}.tgz`);
	await run('tar', ['-czf', tarball, '-C', staging, 'package'], { logFile });
	const packageJson = await installCommunityPackage(runtime, userFolder, tarball, logFile);
	await registerCommunityPackage(
		runtime,
		userFolder,
		packageJson,
		[{ name: 'billProFloor', displayName: 'BillPro Floor (benchmark)', version: 1 }],
		logFile,
	);
}
