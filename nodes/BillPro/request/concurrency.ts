import type { IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import type { ItemContext } from './itemContext';
import { isNotSet, requireWholeNumber } from '../shared/validation';
import { refuseAfterStop, runOf, stopRunAt } from './nodeRun';
import { profileIdOverrideField } from './profile';

/**
 * n8n runs a declarative node's items all at once (its Batching only pauses between batches).
 * To keep a bulk run (1,000 creates) from opening 1,000 connections to BillPro, every request of
 * one node run waits for a slot. The number of slots: 'Max Concurrent Requests' if set, else
 * Batching's 'Items per Batch', else DEFAULT_CONCURRENCY.
 */
export const DEFAULT_CONCURRENCY = 5;

/**
 * How many pages are requested at once once a list is known to go on (Request Options → Pages
 * Read at Once): network latency is paid once per batch, not once per page. At most one fewer
 * requests land past the end of a list (they answer an empty page); the bound keeps that waste
 * small. Each page also takes one of the run's request slots (Max Concurrent Requests; pageWalker.ts).
 */
export const PAGES_AHEAD = 4;
export const MAX_PAGES_AT_ONCE = 20;

/** Merged by n8n into the node's Request Options, next to Batching, Proxy and Timeout. */
export const requestOptionsField: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Concurrent Requests',
			name: 'maxConcurrency',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_CONCURRENCY,
			description:
				'How many requests this node sends to BillPro at the same time, across all items',
		},
		{
			displayName: 'Pages Read at Once',
			name: 'pagesAtOnce',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_PAGES_AT_ONCE },
			default: PAGES_AHEAD,
			displayOptions: { show: { '/operation': ['getAll'] } },
			description:
				'For Get Many: how many pages are requested at the same time once a list goes on past its first page (at most 20, and at most Max Concurrent Requests). More is faster over a slow network; up to one fewer requests land past the end of the list.',
		},
		profileIdOverrideField,
	],
};

const positiveInteger = (value: unknown) =>
	typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;

/**
 * A preSend of every operation: Max Concurrent Requests, when set, is a whole number of at least
 * 1. It is refused, not ignored: a mistyped limit must not silently become the default.
 */
export async function checkMaxConcurrency(
	this: ItemContext,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const { maxConcurrency } = (this.getNodeParameter('requestOptions', {}) ?? {}) as {
		maxConcurrency?: unknown;
	};
	if (!isNotSet(maxConcurrency)) {
		requireWholeNumber(this, 'Max Concurrent Requests', maxConcurrency, 1);
	}
	return requestOptions;
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
export async function withRequestSlot<T>(context: ItemContext, task: () => Promise<T>): Promise<T> {
	const limit = requestConcurrency(context.getNodeParameter('requestOptions', {}));
	const run = runOf(context);
	refuseAfterStop(context, run);
	if (run.active < limit) run.active++;
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
