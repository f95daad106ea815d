/**
 * The output schemas n8n reads from a node's `__schema__` folder, found the way n8n finds them,
 * and checked with ajv (JSON Schema draft-07, the version eslint brings; devDependencies pins it).
 *
 * Where n8n looks (n8n 2.41.1): the editor asks for
 * `/schemas/<node type>/<version as x.y.z>/<resource>/<operation>.json` (editor-ui's
 * schemaPreview API: `padVersion`, empty parts left out), and the server answers with the file
 * `__schema__/v<x.y.z>/<resource>/<operation>.json` next to the node's compiled file
 * (cli's LoadNodesAndCredentials.resolveSchema → n8n-core's resolveOutputSchemaPath). The AI's
 * mock data reads the same files (createOutputSchemaLookup); for a node without resource and
 * operation, such as a trigger, it reads `__schema__/v<x.y.z>.json`, else
 * `__schema__/v<x.y.z>/output.json`. The editor shows no schema preview for a trigger
 * (VirtualSchema: "Trigger nodes do not have schema previews").
 */
import Ajv from 'ajv';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export type JsonSchema = {
	type?: string | string[];
	title?: string;
	properties?: Record<string, JsonSchema>;
	required?: string[];
	items?: JsonSchema;
	anyOf?: JsonSchema[];
	[keyword: string]: unknown;
};

export const NODES_DIR = join(__dirname, '..', '..', 'nodes');

/** n8n's padVersion: 1 → '1.0.0', 2.1 → '2.1.0'. */
export function schemaVersion(version: number): string {
	return String(version).split('.').concat(['0', '0']).slice(0, 3).join('.');
}

/**
 * The file n8n reads for a node version and, when the node has them, a resource and operation
 * (relative to the node's folder, e.g. `__schema__/v1.0.0/customer/get.json`); undefined when
 * there is none.
 */
export function schemaFileFor(
	nodeDir: string,
	version: number,
	resource?: string,
	operation?: string,
): string | undefined {
	const versionDir = `v${schemaVersion(version)}`;
	const candidates =
		resource || operation
			? [[versionDir, resource, operation]]
			: [[versionDir], [versionDir, 'output']];
	return candidates
		.map((parts) => join('__schema__', parts.filter(Boolean).join('/') + '.json'))
		.find((file) => existsSync(join(nodeDir, file)));
}

/** Every file in the node's `__schema__` folder, relative to the node's folder. */
export function schemaFilesIn(nodeDir: string): string[] {
	const root = join(nodeDir, '__schema__');
	if (!existsSync(root)) return [];
	const walk = (dir: string): string[] =>
		readdirSync(dir).flatMap((name) => {
			const path = join(dir, name);
			return statSync(path).isDirectory() ? walk(path) : [relative(nodeDir, path)];
		});
	return walk(root).sort();
}

export function loadSchema(nodeDir: string, file: string): JsonSchema {
	return JSON.parse(readFileSync(join(nodeDir, file), 'utf8')) as JsonSchema;
}

const ajv = new Ajv({ allErrors: true, format: 'full' });
const compiled = new Map<JsonSchema, Ajv.ValidateFunction>();

/** Why `schema` is not valid JSON Schema (draft-07); [] when it is. */
export function schemaProblems(schema: JsonSchema): string[] {
	if (ajv.validateSchema(schema)) return [];
	return (ajv.errors ?? []).map((error) => `${error.dataPath} ${error.message}`);
}

/** What in `value` breaks `schema`, one line each ("data.status should be equal to one of…"). */
export function violations(schema: JsonSchema, value: unknown): string[] {
	let validate = compiled.get(schema);
	if (!validate) {
		validate = ajv.compile(schema);
		compiled.set(schema, validate);
	}
	if (validate(value)) return [];
	return (validate.errors ?? []).map((error) => ajv.errorsText([error]));
}

/** The titles of the schema's anyOf alternatives that `value` meets (with the rest of the schema). */
export function alternativesMet(schema: JsonSchema, value: unknown): string[] {
	const { anyOf = [], ...rest } = schema;
	return anyOf
		.filter((alternative) => violations({ allOf: [rest, alternative] }, value).length === 0)
		.map((alternative) => alternative.title ?? '(untitled)');
}

/**
 * The fields the editor shows before a run: the top-level properties, in their order (editor-ui's
 * getSchemaForJsonSchema reads `type` and `properties` and nothing else).
 */
export function fieldsShownBeforeARun(schema: JsonSchema): string[] {
	return Object.keys(schema.properties ?? {});
}

/** Whether n8n's editor takes it as a preview (schemaPreview API: type, non-empty properties). */
export function editorCanShow(schema: JsonSchema): boolean {
	return schema.type === 'object' && Object.keys(schema.properties ?? {}).length > 0;
}

/** A schema's properties with those of its anyOf alternatives, the first description first. */
function describedProperties(schema: JsonSchema): Record<string, JsonSchema[]> {
	const described: Record<string, JsonSchema[]> = {};
	for (const part of [schema, ...(schema.anyOf ?? [])]) {
		for (const [key, property] of Object.entries(part.properties ?? {})) {
			(described[key] ??= []).push(property);
		}
	}
	return described;
}

/**
 * The paths of the fields in `value` its schema does not describe (objects and arrays in it
 * included), such as `addresses[0].country`: [] when every field the output has is in the schema.
 */
export function undescribedFields(schema: JsonSchema, value: unknown, path = ''): string[] {
	if (Array.isArray(value)) {
		return schema.items
			? value.flatMap((entry, index) =>
					undescribedFields(schema.items as JsonSchema, entry, `${path}[${index}]`),
				)
			: [];
	}
	if (typeof value !== 'object' || value === null) return [];
	const described = describedProperties(schema);
	if (Object.keys(described).length === 0) return [];
	return Object.entries(value).flatMap(([key, field]) => {
		const at = path ? `${path}.${key}` : key;
		const schemas = described[key];
		if (!schemas) return [at];
		// Described by any one of its descriptions is enough.
		const results = schemas.map((property) => undescribedFields(property, field, at));
		return results.find((missing) => missing.length === 0) ?? results[0];
	});
}
