/**
 * Installed the way users install it: the packed package is published to a real npm registry on
 * 127.0.0.1, and n8n's own installer (Settings → Community nodes → Install, the REST call the
 * page makes) installs it from there into an n8n of its own. The example runs. Then the next
 * version is published: n8n offers the update, its update installs it, and the example still runs.
 * On the default n8n line only (docs/development.md says why).
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import { importCredentials, importWorkflows } from '../../scripts/lib/n8n';
import { freePort } from '../../scripts/lib/proc';
import { N8N_LINES } from '../../scripts/lib/runtime';
import { sandboxCredentials } from '../../scripts/lib/stack';
import { e2e, example, executeWorkflowIn, sandbox } from './support/context';
import { startLocalRegistry, type LocalRegistry } from './support/localRegistry';
import { startN8nWithRegistry, type N8nWithRegistry } from './support/n8nWithRegistry';
import { nextPatch, repackAs } from './support/packedVersion';

const describeOnTheDefaultLine = e2e().n8nLine === N8N_LINES[0].line ? describe : describe.skip;

interface InstalledPackage {
	packageName: string;
	installedVersion: string;
	updateAvailable?: string;
	failedLoading?: boolean;
	installedNodes: Array<{ name: string; type: string }>;
}

const EXAMPLE = 'new-customer-subscription';

describeOnTheDefaultLine("n8n's community-package installer, from an npm registry", () => {
	const { packageName, packageVersion, tarball, workDir } = e2e();
	const nextVersion = nextPatch(packageVersion);
	const folder = path.join(workDir, 'installer');
	let registry: LocalRegistry;
	let n8n: N8nWithRegistry;

	beforeAll(async () => {
		registry = await startLocalRegistry(path.join(folder, 'registry'));
		await registry.publish(tarball);
		n8n = await startN8nWithRegistry(folder, registry.url);
	}, 180_000);

	afterAll(async () => {
		await n8n?.server.stop();
		await registry?.stop();
		if (!process.env.BILLPRO_E2E_KEEP) rmSync(folder, { recursive: true, force: true });
	});

	const installedPackages = () =>
		n8n.rest.data<InstalledPackage[]>('GET', '/rest/community-packages');

	/** Runs the example in the installer's n8n; returns its "Payment link" item. */
	async function runExample(): Promise<Record<string, unknown>> {
		await sandbox.reset();
		const { code, run, items } = await executeWorkflowIn(
			n8n.options,
			example(EXAMPLE).id,
			n8n.logDir,
		);
		expect(run.data.resultData.error).toBeUndefined();
		expect(code).toBe(0);
		return items('Payment link')[0];
	}

	const paymentLink = {
		email: 'dana.borys@example.com',
		customer_id: expect.any(Number),
		order_id: expect.any(Number),
		order_status: 'pending',
		payment_link: expect.stringMatching(/^https?:\/\//),
	};

	it('installs it by name from Settings → Community nodes, with its node and both triggers', async () => {
		const before = registry.requests().length;
		const installed = await n8n.rest.data<InstalledPackage>('POST', '/rest/community-packages', {
			name: packageName,
		});
		expect(installed).toMatchObject({ packageName, installedVersion: packageVersion });
		expect(installed.installedNodes.map((node) => node.type).sort()).toEqual([
			`${packageName}.billPro`,
			`${packageName}.billProGatewayTrigger`,
			`${packageName}.billProTrigger`,
		]);

		const types = await n8n.rest.request<Array<{ name: string }>>('GET', '/types/nodes.json');
		expect(types.body.map((type) => type.name)).toEqual(
			expect.arrayContaining([`${packageName}.billPro`, `${packageName}.billProTool`]),
		);
		// The package has no runtime dependencies and n8n drops its peer dependency before
		// `npm install`: the registry was asked for this package and nothing else.
		const asked = registry
			.requests()
			.slice(before)
			.filter((request) => request.startsWith('GET /'));
		expect(asked.filter((request) => !request.startsWith(`GET /${packageName}`))).toEqual([]);
		expect(asked).toContain(`GET /${packageName}/-/${packageName}-${packageVersion}.tgz`);
	});

	it('runs the example workflow with the installed nodes against the sandbox', async () => {
		const logFile = path.join(n8n.logDir, 'import.log');
		await importCredentials(n8n.options, sandboxCredentials(e2e().sandboxBaseUrl), {
			logFile,
			brokerPort: await freePort(),
		});
		await importWorkflows(n8n.options, [JSON.parse(readFileSync(example(EXAMPLE).file, 'utf8'))], {
			logFile,
			brokerPort: await freePort(),
		});
		expect(await runExample()).toEqual(paymentLink);
	});

	it('offers the next version as an update once it is published', async () => {
		expect(await installedPackages()).toEqual([
			expect.objectContaining({ packageName, installedVersion: packageVersion }),
		]);
		expect((await installedPackages())[0].updateAvailable).toBeUndefined();

		await registry.publish(await repackAs(tarball, nextVersion, path.join(folder, 'next')));
		expect(await installedPackages()).toEqual([
			expect.objectContaining({
				packageName,
				installedVersion: packageVersion,
				updateAvailable: nextVersion,
			}),
		]);
	});

	it('updates to it; n8n reports the new version and the example still runs', async () => {
		const updated = await n8n.rest.data<InstalledPackage>('PATCH', '/rest/community-packages', {
			name: packageName,
		});
		expect(updated).toMatchObject({ packageName, installedVersion: nextVersion });

		const [listed] = await installedPackages();
		expect(listed).toMatchObject({ installedVersion: nextVersion, failedLoading: false });
		expect(listed.updateAvailable).toBeUndefined();
		const onDisk = path.join(n8n.options.userFolder, '.n8n', 'nodes', 'node_modules', packageName);
		expect(JSON.parse(readFileSync(path.join(onDisk, 'package.json'), 'utf8')).version).toBe(
			nextVersion,
		);
		expect(await runExample()).toEqual(paymentLink);
	});
});
