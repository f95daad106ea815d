/**
 * n8n 2.41 loads the packed package as a community package: the node and the credential types
 * are listed, the package shows under Settings → Community nodes, and the sandbox credential and
 * the example workflows are there.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { SANDBOX_GATEWAY_CREDENTIAL } from '../../scripts/lib/stack';
import { e2e, n8nRest } from './support/context';

interface NodeTypeDescription {
	name: string;
	displayName: string;
	version: number | number[];
	credentials?: Array<{ name: string }>;
	properties: Array<{ name: string }>;
}

describe('n8n loads n8n-nodes-billpro as a community package', () => {
	it('was installed from the npm pack tarball into <N8N_USER_FOLDER>/.n8n/nodes, as n8n does', () => {
		const { n8nOptions, packageName, packageVersion, tarball } = e2e();
		const nodes = path.join(n8nOptions.userFolder, '.n8n', 'nodes');
		const installed = path.join(nodes, 'node_modules', packageName);

		expect(path.basename(tarball)).toBe(`${packageName}-${packageVersion}.tgz`);
		expect(JSON.parse(readFileSync(path.join(nodes, 'package.json'), 'utf8'))).toEqual({
			name: 'installed-nodes',
			private: true,
			dependencies: { [packageName]: packageVersion },
		});
		const packageJson = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8'));
		expect(packageJson.version).toBe(packageVersion);
		// n8n strips these before its `npm install` in the package folder.
		expect(packageJson.devDependencies).toBeUndefined();
		expect(packageJson.peerDependencies).toBeUndefined();
		// Only what `files` ships: dist, no sources, no tests.
		expect(existsSync(path.join(installed, 'dist', 'nodes', 'BillPro', 'BillPro.node.js'))).toBe(
			true,
		);
		expect(
			existsSync(path.join(installed, 'dist', 'credentials', 'BillProApi.credentials.js')),
		).toBe(true);
		expect(existsSync(path.join(installed, 'nodes'))).toBe(false);
		expect(existsSync(path.join(installed, 'test'))).toBe(false);
	});

	it('lists the BillPro node type (and its AI tool variant) under the package name', async () => {
		const rest = await n8nRest();
		const { status, body } = await rest.request<NodeTypeDescription[]>('GET', '/types/nodes.json');
		expect(status).toBe(200);
		const billPro = body.find((type) => type.name === 'n8n-nodes-billpro.billPro');
		expect(billPro).toMatchObject({
			displayName: 'BillPro',
			credentials: [{ name: 'billProApi' }],
		});
		expect(billPro?.properties.map((property) => property.name)).toEqual(
			expect.arrayContaining(['resource', 'operation']),
		);
		// usableAsTool: n8n derives a tool node an AI Agent can call.
		expect(body.some((type) => type.name === 'n8n-nodes-billpro.billProTool')).toBe(true);
	});

	it('lists both triggers: the polling BillPro Trigger and the gateway webhook trigger', async () => {
		const rest = await n8nRest();
		const { body } = await rest.request<
			Array<NodeTypeDescription & { polling?: boolean; webhooks?: unknown[] }>
		>('GET', '/types/nodes.json');
		expect(body.find((type) => type.name === 'n8n-nodes-billpro.billProTrigger')).toMatchObject({
			displayName: 'BillPro Trigger',
			polling: true,
			credentials: [{ name: 'billProApi' }],
		});
		expect(
			body.find((type) => type.name === 'n8n-nodes-billpro.billProGatewayTrigger'),
		).toMatchObject({
			displayName: 'BillPro Payment Gateway Trigger',
			credentials: [expect.objectContaining({ name: 'billProGatewayApi' })],
			webhooks: [expect.objectContaining({ httpMethod: 'POST' })],
		});
	});

	it.each([
		['customer/get', 'email'],
		['order/create', 'payment_link'],
		['scheduledPayment/getAll', 'status'],
	])(
		"serves the package's output schema of %s, which the editor's schema preview reads",
		async (operation, field) => {
			const rest = await n8nRest();
			const { status, body } = await rest.request<{
				type: string;
				properties: Record<string, unknown>;
			}>('GET', `/schemas/n8n-nodes-billpro.billPro/1.0.0/${operation}.json`);
			expect(status).toBe(200);
			expect(body.type).toBe('object');
			expect(body.properties).toHaveProperty(field);
		},
	);

	it('lists the BillPro API credential type with its four fields', async () => {
		const rest = await n8nRest();
		const { status, body } = await rest.request<NodeTypeDescription[]>(
			'GET',
			'/types/credentials.json',
		);
		expect(status).toBe(200);
		const credential = body.find((type) => type.name === 'billProApi');
		expect(credential).toMatchObject({ displayName: 'BillPro API' });
		expect(credential?.properties.map((property) => property.name)).toEqual(
			expect.arrayContaining(['apiToken', 'environment', 'customUrl', 'profileId']),
		);
	});

	it('shows the package under Settings → Community nodes, with its node and both triggers', async () => {
		const rest = await n8nRest();
		const packages = await rest.data<
			Array<{
				packageName: string;
				installedVersion: string;
				installedNodes: Array<{ type: string; name: string }>;
			}>
		>('GET', '/rest/community-packages');
		const { packageName, packageVersion } = e2e();
		expect(packages).toEqual([
			expect.objectContaining({
				packageName,
				installedVersion: packageVersion,
				installedNodes: expect.arrayContaining([
					expect.objectContaining({ name: 'BillPro', type: 'n8n-nodes-billpro.billPro' }),
					expect.objectContaining({
						name: 'BillPro Trigger',
						type: 'n8n-nodes-billpro.billProTrigger',
					}),
					expect.objectContaining({
						name: 'BillPro Payment Gateway Trigger',
						type: 'n8n-nodes-billpro.billProGatewayTrigger',
					}),
				]),
			}),
		]);
	});

	it('has the "BillPro Sandbox" credential and every example workflow', async () => {
		const rest = await n8nRest();
		const credentials = await rest.data<Array<{ id: string; name: string; type: string }>>(
			'GET',
			'/rest/credentials',
		);
		expect(credentials).toEqual(
			expect.arrayContaining([
				expect.objectContaining(e2e().credential),
				expect.objectContaining(SANDBOX_GATEWAY_CREDENTIAL),
			]),
		);

		const workflows = await rest.data<Array<{ id: string; name: string }>>(
			'GET',
			'/rest/workflows',
		);
		for (const example of e2e().examples) {
			expect(workflows).toEqual(
				expect.arrayContaining([expect.objectContaining({ id: example.id, name: example.name })]),
			);
		}
	});
});
