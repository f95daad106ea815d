/**
 * A saved workflow run as a person runs it in the editor ("Execute workflow"), through the
 * main's REST API: in queue mode with OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS the main enqueues
 * it in Redis and a worker runs it. The finished execution is read back from n8n's database.
 */
import { parse } from 'flatted';

import type { N8nRun } from '../../../scripts/lib/n8n';
import type { N8nRest } from '../../../scripts/lib/rest';
import { n8nRest, workflowRun, type WorkflowRun } from '../../e2e/support/context';

const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';

/** Starts the workflow at its Manual Trigger; returns the execution's id at once. */
export async function startThroughQueue(rest: N8nRest, workflowId: string): Promise<string> {
	const workflow = await rest.data<{ nodes: Array<{ name: string; type: string }> }>(
		'GET',
		`/rest/workflows/${workflowId}`,
	);
	const trigger = workflow.nodes.find((node) => node.type === MANUAL_TRIGGER);
	if (!trigger) throw new Error(`Workflow ${workflowId} has no Manual Trigger`);
	const started = await rest.data<{ executionId?: string }>(
		'POST',
		`/rest/workflows/${workflowId}/run`,
		{ triggerToStartFrom: { name: trigger.name } },
	);
	if (!started.executionId) throw new Error(`n8n started no execution: ${JSON.stringify(started)}`);
	return started.executionId;
}

export interface FinishedExecution {
	id: string;
	status: string;
	/** n8n's mode: 'manual' for Execute workflow, 'retry' for a Retry. */
	mode: string;
	run: N8nRun;
}

/** Waits until the execution is no longer new, running or waiting. */
export async function finishedExecution(
	rest: N8nRest,
	executionId: string,
	timeoutMs = 120_000,
): Promise<FinishedExecution> {
	const until = Date.now() + timeoutMs;
	for (;;) {
		const execution = await rest.data<{
			status: string;
			mode: string;
			finished: boolean;
			data: string;
		}>('GET', `/rest/executions/${executionId}`);
		if (!['new', 'running', 'waiting'].includes(execution.status)) {
			const data = parse(execution.data) as N8nRun['data'];
			return {
				id: executionId,
				status: execution.status,
				mode: execution.mode,
				run: { data, status: execution.status, finished: execution.finished },
			};
		}
		if (Date.now() > until)
			throw new Error(`Execution ${executionId} still ${execution.status} after ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** executeWorkflow() in queue mode: the same WorkflowRun, exit code 0 when it succeeded. */
export async function runThroughQueue(workflowId: string): Promise<WorkflowRun> {
	const rest = await n8nRest();
	const finished = await finishedExecution(rest, await startThroughQueue(rest, workflowId));
	return workflowRun(finished.status === 'success' ? 0 : 1, finished.run);
}
