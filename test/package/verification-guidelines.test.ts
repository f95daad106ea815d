import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { NodeConnectionTypes } from 'n8n-workflow';
import ts from 'typescript';
import { importedModule, isProcessGlobal, sourceFiles, walkSource } from './sourceScan';

/**
 * n8n's verification guidelines for community nodes, the ones a machine can check, on the source
 * and on what `npm run build` put in dist/ (npm test builds first). n8n's scanner and lint on the
 * packed tarball: scanned-by-n8n.test.ts. What a reviewer checks by hand: docs/releasing.md.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<
	string,
	unknown
> & {
	n8n: { n8nNodesApiVersion: number; nodes: string[]; credentials: string[] };
};
const PUBLISHED_SOURCE = ['nodes', 'credentials'];

/** The built files n8n would load: dist/**\/*.node.js and *.credentials.js. */
function builtFiles(suffix: string): string[] {
	const dist = path.join(ROOT, 'dist');
	if (!existsSync(dist)) throw new Error('dist/ is missing: run `npm run build` first');
	return readdirSync(dist, { recursive: true, encoding: 'utf8' })
		.filter((file) => file.endsWith(suffix))
		.map((file) => `dist/${file}`)
		.sort();
}

/** The class n8n loads from a listed file: the export named like the file (BillPro.node.js). */
function load(file: string): Record<string, unknown> {
	const className = path.basename(file).split('.')[0];
	const exported = (require(path.join(ROOT, file)) as Record<string, new () => object>)[className];
	if (typeof exported !== 'function') throw new Error(`${file} exports no class ${className}`);
	return new exported() as Record<string, unknown>;
}

interface NodeDescription {
	name: string;
	group: string[];
	usableAsTool?: boolean;
	inputs: unknown;
	outputs: unknown;
}
const nodes = PACKAGE.n8n.nodes.map((file) => {
	const instance = load(file);
	return {
		file,
		description: instance.description as NodeDescription,
		isTrigger: ['poll', 'trigger', 'webhook'].some(
			(method) => typeof instance[method] === 'function',
		),
	};
});
const credentials = PACKAGE.n8n.credentials.map((file) => ({ file, instance: load(file) }));

