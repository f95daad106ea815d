/**
 * Copies of examples/bulk-import-customers.json with rows of their own (each email prefixed by
 * its copy's tag), so that many runs can go at once and each customer is told apart in BillPro.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { EXAMPLES_DIR } from '../../../scripts/lib/stack';
import type { WorkflowJson } from '../../e2e/support/context';

export interface ImportRow {
	first_name: string;
	last_name: string;
	email: string;
	phone: string;
	[field: string]: string;
}

const SOURCE_NODE = 'Customers to import';

/** Read from the file, not the e2e context: bench/queue.ts uses these too. */
function exampleJson(): WorkflowJson {
	return JSON.parse(
		readFileSync(path.join(EXAMPLES_DIR, 'bulk-import-customers.json'), 'utf8'),
	) as WorkflowJson;
}

/** The example's rows: four BillPro accepts, then one it refuses (its phone does not fit GB). */
export function exampleRows(): ImportRow[] {
	const source = exampleJson().nodes.find((node) => node.name === SOURCE_NODE);
	return (JSON.parse(String(source?.parameters.jsonOutput)) as { customers: ImportRow[] })
		.customers;
}

/** `rows` with every email made unique to `tag`: amelia.hart@… becomes <tag>.amelia.hart@… */
export function taggedRows(tag: string, rows = exampleRows()): ImportRow[] {
	return rows.map((row) => ({ ...row, email: `${tag}.${row.email}` }));
}

/** The bulk import example, saved as its own workflow `id`, importing `rows`. */
export function bulkImportWorkflow(id: string, name: string, rows: ImportRow[]): WorkflowJson {
	const workflow = exampleJson();
	const source = workflow.nodes.find((node) => node.name === SOURCE_NODE)!;
	source.parameters.jsonOutput = JSON.stringify({ customers: rows }, null, 2);
	return { ...workflow, id, name: `${workflow.name} (${name})` };
}
