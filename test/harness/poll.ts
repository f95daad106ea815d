import { PollContext } from 'n8n-core';
import type {
	ExecutionError,
	IDataObject,
	INode,
	INodeTypes,
	IRunExecutionData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createErrorExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';
import { BillProTrigger } from '../../nodes/BillProTrigger/BillProTrigger.node';
import {
	additionalDataFor,
	executeWorkflow,
	startingAt,
	type BillProCredentials,
} from './workflow';

/**
 * Runs the BillPro Trigger's poll through n8n-core's PollContext, as n8n does at each Poll Time
 * of an active workflow ('trigger') or for Fetch Test Event ('manual'). What the trigger keeps
 * lives in the workflow's static data, which a test can carry over to a new instance, as n8n
 * does from its database after a restart.
 */
export const TRIGGER_TYPE = 'n8n-nodes-billpro.billProTrigger';

const NODE_NAME = 'BillPro Trigger';
const trigger = new BillProTrigger();
const nodeTypes: INodeTypes = {
	getByName: () => trigger,
	getByNameAndVersion: () => NodeHelpers.getVersionedNodeType(trigger, 1),
	getKnownTypes: () => ({}),
};

/** The workflow of the trigger with `parameters`, over a copy of `staticData`. */
const triggerWorkflow = (parameters: IDataObject, staticData: IDataObject) =>
	new Workflow({
		id: 'trigger-workflow',
		nodes: [
			{
				id: 'trigger',
				name: NODE_NAME,
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: parameters as INode['parameters'],
				credentials: { billProApi: { id: 'billpro', name: 'BillPro' } },
			},
		],
		connections: {},
		active: true,
		nodeTypes,
		staticData: JSON.parse(JSON.stringify(staticData)) as IDataObject,
		settings: { executionOrder: 'v1' },
	});

/** A PollContext with n8n's poll budget (getPollBudgetMs), which the pinned n8n-core lacks. */
class BudgetedPollContext extends PollContext {
	constructor(
		private readonly budgetMs: number,
		...args: ConstructorParameters<typeof PollContext>
	) {
		super(...args);
	}

	getPollBudgetMs(): number {
		return this.budgetMs;
	}
}

export interface PollOptions {
	mode?: WorkflowExecuteMode;
	/** n8n's poll budget; none: unbounded, as in n8n versions without one. */
	budgetMs?: number;
}

/** What a failed execution shows: the error's message and description. */
export interface Report {
	message: string;
	description?: string | null;
}

/**
 * An active workflow with the trigger. As in n8n, one Workflow object holds the static data from
 * poll to poll; n8n writes it to its database when the workflow is activated (after the first
 * poll) and whenever a poll starts the workflow, and a restart reads only what was written.
 * What the node reports through `__emitError` is recorded as n8n records it: a failed
 * execution made with createErrorExecutionData, the workflow staying active.
 */
export class ActiveTrigger {
	private readonly workflow: Workflow;
	private activated = false;
	/** The static data as n8n last stored it in its database. */
	stored: IDataObject;
	/** The failed executions the trigger's reports made, oldest first. */
	readonly failedExecutions: IRunExecutionData[] = [];

	constructor(
		private credentials: BillProCredentials,
		private readonly parameters: IDataObject,
		stored: IDataObject = {},
	) {
		this.stored = stored;
		this.workflow = triggerWorkflow(parameters, stored);
	}

	/**
	 * The items the poll started the workflow with; [] when it started nothing (null). The
	 * PollContext is the one n8n's app builds (with its error handler); n8n-core's ActiveWorkflows
	 * would then poll on a cron, which a test cannot step, so the poll is called here as its
	 * TriggersAndPollers calls it, and a failed poll rejects.
	 */
	async poll(options: PollOptions = {}): Promise<IDataObject[]> {
		if (options.mode === 'manual') return await this.fetchTestEvent();
		const node = this.workflow.getNode(NODE_NAME) as INode;
		const args = [
			this.workflow,
			node,
			additionalDataFor(this.credentials),
			'trigger',
			this.activated ? 'init' : 'activate',
			undefined,
			(error: Error) =>
				this.failedExecutions.push(createErrorExecutionData(node, error as ExecutionError)),
		] as const;
		const context =
			options.budgetMs === undefined
				? new PollContext(...args)
				: new BudgetedPollContext(options.budgetMs, ...args);
		const first = !this.activated;
		this.activated = true;
		const output = await trigger.poll.call(context);
		if (first || output) {
			this.stored = JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
		}
		return output ? output[0].map((item) => item.json) : [];
	}

	/**
	 * Fetch Test Event: n8n runs the trigger in a manual execution of the workflow as saved
	 * (n8n-core's WorkflowExecute polls it), over a copy of the stored static data.
	 */
	private async fetchTestEvent(): Promise<IDataObject[]> {
		const workflow = triggerWorkflow(this.parameters, this.stored);
		const node = workflow.getNode(NODE_NAME) as INode;
		const run = await executeWorkflow(workflow, this.credentials, 'manual', startingAt(node));
		const { error, runData } = run.data.resultData;
		if (error) throw error;
		return (runData[NODE_NAME]?.[0]?.data?.main?.[0] ?? []).map((item) => item.json);
	}

	/** What the failed executions of the trigger's reports show. */
	get reports(): Report[] {
		return this.failedExecutions.map(({ resultData }) => ({
			message: resultData.error?.message ?? '',
			description: resultData.error?.description,
		}));
	}

	/**
	 * The credential edited in n8n while the workflow stays active: n8n reads the credential at
	 * each poll, so the next poll uses the new one.
	 */
	useCredentials(credentials: BillProCredentials): void {
		this.credentials = credentials;
	}

	/** The same trigger after an n8n restart: only what n8n stored survives. */
	restarted(parameters: IDataObject = this.parameters): ActiveTrigger {
		const again = new ActiveTrigger(this.credentials, parameters, this.stored);
		again.activated = true;
		return again;
	}

	/** The workflow saved with other parameters: n8n activates it again, with what it stored. */
	reactivated(parameters: IDataObject): ActiveTrigger {
		return new ActiveTrigger(this.credentials, parameters, this.stored);
	}
}
