import { RoutingNode } from 'n8n-core';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
	billProAsTool,
	runNodes,
	type BillProCredentials,
	type NodeSettings,
	type RunResult,
} from './workflow';

/**
 * An AI agent calling a BillPro tool the way n8n-core runs a tool in process
 * (getInputConnectionData → createNodeAsTool → makeHandleToolInvocation: n8n 1.x's AI Agent,
 * and n8n 2.x's for tools it does not hand to the engine): a scripted agent node asks for its
 * tool and calls it. The tool is the node as n8n makes its tool variant: the routing run by
 * RoutingNode (n8n's node-types.js assigns that `execute`), with an ai_tool output.
 */

const AGENT_TYPE = 'n8n-nodes-billpro-test.scriptedAgent';
const TOOL_TYPE = 'n8n-nodes-billpro.billProTool';

interface Tool {
	invoke: (args: IDataObject) => Promise<unknown>;
}

class ScriptedAgent implements INodeType {
	description = {
		displayName: 'Scripted Agent',
		name: 'scriptedAgent',
		group: ['transform'],
		version: 1,
		description: 'Calls its BillPro tool, then ends or fails as told',
		defaults: { name: 'Agent' },
		inputs: ['main', { type: 'ai_tool', displayName: 'Tool' }],
		outputs: ['main'],
		properties: [
			{ displayName: 'Calls', name: 'calls', type: 'number', default: 1 },
			{ displayName: 'Fail After Calls', name: 'failAfterCalls', type: 'boolean', default: false },
		],
	} as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const [tool] = (await this.getInputConnectionData('ai_tool', 0)) as Tool[];
		const answers: INodeExecutionData[] = [];
		for (let call = 0; call < (this.getNodeParameter('calls', 0) as number); call++) {
			try {
				answers.push({ json: { answer: String(await tool.invoke({})) } });
			} catch (error) {
				answers.push({ json: { error: (error as Error).message } });
			}
		}
		if (this.getNodeParameter('failAfterCalls', 0)) {
			throw new NodeOperationError(this.getNode(), 'The model failed after its tool calls');
		}
		return [answers];
	}
}

function billProTool(): INodeType {
	const tool = billProAsTool();
	tool.description = { ...tool.description, name: 'billProTool', inputs: [], outputs: ['ai_tool'] };
	tool.execute = async function (this: IExecuteFunctions) {
		const context = this as unknown as ConstructorParameters<typeof RoutingNode>[0];
		return (await new RoutingNode(context, tool).runNode()) ?? [];
	};
	return tool;
}

/** Input → the scripted agent, its tool a BillPro node with `parameters` and `settings`. */
export async function runAgentWithBillProTool(options: {
	credentials: BillProCredentials;
	parameters: IDataObject;
	settings?: NodeSettings;
	calls?: number;
	failAfterCalls?: boolean;
}): Promise<RunResult> {
	return await runNodes({
		credentials: options.credentials,
		types: { [AGENT_TYPE]: new ScriptedAgent(), [TOOL_TYPE]: billProTool() },
		nodes: [
			{
				id: 'agent',
				name: 'Agent',
				type: AGENT_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters: { calls: options.calls ?? 1, failAfterCalls: options.failAfterCalls ?? false },
			},
			{
				id: 'tool',
				name: 'Create customer',
				type: TOOL_TYPE,
				typeVersion: 1,
				position: [200, 200],
				parameters: options.parameters as never,
				credentials: { billProApi: { id: 'sandbox', name: 'BillPro Sandbox' } },
				...options.settings,
			},
		],
		connections: {
			Input: { main: [[{ node: 'Agent', type: 'main', index: 0 }]] },
			'Create customer': { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] },
		},
	});
}
