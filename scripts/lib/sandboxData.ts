/**
 * npm start's sandbox data and the example triggers' memory (n8n static data of the example
 * workflows) are kept or cleared together: the BillPro Trigger remembers record ids and the
 * gateway trigger remembers notifications, so their memory must belong to the sandbox's data.
 * `npm start -- --reset` clears both; so does a sandbox that started from its seed elsewhere.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { defaultDataFile, type Sandbox } from '../../sandbox';

export const RESET_FLAG = '--reset';

/** In the n8n user folder: the sandbox data id the examples' trigger memory belongs to. */
const REMEMBERED_DATA_ID_FILE = 'billpro-sandbox-data-id';

export interface SandboxDataOptions {
	/** The sandbox's data file. */
	file: string;
	/** Start the sandbox from its seed and clear the example triggers' memory. */
	reset: boolean;
}

/** From npm start's arguments and environment. */
export function sandboxDataOptions(
	argv: readonly string[],
	env: NodeJS.ProcessEnv,
): SandboxDataOptions {
	return { file: defaultDataFile(env), reset: argv.includes(RESET_FLAG) };
}

/**
 * The examples' triggers must forget when the sandbox's data is not the data they remember:
 * after a reset, a first start, or a data file that was reset or lost since. A sandbox without
 * a data file (tests) has nothing to match.
 */
export function triggersMustForget(
	sandboxDataId: string | undefined,
	rememberedDataId: string | undefined,
): boolean {
	return sandboxDataId !== undefined && sandboxDataId !== rememberedDataId;
}

/** The data id saved by rememberDataId in this user folder; undefined when none. */
export function rememberedDataId(userFolder: string): string | undefined {
	try {
		return readFileSync(path.join(userFolder, REMEMBERED_DATA_ID_FILE), 'utf8').trim() || undefined;
	} catch {
		return undefined;
	}
}

/** Once the examples are imported: their triggers' memory now belongs to this data. */
export function rememberDataId(userFolder: string, dataId: string): void {
	writeFileSync(path.join(userFolder, REMEMBERED_DATA_ID_FILE), dataId + '\n');
}

/**
 * An example workflow as imported: with `staticData: null` its triggers forget (n8n's import
 * replaces the stored workflow, static data included); otherwise as the file has it.
 */
export function workflowToImport(file: string, forget: boolean): { id: string; staticData?: null } {
	const workflow = JSON.parse(readFileSync(file, 'utf8')) as { id: string };
	return forget ? { ...workflow, staticData: null } : workflow;
}

/** The banner's line about the sandbox's data and the examples' memory. */
export function sandboxDataLine(sandbox: Sandbox, forgot: boolean): string {
	const data = sandbox.data;
	if (!data) return 'Sandbox data in memory only';
	const afresh = `npm start -- ${RESET_FLAG} to start afresh`;
	switch (data.start) {
		case 'kept':
			return forgot
				? `Sandbox data kept from ${data.path}; ${afresh} (the example triggers' memory was of other data: cleared)`
				: `Sandbox data kept from ${data.path}; ${afresh}`;
		case 'reset':
			return `Sandbox data and the example triggers' memory reset (${data.path})`;
		default:
			return `${data.note}; the example triggers' memory cleared with it`;
	}
}
