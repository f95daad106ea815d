/**
 * `npm start` keeps the sandbox's data and the example triggers' memory, or clears both with
 * `--reset`: the decision and the workflows it imports, without starting n8n.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { cacheRoot } from '../../scripts/lib/runtime';
import {
	rememberDataId,
	rememberedDataId,
	sandboxDataLine,
	sandboxDataOptions,
	triggersMustForget,
	workflowToImport,
} from '../../scripts/lib/sandboxData';
import { listExamples } from '../../scripts/lib/stack';
import { startSandbox, type Sandbox } from '../../sandbox';

let folder: string;

beforeEach(() => {
	folder = mkdtempSync(path.join(tmpdir(), 'billpro-npm-start-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** What startStack decides for one start: the sandbox, and whether the triggers forget. */
async function npmStart(
	argv: string[],
): Promise<{ forgot: boolean; line: string; sandbox: Sandbox }> {
	const options = sandboxDataOptions(argv, {
		BILLPRO_SANDBOX_DATA_FILE: path.join(folder, 'sandbox-data.json'),
	});
	const sandbox = await startSandbox({ dataFile: options.file, resetData: options.reset });
	const forgot = triggersMustForget(sandbox.store.dataId, rememberedDataId(folder));
	if (forgot) rememberDataId(folder, sandbox.store.dataId);
	return { forgot, line: sandboxDataLine(sandbox, forgot), sandbox };
}

describe('npm start -- --reset', () => {
	it("keeps the data file in npm start's cache folder unless BILLPRO_SANDBOX_DATA_FILE names one", () => {
		expect(sandboxDataOptions([], process.env).file).toBe(
			process.env.BILLPRO_SANDBOX_DATA_FILE
				? path.resolve(process.env.BILLPRO_SANDBOX_DATA_FILE)
				: path.join(cacheRoot(), 'sandbox-data.json'),
		);
		expect(sandboxDataOptions(['--queue'], {}).reset).toBe(false);
		expect(sandboxDataOptions(['--reset'], {}).reset).toBe(true);
		expect(
			sandboxDataOptions([], { BILLPRO_N8N_CACHE: '/somewhere/cache', XDG_CACHE_HOME: '/xdg' })
				.file,
		).toBe('/somewhere/cache/sandbox-data.json');
		expect(sandboxDataOptions([], { XDG_CACHE_HOME: '/xdg' }).file).toBe(
			'/xdg/n8n-nodes-billpro/sandbox-data.json',
		);
	});

	it('a restart keeps both; --reset clears both; data started afresh elsewhere clears the memory', async () => {
		const first = await npmStart([]);
		expect(first.forgot).toBe(true);
		expect(first.line).toMatch(/no file yet.*; the example triggers' memory cleared with it$/);
		const seededCustomers = first.sandbox.store.customers(1).length;
		first.sandbox.store.setCustomerStatus(1, 1, 'inactive');
		await first.sandbox.close();

		const restart = await npmStart([]);
		expect(restart.forgot).toBe(false);
		expect(restart.line).toBe(
			`Sandbox data kept from ${path.join(folder, 'sandbox-data.json')}; npm start -- --reset to start afresh`,
		);
		expect(restart.sandbox.store.customer(1, 1)?.status).toBe('inactive');
		expect(restart.sandbox.store.customers(1)).toHaveLength(seededCustomers);
		await restart.sandbox.close();

		const reset = await npmStart(['--reset']);
		expect(reset.forgot).toBe(true);
		expect(reset.line).toBe(
			`Sandbox data and the example triggers' memory reset (${path.join(folder, 'sandbox-data.json')})`,
		);
		expect(reset.sandbox.store.customer(1, 1)?.status).toBe('active');
		// Reset while running (POST /__sandbox/reset): the next start's triggers forget too.
		reset.sandbox.store.reset();
		await reset.sandbox.close();

		const afterEndpointReset = await npmStart([]);
		expect(afterEndpointReset.forgot).toBe(true);
		expect(afterEndpointReset.line).toContain(
			"the example triggers' memory was of other data: cleared",
		);
		await afterEndpointReset.sandbox.close();
	});

	it("clears the triggers' memory by importing every example with its static data emptied", () => {
		const examples = listExamples();
		expect(examples.length).toBeGreaterThan(0);
		for (const example of examples) {
			const asShipped = JSON.parse(readFileSync(example.file, 'utf8'));
			expect(workflowToImport(example.file, false)).toEqual(asShipped);
			expect(workflowToImport(example.file, true)).toEqual({ ...asShipped, staticData: null });
		}
	});

	it('a sandbox in memory (tests, benchmarks) never makes the examples forget', async () => {
		const sandbox = await startSandbox();
		try {
			expect(triggersMustForget(sandbox.data && sandbox.store.dataId, undefined)).toBe(false);
			expect(sandboxDataLine(sandbox, false)).toBe('Sandbox data in memory only');
		} finally {
			await sandbox.close();
		}
	});
});
