import type { IDataObject } from 'n8n-workflow';
import { deepCopy, NodeOperationError } from 'n8n-workflow';
import {
	isAccepted,
	runWritesOf,
	whyAWriteCannotBeMatched,
	type RunWrites,
	type WriteRecord,
} from './acceptedWrites';
import type { ItemContext } from '../shared/itemContext';

/**
 * One try of one node run: its request slots, which items sent, failed or were stopped, and what
 * BillPro did with its writes (acceptedWrites.ts). n8n's Retry On Fail runs the node again in
 * the same execution: each try starts a new state (beginRun), so no try inherits another's slots
 * or stop, while what BillPro accepted carries over in the execution.
 */
export interface NodeRun {
	/** The run's items, as far as known: all of them once every item has started. */
	items: number;
	/** Requests of the run at a time (Request Options). */
	limit: number;
	active: number;
	waiting: Array<() => void>;
	/** Items that sent at least one request in this try. */
	sent: Set<number>;
	/** Items that failed in this try (Continue On Fail or not). */
	failed: Set<number>;
	/** The item whose failure stopped the run: no item after it starts a request. */
	stoppedAt?: number;
	/** The errors the stop note is written into, with their own text before it. */
	stops: Map<Error, { message: string; description: string }>;
	writes: RunWrites;
	/** Whether `writes` can be kept in the execution (else it lasts this try only). */
	kept: boolean;
	/** Whether `writes` is in the execution now (after a failure): answers are copied from then on. */
	inExecution: boolean;
	/** The run's index in the execution. */
	runIndex: string;
	/** The failed execution whose record this run goes on from, until it claims it (retriedRuns.ts). */
	from?: string;
	/** The execution that goes on with the record once kept. */
	keptBy?: string;
	/** Whether this run may go on from `from`'s record (retriedRuns.ts), once known. */
	goingOn?: Promise<{ message: string; description: string } | null>;
	/** Puts `writes` in the execution, where later records of the run go too. */
	keep: (keptBy: string | undefined) => void;
	/** Drops `writes` from the execution. */
	forget: () => void;
	/** Why this run's writes are refused before they are sent (null: they are not), once known. */
	writeRefusal?: { message: string; description: string } | null;
}

/** Starts a try of a node run over `items` items, with `limit` requests at a time. */
export function beginRun(context: ItemContext, items: number, limit: number): NodeRun {
	return {
		items,
		limit,
		active: 0,
		waiting: [],
		sent: new Set(),
		failed: new Set(),
		stops: new Map(),
		inExecution: false,
		...runWritesOf(context),
	};
}

/** Why this run's writes are refused before they are sent, if they are: the same for every item. */
export function writeRefusalOf(
	run: NodeRun,
	context: ItemContext,
): { message: string; description: string } | undefined {
	if (run.writeRefusal === undefined) run.writeRefusal = whyAWriteCannotBeMatched(context) ?? null;
	return run.writeRefusal ?? undefined;
}

export function recordOf(run: NodeRun, itemIndex: number): WriteRecord | undefined {
	return run.writes[itemIndex];
}

/**
 * The answers are copied only once they go into the execution: the items they came with flow on
 * to the next nodes, which must not change what n8n saves. A run without a failure copies none.
 */
export function recordAccepted(run: NodeRun, itemIndex: number, records: IDataObject[]): void {
	run.writes[itemIndex] = { accepted: run.inExecution ? deepCopy(records) : records };
}

export function recordUnsure(run: NodeRun, itemIndex: number, why: string): void {
	run.writes[itemIndex] = { unsure: why };
}

/**
 * An item failed: from now on the run's record of its writes is kept in the execution, for
 * n8n's retries. A run whose items all succeed keeps nothing there: n8n does not run it again.
 */
export function recordFailure(run: NodeRun, itemIndex: number): void {
	run.failed.add(itemIndex);
	if (run.inExecution) return;
	for (const record of Object.values(run.writes)) {
		if (isAccepted(record)) record.accepted = deepCopy(record.accepted);
	}
	run.keep(run.keptBy);
	run.inExecution = true;
}

/** A custom operation's run ended: a try without a failure drops what earlier tries kept. */
export function endRun(run: NodeRun): void {
	if (run.failed.size === 0) run.forget();
}

/** Thrown instead of sending, once an earlier item has stopped the run. */
export class NotSentError extends NodeOperationError {}

/** Whether an earlier item's failure stopped this run (an item after it must not send). */
export function stoppedBefore(run: NodeRun, itemIndex: number): boolean {
	return run.stoppedAt !== undefined && itemIndex > run.stoppedAt;
}

/** Stops the run at a failed item (Continue On Fail off): no item after it starts a request. */
export function stopRunAt(run: NodeRun, itemIndex: number): void {
	if (run.stoppedAt === undefined || itemIndex < run.stoppedAt) run.stoppedAt = itemIndex;
}

export function refuseAfterStop(context: ItemContext, run: NodeRun): void {
	const itemIndex = context.getItemIndex();
	if (!stoppedBefore(run, itemIndex)) return;
	throw new NotSentError(
		context.getNode(),
		`Item ${itemIndex} was not sent: item ${run.stoppedAt} failed first and stopped the run`,
		{ itemIndex, description: `Item ${run.stoppedAt}'s error says what BillPro received.` },
	);
}
