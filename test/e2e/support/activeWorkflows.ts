/**
 * Active workflows in the running n8n, through its REST API as the editor uses it: activate one
 * (its triggers start: a poll trigger polls at once, then at its Poll Times), wait for the
 * executions its trigger starts, and read what a node of such an execution output.
 */
import { parse } from 'flatted';
import { n8nRest } from './context';

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
}

interface RunData {
	resultData: {
		runData: Record<
			string,
			Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }>> } }>
		>;
		error?: { message: string; description?: string | null };
	};
}

/**
 * Activates the workflow and waits until its poll trigger `pollNode`, if given, has made its
 * first poll (n8n stores what the poll noted): n8n finishes an activation in the background.
 */
export async function activate(workflowId: string, pollNode?: string): Promise<void> {
	const rest = await n8nRest();
	await rest.activate(workflowId);
	if (!pollNode) return;
	for (let waited = 0; waited < 30_000; waited += 250) {
		const { staticData } = await rest.data<{ staticData?: Record<string, object> | null }>(
			'GET',
			`/rest/workflows/${workflowId}`,
		);
		if (Object.keys(staticData?.[`node:${pollNode}`] ?? {}).length > 0) return;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`${workflowId}: "${pollNode}" made no first poll within 30 s of activation`);
}

export async function deactivate(workflowId: string): Promise<void> {
	await (await n8nRest()).deactivate(workflowId);
}

/** The workflow's latest `limit` executions (at most 100), newest first. */
export async function executionsOf(workflowId: string, limit = 50): Promise<ExecutionSummary[]> {
	const rest = await n8nRest();
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const page = await rest.data<{ results: ExecutionSummary[] }>(
		'GET',
		`/rest/executions?filter=${filter}&limit=${limit}`,
	);
	return page.results;
}

const IN_PROGRESS = ['new', 'running', 'waiting'];
const FINISHED = ['success', 'error', 'crashed', 'canceled'];

/** How many executions of the workflow with one of these statuses n8n has stored. */
async function executionCount(workflowId: string, status: string[]): Promise<number> {
	const rest = await n8nRest();
	const filter = encodeURIComponent(JSON.stringify({ workflowId, status }));
	const page = await rest.data<{ count: number }>(
		'GET',
		`/rest/executions?filter=${filter}&limit=1`,
	);
	return page.count;
}

/**
 * Waits until the workflow has at least `atLeast` finished executions and none in progress, then
 * `settleMs` more (time for an execution wrongly started late to show); the executions by
 * status then. Counts, not pages: for hundreds of executions.
 */
export async function settledExecutionCounts(
	workflowId: string,
	atLeast: number,
	timeoutMs: number,
	settleMs = 5_000,
): Promise<{ finished: number; success: number; inProgress: number }> {
	const until = Date.now() + timeoutMs;
	for (;;) {
		const [finished, inProgress] = await Promise.all([
			executionCount(workflowId, FINISHED),
			executionCount(workflowId, IN_PROGRESS),
		]);
		if (finished >= atLeast && inProgress === 0) break;
		if (Date.now() > until) {
			throw new Error(
				`Workflow ${workflowId}: ${finished} of ${atLeast} executions finished, ${inProgress} in progress after ${timeoutMs} ms`,
			);
		}
		await new Promise((resolve) => setTimeout(resolve, 1_000));
	}
	await new Promise((resolve) => setTimeout(resolve, settleMs));
	const [finished, success, inProgress] = await Promise.all([
		executionCount(workflowId, FINISHED),
		executionCount(workflowId, ['success']),
		executionCount(workflowId, IN_PROGRESS),
	]);
	return { finished, success, inProgress };
}

/** Waits until the workflow has at least `count` finished executions; returns them. */
export async function waitForExecutions(
	workflowId: string,
	count: number,
	timeoutMs: number,
): Promise<ExecutionSummary[]> {
	const until = Date.now() + timeoutMs;
	for (;;) {
		const finished = (await executionsOf(workflowId)).filter(
			(run) => !['new', 'running', 'waiting'].includes(run.status),
		);
		if (finished.length >= count) return finished;
		if (Date.now() > until) {
			throw new Error(
				`Workflow ${workflowId}: ${finished.length} of ${count} executions after ${timeoutMs} ms`,
			);
		}
		await new Promise((resolve) => setTimeout(resolve, 1_000));
	}
}

/** The JSON items `nodeName` emitted (first output, first run) in an execution. */
export async function executionItems(executionId: string, nodeName: string, output = 0) {
	const rest = await n8nRest();
	const execution = await rest.data<{ data: string }>('GET', `/rest/executions/${executionId}`);
	const data = parse(execution.data) as RunData;
	const runs = data.resultData.runData[nodeName];
	if (!runs) {
		throw new Error(
			`"${nodeName}" did not run in execution ${executionId}: ${data.resultData.error?.message ?? 'no error'}`,
		);
	}
	return (runs[0].data?.main[output] ?? []).map((item) => item.json);
}

/** The error a failed execution recorded, as the executions list shows it. */
export async function executionError(executionId: string) {
	const rest = await n8nRest();
	const execution = await rest.data<{ data: string }>('GET', `/rest/executions/${executionId}`);
	const { error } = (parse(execution.data) as RunData).resultData;
	return error && { message: error.message, description: error.description };
}
