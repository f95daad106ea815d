import { DirectoryLoader, ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ExecutionError,
	ICredentialDataDecryptedObject,
	IDataObject,
	IConnections,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';
import { BillPro } from '../../nodes/BillPro/BillPro.node';
import { additionalDataWith } from './additionalData';
import { startDeduplication } from './deduplication';
import './logCapture';

/**
 * Runs real workflows through n8n-core's engine (WorkflowExecute → RoutingNode for the
 * declarative BillPro node), with HTTP going out for real: tests point it at the sandbox.
 */

export const BILLPRO_TYPE = 'n8n-nodes-billpro.billPro';
const INPUT_TYPE = 'n8n-nodes-billpro-test.input';

/** A start node that emits the items in its `items` parameter, like pinned trigger data. */
class InputNode implements INodeType {
	description = {
		displayName: 'Input',
		name: 'input',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Input' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getNodeParameter('items', 0) as IDataObject[];
		return [items.map((json, index) => ({ json, pairedItem: { item: index } }))];
	}
}

/** The node as n8n loads it: with the Request Options (batching, timeout…) n8n adds. */
function loadedBillPro(): INodeType {
	const node = new BillPro();
	DirectoryLoader.applyDeclarativeNodeOptionParameters(node);
	return node;
}

/** The node as n8n runs it as an AI tool: its own instance, without the custom operations. */
export function billProAsTool(): INodeType {
	const node = loadedBillPro();
	delete node.customOperations;
	return node;
}

const nodeTypeInstances: Record<string, INodeType> = {
	[BILLPRO_TYPE]: loadedBillPro(),
	[INPUT_TYPE]: new InputNode(),
};
const asToolInstances: Record<string, INodeType> = {
	...nodeTypeInstances,
	[BILLPRO_TYPE]: billProAsTool(),
};

/** Which instances runs use: set for the duration of asAiTool(). */
let instances = nodeTypeInstances;

export const nodeTypes: INodeTypes = {
	getByName: (type) => instances[type],
	getByNameAndVersion: (type, version) =>
		NodeHelpers.getVersionedNodeType(instances[type], version),
	getKnownTypes: () => ({}),
};

export type BillProCredentials = ICredentialDataDecryptedObject & {
	apiToken: string;
	environment: string;
	customUrl?: string;
	profileId?: string;
};

/** The node's Settings tab: Retry On Fail, its Max Tries and Wait Between Tries (ms). */
export type NodeSettings = Pick<INode, 'retryOnFail' | 'maxTries' | 'waitBetweenTries'>;

export interface WorkflowNode {
	name: string;
	/** As in workflow JSON: resource locators as `{ __rl: true, mode, value }`. */
	parameters: IDataObject;
	continueOnFail?: boolean;
	settings?: NodeSettings;
}

export interface RunResult {
	run: IRun;
	/** Output items of each node that ran, by node name (first output, last run). */
	output: Record<string, INodeExecutionData[]>;
	/** The error that stopped the run, if any. */
	error?: ExecutionError;
	/**
	 * n8n's Retry of this execution once it failed (Executions → Retry, in n8n's
	 * executions/execution.service.js `retry`): its data as n8n stored it, without the error and
	 * the failed node's last run, run again in mode 'retry' from the failed node, with its saved
	 * input. The workflow is the original one ("Retry with original workflow").
	 */
	retry: () => Promise<RunResult>;
}

/** n8n's additional data with `credentials` stored as the BillPro credential. */
export function additionalDataFor(
	credentials: BillProCredentials,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return additionalDataWith({ billProApi: credentials }, { hooks });
}

/**
 * Runs `run` with the BillPro node as n8n runs it as an AI tool in process: through its
 * description's routing (RoutingNode, whose one request hook runs the operation's item:
 * run/runOperation.ts toolRouting), without its custom operations. The shared node type is not
 * changed: runs get a separate instance that has none.
 */
export async function asAiTool<T>(run: () => Promise<T>): Promise<T> {
	instances = asToolInstances;
	try {
		return await run();
	} finally {
		instances = nodeTypeInstances;
	}
}

/** Input (emitting `items`) → the given BillPro nodes, in a chain. Returns every node's output. */
export async function runWorkflow(options: {
	credentials: BillProCredentials;
	nodes: WorkflowNode[];
	items?: IDataObject[];
}): Promise<RunResult> {
	const billProNodes: INode[] = options.nodes.map((node, index) => ({
		id: `billpro-${index}`,
		name: node.name,
		type: BILLPRO_TYPE,
		typeVersion: 1,
		position: [200 * (index + 1), 0],
		parameters: node.parameters as INodeParameters,
		credentials: { billProApi: { id: 'sandbox', name: 'BillPro Sandbox' } },
		...(node.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		...node.settings,
	}));
	const chain = ['Input', ...billProNodes.map((node) => node.name)];
	const connections: IConnections = Object.fromEntries(
		chain
			.slice(0, -1)
			.map((name, index) => [
				name,
				{ main: [[{ node: chain[index + 1], type: 'main', index: 0 }]] },
			]),
	);
	return await runNodes({ ...options, nodes: billProNodes, connections });
}

/**
 * Input (emitting `items`) → `nodes` as `connections` join them, run by n8n-core's engine, with
 * node types from `types` besides the harness's own.
 */
export async function runNodes(options: {
	credentials: BillProCredentials;
	nodes: INode[];
	connections: IConnections;
	items?: IDataObject[];
	types?: Record<string, INodeType>;
}): Promise<RunResult> {
	const input: INode = {
		id: 'input',
		name: 'Input',
		type: INPUT_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { items: (options.items ?? [{}]) as unknown as INodeParameters[] },
	};
	const nodes = [input, ...options.nodes];
	const { connections } = options;
	const extra = options.types ?? {};
	const workflow = new Workflow({
		id: 'test',
		name: 'BillPro test',
		nodes,
		connections,
		active: false,
		nodeTypes: {
			...nodeTypes,
			getByNameAndVersion: (type, version) =>
				extra[type] ?? nodeTypes.getByNameAndVersion(type, version),
		},
		settings: { executionOrder: 'v1' },
	});

	const runWith = async (mode: WorkflowExecuteMode, data: IRunExecutionData) =>
		await executeWorkflow(workflow, options.credentials, mode, data);

	const resultOf = (run: IRun): RunResult => {
		const { runData, error } = run.data.resultData;
		const output = Object.fromEntries(
			Object.entries(runData).map(([name, tasks]) => [
				name,
				tasks[tasks.length - 1]?.data?.main?.[0] ?? [],
			]),
		);
		return {
			run,
			output,
			error,
			retry: async () => resultOf(await runWith('retry', retried(run))),
		};
	};

	return resultOf(await runWith('manual', startingAt(workflow.getNode('Input') as INode)));
}

let executions = 0;

/**
 * Runs `workflow` from `data` (its execution stack) in n8n-core's WorkflowExecute, as a new
 * execution with an ID of its own (as n8n's database gives each).
 */
export async function executeWorkflow(
	workflow: Workflow,
	credentials: BillProCredentials,
	mode: WorkflowExecuteMode,
	data: IRunExecutionData,
): Promise<IRun> {
	await startDeduplication();
	const executionId = `test-${mode}-${++executions}`;
	const hooks = new ExecutionLifecycleHooks(mode, executionId, {
		id: workflow.id,
		name: workflow.name ?? 'BillPro test',
		active: false,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: Object.values(workflow.nodes),
		connections: workflow.connectionsBySourceNode,
		activeVersionId: null,
	});
	return await new WorkflowExecute(
		{ ...additionalDataFor(credentials, hooks), executionId },
		mode,
		data,
	).processRunExecutionData(workflow);
}

/** The execution data of a run that starts at `node`, as a manual execution starts. */
export const startingAt = (node: INode): IRunExecutionData =>
	createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});

