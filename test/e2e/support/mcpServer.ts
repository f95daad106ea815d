/**
 * n8n's MCP Server Trigger with BillPro tools, and the official MCP SDK client that talks to it.
 * The tools are the AI Agent fixture's three BillPro tool nodes (Find customers, Create order,
 * Get order), with the same `$fromAI` arguments, connected to an MCP Server Trigger instead of an
 * agent: what an MCP client (Claude Desktop, an IDE, another agent) uses.
 */
import { randomBytes } from 'node:crypto';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import { agentWorkflow } from './agentWorkflow';
import { e2e, n8nRest, perN8nLine } from './context';

const MCP_TRIGGER = 'BillPro MCP server';
const MCP_PATH = 'billpro-e2e';

/** The MCP Server Trigger's newest version on each n8n line (1.123 has no 2.1). */
const MCP_TRIGGER_VERSION = { '2.41': 2.1, '1.123': 2 };

/** The trigger's Bearer Auth token: made per run, never printed. */
const token = randomBytes(24).toString('base64url');

/** The MCP server workflow: the trigger, with Bearer Auth on, and the three BillPro tools. */
function mcpWorkflow(bearerCredential: { id: string; name: string }) {
	const tools = agentWorkflow().nodes.filter((node) => node.type.endsWith('.billProTool'));
	const trigger = {
		id: '7a1e0c4d-0002-4000-8000-000000000001',
		name: MCP_TRIGGER,
		type: '@n8n/n8n-nodes-langchain.mcpTrigger',
		typeVersion: perN8nLine(MCP_TRIGGER_VERSION),
		position: [0, 0],
		webhookId: '7a1e0c4d-0002-4000-8000-0000000000ff',
		credentials: { httpBearerAuth: bearerCredential },
		parameters: { authentication: 'bearerAuth', path: MCP_PATH },
	};
	const toTrigger = { ai_tool: [[{ node: MCP_TRIGGER, type: 'ai_tool', index: 0 }]] };
	return {
		name: 'BillPro e2e: an MCP server with BillPro tools',
		nodes: [trigger, ...tools],
		connections: Object.fromEntries(tools.map((tool) => [tool.name, toTrigger])),
		// Saved unpublished, as the editor saves a new workflow (n8n 1.x requires the field).
		active: false,
		settings: { executionOrder: 'v1' },
	};
}

/**
 * Sets the server up as a user does in the editor, through n8n's REST API: the Bearer Auth
 * credential, then the workflow, which is published. Returns the workflow's id.
 */
export async function publishMcpServer(): Promise<string> {
	const rest = await n8nRest();
	const name = 'BillPro MCP server token';
	const { id } = await rest.data<{ id: string }>('POST', '/rest/credentials', {
		name,
		type: 'httpBearerAuth',
		data: { token },
	});
	const workflow = await rest.data<{ id: string }>(
		'POST',
		'/rest/workflows',
		mcpWorkflow({ id, name }),
	);
	await rest.activate(workflow.id);
	await waitUntilServing();
	return workflow.id;
}

/** The trigger's production URL once its workflow is active: streamable HTTP on 127.0.0.1. */
export const mcpUrl = () => new URL(`/mcp/${MCP_PATH}`, e2e().n8nUrl);

/**
 * An MCP client connected to the server as a user's client is: with the token in an
 * `Authorization: Bearer` header, or without it.
 */
export async function connectMcpClient(auth: 'token' | 'none' = 'token'): Promise<Client> {
	const client = new Client({ name: 'billpro-e2e', version: '1.0.0' });
	const headers: Record<string, string> =
		auth === 'token' ? { authorization: `Bearer ${token}` } : {};
	await client.connect(new StreamableHTTPClientTransport(mcpUrl(), { requestInit: { headers } }));
	return client;
}

/**
 * Waits until n8n serves the trigger's URL: n8n registers an activated workflow's webhooks in the
 * background. An unauthenticated POST asks (refused before any tool runs, 404 until registered).
 */
async function waitUntilServing(timeoutMs = 30_000): Promise<void> {
	for (const until = Date.now() + timeoutMs; Date.now() < until; ) {
		const { status } = await fetch(mcpUrl(), { method: 'POST' });
		if (status !== 404) return;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`n8n does not serve ${mcpUrl().pathname} ${timeoutMs} ms after activation`);
}
