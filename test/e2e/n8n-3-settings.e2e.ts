/**
 * n8n 3.0's settings, tried on n8n 2.41 (the suite runs with them there: globalSetup,
 * scripts/lib/n8nSettings.ts): SSRF protection on with the sandbox's address allowed, and the
 * quickjs expression engine in every workflow run through `n8n execute` (the examples with a
 * Manual Trigger, the AI Agent). Every other e2e file passes under them; this one shows what a user
 * sees when n8n blocks BillPro's address, and n8n's own v3 migration report on the examples.
 * n8n 1.123 has neither setting nor the report: it runs with n8n's defaults.
 */
import { createServer, type Server } from 'node:net';
import path from 'node:path';

import { importCredentials } from '../../scripts/lib/n8n';
import { freePort } from '../../scripts/lib/proc';
import { SINGLE_PROFILE_TOKEN } from '../../sandbox';
import { e2e, executeWorkflow, importWorkflow, n8nRest, perN8nLine } from './support/context';

const onN8n3Settings = perN8nLine({ '2.41': describe, '1.123': describe.skip });

/** A loopback address in n8n's default blocked ranges that the suite does not allow. */
const BLOCKED_HOST = '127.0.0.2';
const BLOCKED_CREDENTIAL = { id: 'billproBlocked01', name: 'BillPro at a blocked address' };

onN8n3Settings("n8n 3.0's settings on n8n 2.41", () => {
	let listener: Server;
	let connections = 0;
	let blockedUrl: string;
	beforeAll(async () => {
		// Something to connect to at the blocked address: n8n must never reach it.
		const port = await freePort();
		listener = createServer((socket) => {
			connections++;
			socket.destroy();
		});
		await new Promise<void>((resolve) => listener.listen(port, BLOCKED_HOST, resolve));
		blockedUrl = `http://${BLOCKED_HOST}:${port}/api/v1`;
	});
	// The credential goes too: the editor picks the newest BillPro credential for a new node,
	// and the other tests expect the stack's "BillPro Sandbox" to be the only one.
	afterAll(async () => {
		await new Promise((resolve) => listener.close(resolve));
		await (await n8nRest()).data('DELETE', `/rest/credentials/${BLOCKED_CREDENTIAL.id}`);
	});
	/** The sandbox's token, at the blocked address. */
	const blockedCredential = () => ({
		...BLOCKED_CREDENTIAL,
		type: 'billProApi',
		data: {
			apiToken: SINGLE_PROFILE_TOKEN,
			environment: 'custom',
			customUrl: blockedUrl,
			profileId: '',
		},
	});

	it('the suite runs with SSRF protection on and only the sandbox allowed; its workflow runs with quickjs', () => {
		expect(e2e().n8nSettings).toEqual({
			N8N_SSRF_PROTECTION_ENABLED: 'true',
			N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.1/32',
		});
		expect(e2e().executeEnv).toEqual({ N8N_EXPRESSION_ENGINE: 'quickjs' });
	});

	it('a BillPro credential at a blocked address: the run fails naming the setting that allows it; nothing reaches the address', async () => {
		const context = e2e();
		await importCredentials(context.n8nOptions, [blockedCredential()], {
			brokerPort: await freePort(),
			logFile: path.join(context.logDir, 'import.log'),
		});
		await importWorkflow({
			id: 'BillProSsrfBlock',
			name: 'BillPro at an address n8n blocks',
			nodes: [
				{
					id: 'f3a0c1de-0001-4000-8000-000000000001',
					name: 'Start',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					id: 'f3a0c1de-0001-4000-8000-000000000002',
					name: 'BillPro',
					type: 'n8n-nodes-billpro.billPro',
					typeVersion: 1,
					position: [240, 0],
					parameters: { resource: 'customer', operation: 'getAll', limit: 1 },
					credentials: { billProApi: BLOCKED_CREDENTIAL },
				},
			],
			connections: { Start: { main: [[{ node: 'BillPro', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
			active: false,
		});
		const { code, run } = await executeWorkflow('BillProSsrfBlock');
		const error = run.data.resultData.error;
		console.log(`What the user sees: ${error?.message}\n${error?.description}`);
		expect(code).not.toBe(0);
		expect(error?.message).toBe(
			`n8n's SSRF protection blocked the request to ${BLOCKED_HOST}: allow BillPro's address with N8N_SSRF_ALLOWED_IP_RANGES=${BLOCKED_HOST}/32`,
		);
		expect(error?.description).toContain('Nothing was sent to BillPro');
		expect(connections).toBe(0);
	});

	it("the credential's Test at a blocked address shows n8n's own message", async () => {
		const rest = await n8nRest();
		const result = await rest.data<{ status: string; message: string }>(
			'POST',
			'/rest/credentials/test',
			{
				credentials: blockedCredential(),
			},
		);
		console.log(`The credential test shows: ${JSON.stringify(result)}`);
		expect(result).toEqual({
			status: 'Error',
			message: 'The request was blocked because it resolves to a restricted IP address',
		});
		expect(connections).toBe(0);
	});

	it("n8n's v3 migration report finds no workflow issue in the examples", async () => {
		const rest = await n8nRest();
		await rest.data('POST', '/rest/breaking-changes/report/refresh?version=v3');
		const { report } = await rest.data<{
			report: {
				workflowResults: Array<{ ruleId: string; nbAffectedWorkflows: number }>;
				instanceResults: Array<{ ruleId: string }>;
			};
		}>('GET', '/rest/breaking-changes/report?version=v3');
		console.log(
			`n8n's v3 report: instance issues ${report.instanceResults.map((issue) => issue.ruleId).join(', ')}; workflow rules hit ${report.workflowResults.map((rule) => `${rule.ruleId} (${rule.nbAffectedWorkflows})`).join(', ') || 'none'}`,
		);
		// The report counts; a rule's own report names the workflows it found (other tests' too).
		const exampleIds = new Set(e2e().examples.map((example) => example.id));
		const exampleIssues: string[] = [];
		for (const { ruleId } of report.workflowResults) {
			const rule = await rest.data<{ affectedWorkflows?: Array<{ id: string }> }>(
				'GET',
				`/rest/breaking-changes/report/${ruleId}`,
			);
			for (const workflow of rule.affectedWorkflows ?? []) {
				if (exampleIds.has(workflow.id)) exampleIssues.push(`${ruleId}: ${workflow.id}`);
			}
		}
		expect(exampleIssues).toEqual([]);
	});
});