/** A failed execution's data as n8n's Retry prepares it (see RunResult.retry). */
function retried(failed: IRun): IRunExecutionData {
	if (failed.status !== 'error') throw new Error('n8n retries only a failed execution');
	// As n8n stored it: its database keeps the data as JSON, not as the objects of the run.
	const data = JSON.parse(JSON.stringify(failed.data)) as IRunExecutionData;
	const { lastNodeExecuted } = data.resultData;
	if (lastNodeExecuted) {
		delete data.resultData.error;
		const nodeRuns = data.resultData.runData[lastNodeExecuted];
		if (nodeRuns?.length && nodeRuns[nodeRuns.length - 1].error !== undefined) nodeRuns.pop();
	}
	return data;
}

/** Input → one BillPro node with `parameters`; its output items, or the error that stopped it. */
export async function runBillPro(options: {
	credentials: BillProCredentials;
	parameters: IDataObject;
	items?: IDataObject[];
	continueOnFail?: boolean;
	settings?: NodeSettings;
}): Promise<BillProRun> {
	const result = await runWorkflow({
		credentials: options.credentials,
		items: options.items,
		nodes: [
			{
				name: 'BillPro',
				parameters: options.parameters,
				continueOnFail: options.continueOnFail,
				settings: options.settings,
			},
		],
	});
	return billProRunOf(result);
}

export interface BillProRun {
	items: INodeExecutionData[];
	error?: ExecutionError;
	run: IRun;
	/** n8n's Retry of this execution (RunResult.retry). */
	retry: () => Promise<BillProRun>;
}

const billProRunOf = (result: RunResult): BillProRun => ({
	items: result.output.BillPro ?? [],
	error: result.error,
	run: result.run,
	retry: async () => billProRunOf(await result.retry()),
});
