import type { IDataObject } from 'n8n-workflow';
import type { ItemContext } from '../shared/itemContext';

/**
 * What BillPro did with each write of a node run, kept where n8n keeps a node's memory of one
 * execution: its execution context (`getContext('node')`), saved with the execution's data.
 *
 * n8n runs a node again with the same input items on Retry On Fail (the same execution, again)
 * and on a Retry of a failed execution (a new execution made from the failed one's data, which
 * runs the failed node again at the same run index). Both keep this context, so a run again
 * knows which items BillPro accepted, with its answers, and which may have reached it without
 * an answer: the first are answered from here, the second are never sent again
 * (itemFailures.ts). It is put in the execution only once an item of the run fails: n8n runs a
 * node again only after a failure, and a run whose items all succeed keeps nothing there.
 */

/** One item's write: BillPro's answer (its output records), or why it may have reached BillPro. */
export type WriteRecord = { accepted: IDataObject[] } | { unsure: string };

/** A node run's records, by item index. */
export type RunWrites = Record<string, WriteRecord>;

/** Under this key of the node's execution context, the records of each of its runs by run index. */
const CONTEXT_KEY = 'billProWrites';
/** And under this one, by run index, the execution that last went on with the record (retriedRuns.ts). */
const KEPT_BY_KEY = 'billProWritesKeptBy';

type Runs = Record<string, RunWrites>;

interface KeptWrites {
	writes: RunWrites;
	/** False when n8n gives the run no execution context: `writes` lasts this try only. */
	kept: boolean;
	/** The run's index in the execution. */
	runIndex: string;
	/**
	 * The other execution (a failed one this execution retries) that last went on with the
	 * record: '' when the record does not say; undefined when it is this execution's own.
	 */
	from?: string;
	/** Who goes on with the record once kept: this execution, or `from` until it claims it. */
	keptBy?: string;
	/** Puts `writes` into the execution, where later records of the run go too, kept by `keptBy`. */
	keep: (keptBy: string | undefined) => void;
	forget: () => void;
}

/** This node run's records, as an earlier try or a failed execution left them. */
export function runWritesOf(context: ItemContext): KeptWrites {
	const memory = executionMemory(context);
	if (!memory || !context.getWorkflowDataProxy) {
		return { writes: {}, kept: false, runIndex: '0', keep: () => {}, forget: () => {} };
	}
	const runIndex = String(context.getWorkflowDataProxy(0).$runIndex ?? 0);
	const runs = () => (memory[CONTEXT_KEY] ??= {}) as Runs;
	const keepers = () => (memory[KEPT_BY_KEY] ??= {}) as Record<string, string>;
	const earlier = (memory[CONTEXT_KEY] as Runs | undefined)?.[runIndex];
	const writes = earlier ?? {};
	const here = context.getExecutionId?.();
	const keptBefore = (memory[KEPT_BY_KEY] as Record<string, string> | undefined)?.[runIndex];
	const from = earlier && keptBefore !== here ? (keptBefore ?? '') : undefined;
	return {
		writes,
		kept: true,
		runIndex,
		from,
		keptBy: from ?? here,
		keep: (keptBy) => {
			runs()[runIndex] = writes;
			if (keptBy) keepers()[runIndex] = keptBy;
		},
		forget: () => {
			for (const key of [CONTEXT_KEY, KEPT_BY_KEY]) {
				const byRun = memory[key] as IDataObject | undefined;
				if (!byRun || !(runIndex in byRun)) continue;
				delete byRun[runIndex];
				if (Object.keys(byRun).length === 0) delete memory[key];
			}
		},
	};
}

function executionMemory(context: ItemContext): IDataObject | undefined {
	if (!context.getContext) return undefined;
	try {
		return context.getContext('node') as IDataObject;
	} catch {
		// No execution data to keep it in.
		return undefined;
	}
}

export const isAccepted = (
	record: WriteRecord | undefined,
): record is { accepted: IDataObject[] } => record !== undefined && 'accepted' in record;

export const isUnsure = (record: WriteRecord | undefined): record is { unsure: string } =>
	record !== undefined && 'unsure' in record;

/**
 * Where n8n runs the node again in a way no record can follow, a write is refused before it is
 * sent, with what to do instead. An AI agent's tool: n8n runs its Retry On Fail tries as new runs
 * (in-process tool calls), and a Retry of the execution runs the agent anew, which asks for its
 * tools again (both n8n lines, n8n-core's get-input-connection-data and requests-response).
 */
export function whyAWriteCannotBeMatched(
	context: ItemContext,
): { message: string; description: string } | undefined {
	const node = context.getNode();
	const runOwner = context.getExecuteData?.()?.node?.name;
	const inAgentsRun = runOwner !== undefined && runOwner !== node.name;
	const asTool = inAgentsRun || node.rewireOutputLogTo === 'ai_tool';
	if (inAgentsRun && node.retryOnFail) {
		return {
			message: "Retry On Fail is on in this BillPro tool's Settings",
			description:
				'n8n runs a failed AI tool again as a new run, so the node cannot tell whether BillPro accepted the first try, and could create or change a record twice. Turn Retry On Fail off in the Settings of this node: the agent gets the error and can call the tool again.',
		};
	}
	if (asTool && context.getMode?.() === 'retry') {
		return {
			message: 'This BillPro tool call is part of a Retry of a failed execution',
			description:
				'In a Retry, an AI agent runs again and asks for its tools anew, so the node cannot tell whether BillPro accepted this write in the failed execution, and could create or change a record twice. Check in BillPro what the failed execution did, then run the workflow anew instead of retrying it.',
		};
	}
	return undefined;
}
