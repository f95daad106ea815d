import type { ItemContext } from '../shared/itemContext';
import { isNotSet, requireWholeNumber } from '../shared/validation';
import { refuseAfterStop, stopRunAt, type NodeRun } from './nodeRun';
import { DEFAULT_CONCURRENCY } from '../shared/limits';

const positiveInteger = (value: unknown) =>
	typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;

/**
 * Checked for every item before it is sent: Max Concurrent Requests, when set, is a whole number
 * of at least 1. It is refused, not ignored: a mistyped limit must not silently become the default.
 */
export function checkMaxConcurrency(item: ItemContext): void {
	const { maxConcurrency } = (item.getNodeParameter('requestOptions', {}) ?? {}) as {
		maxConcurrency?: unknown;
	};
	if (!isNotSet(maxConcurrency)) {
		requireWholeNumber(item, 'Max Concurrent Requests', maxConcurrency, 1);
	}
}

/** Requests at a time for the node's Request Options (`requestOptions`). */
export function requestConcurrency(requestOptions: unknown): number {
	const options = (requestOptions ?? {}) as {
		maxConcurrency?: unknown;
		batching?: { batch?: { batchSize?: unknown } };
	};
	return (
		positiveInteger(options.maxConcurrency) ??
		positiveInteger(options.batching?.batch?.batchSize) ??
		DEFAULT_CONCURRENCY
	);
}

/**
 * Runs `task` (a request with its retries) once a slot of this node run is free; refused once an
 * earlier item stopped the run. A failure stops the run (Continue On Fail off) before the slot
 * goes to the next item, so no later item starts a request after it.
 */
export async function withRequestSlot<T>(
	context: ItemContext,
	run: NodeRun,
	task: () => Promise<T>,
): Promise<T> {
	refuseAfterStop(context, run);
	if (run.active < run.limit) run.active++;
	else await new Promise<void>((resolve) => run.waiting.push(resolve)); // slot handed over
	let failed = false;
	try {
		refuseAfterStop(context, run);
		run.sent.add(context.getItemIndex());
		failed = true;
		const answer = await task();
		failed = false;
		return answer;
	} finally {
		if (failed && !context.continueOnFail()) stopRunAt(run, context.getItemIndex());
		const next = run.waiting.shift();
		if (next) next();
		else run.active--;
	}
}
