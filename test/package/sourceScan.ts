import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Reads the TypeScript source the way a reviewer's tools do, on its syntax tree rather than its
 * text, so that a comment mentioning `process.env` is not a finding and `process['env']` is.
 */

export interface Finding {
	file: string;
	line: number;
	code: string;
}

/** Every .ts file (declarations aside) under the given folders, relative to root. */
export function sourceFiles(root: string, folders: string[]): string[] {
	return folders
		.flatMap((folder) =>
			readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' }).map((file) =>
				path.join(folder, file),
			),
		)
		.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
		.sort();
}

/** Calls visit on every node of the file's syntax tree. */
export function walkSource(
	root: string,
	file: string,
	visit: (node: ts.Node, report: (node: ts.Node) => void) => void,
): Finding[] {
	const source = ts.createSourceFile(
		file,
		readFileSync(path.join(root, file), 'utf8'),
		ts.ScriptTarget.Latest,
		true,
	);
	const findings: Finding[] = [];
	const report = (node: ts.Node) =>
		findings.push({
			file,
			line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
			code: node.getText().slice(0, 80),
		});
	const descend = (node: ts.Node) => {
		visit(node, report);
		ts.forEachChild(node, descend);
	};
	descend(source);
	return findings;
}

/** The module a node imports, requires or dynamically imports, if it is one of those. */
export function importedModule(node: ts.Node): string | undefined {
	if (
		(ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
		node.moduleSpecifier &&
		ts.isStringLiteral(node.moduleSpecifier)
	) {
		return node.moduleSpecifier.text;
	}
	if (ts.isExternalModuleReference(node) && ts.isStringLiteralLike(node.expression)) {
		return node.expression.text;
	}
	if (
		ts.isCallExpression(node) &&
		(node.expression.kind === ts.SyntaxKind.ImportKeyword ||
			(ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
		node.arguments.length > 0 &&
		ts.isStringLiteralLike(node.arguments[0])
	) {
		return node.arguments[0].text;
	}
	return undefined;
}

/** Whether an identifier stands for the global `process`, not a property or a local name. */
export function isProcessGlobal(node: ts.Node): boolean {
	if (!ts.isIdentifier(node) || node.text !== 'process') return false;
	const parent = node.parent;
	if (ts.isPropertyAccessExpression(parent) && parent.name === node) {
		// globalThis.process is the global; anything.process is some object's property.
		return ts.isIdentifier(parent.expression) && parent.expression.text === 'globalThis';
	}
	if (
		(ts.isPropertyAssignment(parent) ||
			ts.isPropertyDeclaration(parent) ||
			ts.isMethodDeclaration(parent) ||
			ts.isBindingElement(parent) ||
			ts.isVariableDeclaration(parent) ||
			ts.isParameter(parent)) &&
		parent.name === node
	) {
		return false;
	}
	return true;
}
