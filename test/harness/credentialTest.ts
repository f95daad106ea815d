import { CredentialTestContext, ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeCredentialTestResult,
	INodeType,
} from 'n8n-workflow';
import { createRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';
import { BillProApi } from '../../credentials/BillProApi.credentials';
import { additionalDataFor, type BillProCredentials } from './workflow';

/**
 * The credential's "Test" button, as n8n's CredentialsTester (in the `n8n` package, not in
 * n8n-core) runs it for a credential with a `test` request: the request goes through n8n-core's RoutingNode on
 * a temporary node, a failing status is matched against the test's `responseCode` rules in
 * order, otherwise n8n shows the status text, or the network code (ECONNREFUSED…).
 */
export async function testCredential(
	credentials: BillProCredentials,
): Promise<INodeCredentialTestResult> {
	const credentialType = new BillProApi();
	const testRequest = credentialType.test;
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'credential-test',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { billProApi: { id: 'sandbox', name: 'BillPro Sandbox' } },
	};
	const testNodeType: INodeType = {
		description: {
			displayName: 'Credential Test',
			name: 'credential-test',
			group: [],
			version: 1,
			description: '',
			defaults: {},
			inputs: [],
			outputs: [],
			credentials: [{ name: 'billProApi', required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					default: '',
					routing: { request: testRequest.request },
				},
			],
		},
	};
	const nodeTypes = {
		getByName: () => testNodeType,
		getByNameAndVersion: () => NodeHelpers.getVersionedNodeType(testNodeType),
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const context = new ExecuteContext(
		workflow,
		node,
		additionalDataFor(credentials),
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(context, testNodeType, {
		id: 'sandbox',
		name: 'BillPro Sandbox',
		type: 'billProApi',
		data: credentials,
	});
	try {
		await routingNode.runNode();
	} catch (error) {
		// n8n's tester reads the HTTP response (or network code) from the error's cause.
		// The pinned n8n-workflow loses an Error cause (a class field resets it), so fall back to
		// what the NodeApiError keeps: the same status or code.
		const httpCode = String(error.httpCode ?? '');
		const response =
			error.cause?.response ?? (/^\d+$/.test(httpCode) ? { status: Number(httpCode) } : undefined);
		if (response) {
			const rule = testRequest.rules?.find(
				(candidate) =>
					candidate.type === 'responseCode' && candidate.properties.value === response.status,
			);
			if (rule) return { status: 'Error', message: String(rule.properties.message) };
			return {
				status: 'Error',
				message: response.statusText || `Received HTTP status code: ${response.status}`,
			};
		}
		const code = error.cause?.code ?? httpCode;
		if (code) return { status: 'Error', message: code };
		return { status: 'Error', message: String(error.message) };
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/**
 * The "Test" button of a credential a node tests (`testedBy`), as n8n's CredentialsTester runs
 * it: the node's method found through its description, called in n8n-core's CredentialTestContext.
 */
export async function testCredentialOfNode(
	nodeType: INodeType,
	credentialType: string,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const uses = nodeType.description.credentials?.find((used) => used.name === credentialType);
	const test = nodeType.methods?.credentialTest?.[String(uses?.testedBy)];
	if (!test) return { status: 'Error', message: 'No testing function found for this credential.' };
	return await test.call(new CredentialTestContext(), {
		id: 'tested',
		name: 'Tested credential',
		type: credentialType,
		data,
	});
}
