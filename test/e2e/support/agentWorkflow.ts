/**
 * The AI Agent fixture (test/e2e/fixtures/ai-agent-with-billpro-tools.json): an AI Agent whose
 * OpenAI Chat Model points at the scripted model on 127.0.0.1, with three BillPro tools. It is
 * not an example for `npm start`: it needs a model, and offline there is none but this script.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { importCredentials } from '../../../scripts/lib/n8n';
import { freePort } from '../../../scripts/lib/proc';
import { e2e, perN8nLine, type WorkflowJson } from './context';

export const AGENT_FIXTURE = path.join(
	__dirname,
	'..',
	'fixtures',
	'ai-agent-with-billpro-tools.json',
);

export const AGENT_NODE = 'BillPro assistant';

/** The AI Agent node's version on each n8n line: 1.123 has AI Agent v3, not v3.1. */
const AGENT_VERSION = { '2.41': 3.1, '1.123': 3 };

/**
 * The fixture for this n8n line. `toolsContinueOnError` is a copy (its own id) whose BillPro
 * tools have Settings → On Error → Continue, as a user sets it on n8n 1.123 so that a failed
 * tool call goes back to the model instead of ending the agent's run (docs/ai-agent.md).
 */
export function agentWorkflow(options: { toolsContinueOnError?: boolean } = {}): WorkflowJson {
	const workflow = JSON.parse(readFileSync(AGENT_FIXTURE, 'utf8')) as WorkflowJson;
	for (const node of workflow.nodes) {
		if (node.type === '@n8n/n8n-nodes-langchain.agent')
			node.typeVersion = perN8nLine(AGENT_VERSION);
		if (options.toolsContinueOnError && node.type === 'n8n-nodes-billpro.billProTool')
			node.onError = 'continueRegularOutput';
	}
	if (options.toolsContinueOnError) {
		workflow.id = 'BillProAiAgentOn';
		workflow.name += ', its tools set to continue on error';
	}
	return workflow;
}

/** The fixture's OpenAI credential, pointed at `url`: any key, nothing leaves 127.0.0.1. */
export async function importModelCredential(url: string): Promise<void> {
	const model = agentWorkflow().nodes.find((node) => node.type.endsWith('.lmChatOpenAi'));
	const { id, name } = (model?.credentials as { openAiApi: { id: string; name: string } })
		.openAiApi;
	const context = e2e();
	await importCredentials(
		context.n8nOptions,
		[{ id, name, type: 'openAiApi', data: { apiKey: 'scripted-model-needs-no-key', url } }],
		{ brokerPort: await freePort(), logFile: path.join(context.logDir, 'import.log') },
	);
}