describe("package.json as n8n's verification reads it", () => {
	it('is named n8n-nodes-… and carries the community-node keyword', () => {
		expect(PACKAGE.name).toMatch(/^(@[a-z0-9-~][a-z0-9-._~]*\/)?n8n-nodes-[a-z0-9-]+$/);
		expect(PACKAGE.keywords).toContain('n8n-community-node-package');
	});

	it('is MIT licensed, with the MIT licence text in LICENSE.md', () => {
		expect(PACKAGE.license).toBe('MIT');
		const licence = readFileSync(path.join(ROOT, 'LICENSE.md'), 'utf8');
		expect(licence).toMatch(/^MIT License\b/);
		expect(licence).toContain('Permission is hereby granted, free of charge');
	});

	it('names a public GitHub repository, its homepage there, and an author', () => {
		const repository = PACKAGE.repository as { type: string; url: string };
		expect(repository.type).toBe('git');
		const match = /^git\+https:\/\/github\.com\/([\w.-]+\/[\w.-]+)\.git$/.exec(repository.url);
		expect(match).not.toBeNull();
		expect(PACKAGE.homepage).toMatch(new RegExp(`^https://github\\.com/${match![1]}(#|/|$)`));
		const author = PACKAGE.author as { name?: string; email?: string };
		expect(author.name?.trim()).toBeTruthy();
		expect(author.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
	});

	it('lists in its n8n section exactly the nodes and credentials built into dist/', () => {
		expect(PACKAGE.n8n.n8nNodesApiVersion).toBe(1);
		expect([...PACKAGE.n8n.nodes].sort()).toEqual(builtFiles('.node.js'));
		expect([...PACKAGE.n8n.credentials].sort()).toEqual(builtFiles('.credentials.js'));
	});

	it('has no runtime dependencies and no overrides', () => {
		expect(PACKAGE.dependencies ?? {}).toEqual({});
		expect(PACKAGE).not.toHaveProperty('overrides');
		expect(PACKAGE).not.toHaveProperty('bundleDependencies');
		expect(PACKAGE).not.toHaveProperty('bundledDependencies');
	});
});

/**
 * English only, as a rule a machine can apply: every string of every node and credential
 * description (display names, descriptions, placeholders, option names, hints, notices,
 * defaults, trigger panel texts) is printable ASCII, or one of the typographic marks English copy
 * uses: ‘ ’ “ ” – — … and the → of menu paths ("Settings → API"). A letter outside ASCII (é, ß,
 * и, 中) fails it.
 */
const ENGLISH_TEXT = /^[\x20-\x7E\n\t‘’“”–—…→]*$/;

function strings(value: unknown, where: string): Array<{ where: string; text: string }> {
	if (typeof value === 'string') return [{ where, text: value }];
	if (Array.isArray(value))
		return value.flatMap((item, index) => strings(item, `${where}[${index}]`));
	if (value && typeof value === 'object') {
		return Object.entries(value).flatMap(([key, item]) => strings(item, `${where}.${key}`));
	}
	return [];
}

describe('What users read in n8n is English', () => {
	it('holds for every string of the nodes and credentials', () => {
		const texts = [
			...nodes.flatMap(({ description }) => strings(description, description.name)),
			...credentials.flatMap(({ instance }) => strings(instance, String(instance.name))),
		];
		expect(texts.length).toBeGreaterThan(500);
		expect(texts.filter(({ text }) => !ENGLISH_TEXT.test(text))).toEqual([]);
	});
});

describe('The nodes and credentials touch no environment and no file system', () => {
	const FORBIDDEN_MODULE = /^(node:)?(fs|child_process|process)(\/|$)/;
	const files = sourceFiles(ROOT, PUBLISHED_SOURCE);

	it('finds the source to read', () => {
		expect(files).toEqual(expect.arrayContaining(['nodes/BillPro/BillPro.node.ts']));
		expect(files.some((file) => file.startsWith('credentials/'))).toBe(true);
	});

	it('never reads process (process.env and the like)', () => {
		expect(
			files.flatMap((file) =>
				walkSource(ROOT, file, (node, report) => isProcessGlobal(node) && report(node)),
			),
		).toEqual([]);
	});

	it('imports neither fs nor child_process, in any form', () => {
		expect(
			files.flatMap((file) =>
				walkSource(ROOT, file, (node, report) => {
					const imported = importedModule(node);
					if (imported !== undefined && FORBIDDEN_MODULE.test(imported)) report(node);
				}),
			),
		).toEqual([]);
	});
});

describe('Connections and AI tool use', () => {
	it('lists its inputs and outputs as NodeConnectionTypes, in the source and the build', () => {
		const nodeSources = sourceFiles(ROOT, ['nodes']).filter((file) => file.endsWith('.node.ts'));
		expect(nodeSources).toHaveLength(nodes.length);
		const declared: string[] = [];
		const misdeclared = nodeSources.flatMap((file) =>
			walkSource(ROOT, file, (node, report) => {
				if (!ts.isPropertyAssignment(node) || !ts.isIdentifier(node.name)) return;
				if (node.name.text !== 'inputs' && node.name.text !== 'outputs') return;
				declared.push(`${file} ${node.name.text}`);
				const list = node.initializer;
				const byEnum = (element: ts.Expression) =>
					ts.isPropertyAccessExpression(element) &&
					ts.isIdentifier(element.expression) &&
					element.expression.text === 'NodeConnectionTypes';
				if (!ts.isArrayLiteralExpression(list) || !list.elements.every(byEnum)) report(node);
			}),
		);
		expect(declared).toHaveLength(2 * nodeSources.length);
		expect(misdeclared).toEqual([]);
		const known: unknown[] = Object.values(NodeConnectionTypes);
		for (const { description } of nodes) {
			for (const connection of [description.inputs, description.outputs].flat()) {
				expect(known).toContain(connection);
			}
			expect(description.outputs).toContain(NodeConnectionTypes.Main);
		}
	});

	it('offers the action node as an AI tool, and neither trigger', () => {
		expect(
			nodes.map(({ description, isTrigger }) => ({
				name: description.name,
				isTrigger,
				usableAsTool: description.usableAsTool,
			})),
		).toEqual([
			{ name: 'billPro', isTrigger: false, usableAsTool: true },
			{ name: 'billProTrigger', isTrigger: true, usableAsTool: undefined },
			{ name: 'billProGatewayTrigger', isTrigger: true, usableAsTool: undefined },
		]);
	});
});
