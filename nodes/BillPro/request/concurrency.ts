import type { IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import type { ItemContext } from './itemContext';
import { NodeOperationError } from 'n8n-workflow';
import { isNotSet, requireWholeNumber } from '../shared/validation';
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
 * small. Each page also takes one of the run's request slots (Max Concurrent Requests; paging.ts).
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

/**
 * One node run's requests: its slots, which items have sent a request, and the first failed
 * item once the run stops (Continue On Fail off). Kept per run (n8n's execute data of this node
 * run), so it goes with the run and needs no clean-up.
 */
interface RunState {
	active: number;
	waiting: Array<() => void>;
	/** Items that have sent at least one request. */
	sent: Set<number>;
	/** The item whose failure stopped the run: no item after it starts a request. */
	stoppedAt?: number;
}

const runs = new WeakMap<object, RunState>();

/** What identifies a node run: any of n8n's contexts of it. */
type RunContext = Pick<ItemContext, 'getExecuteData' | 'getNode'>;

function runStateOf(context: RunContext): RunState {
	const key: object = context.getExecuteData?.() ?? context.getNode();
	let state = runs.get(key);
	if (!state) {
		state = { active: 0, waiting: [], sent: new Set() };
		runs.set(key, state);
	}
	return state;
}

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

/** Thrown instead of sending, once an earlier item has stopped the run. */
export class NotSentError extends NodeOperationError {}

/** Whether an earlier item's failure stopped this run (an item after it must not send). */
export function stoppedBefore(context: RunContext, itemIndex: number): boolean {
	const { stoppedAt } = runStateOf(context);
	return stoppedAt !== undefined && itemIndex > stoppedAt;
}

function refuseAfterStop(context: ItemContext, state: RunState): void {
	const itemIndex = context.getItemIndex();
	if (state.stoppedAt === undefined || itemIndex <= state.stoppedAt) return;
	throw new NotSentError(
		context.getNode(),
		`Item ${itemIndex} was not sent${state.sent.has(itemIndex) ? ' again' : ''}: item ${state.stoppedAt} failed first and stopped the run`,
		{ itemIndex, description: 'Fix the first failed item, then run the items from it again.' },
	);
}

/**
 * Stops the run at a failed item (Continue On Fail off): no later item starts a request; the
 * requests already on their way finish. Returns what the error should add. The items before it
 * all go on to be sent: if one of them failed too, n8n shows that one's error instead (the first
 * failed item's), so when this error is shown, every item before it was sent.
 */
export function stopRunAt(context: ItemContext, itemIndex: number): string {
	const state = runStateOf(context);
	if (state.stoppedAt === undefined || itemIndex < state.stoppedAt) state.stoppedAt = itemIndex;
	const after = [...state.sent].filter((sent) => sent > itemIndex).length;
	if (itemIndex === 0 && after === 0) return '';
	const before =
		itemIndex === 1 ? 'the item before it was' : `the ${itemIndex} items before it were`;
	const onTheirWay = after
		? `, and ${after === 1 ? '1 item' : `${after} items`} after it were already on their way`
		: '';
	return `The run stopped at item ${itemIndex}: ${itemIndex ? before : 'no item before it was'} sent to BillPro${onTheirWay}; no other item was sent.`;
}

/** Runs `task` once a slot of this node run is free; refused once an earlier item stopped the run. */
export async function withRequestSlot<T>(context: ItemContext, task: () => Promise<T>): Promise<T> {
	const limit = requestConcurrency(context.getNodeParameter('requestOptions', {}));
	const state = runStateOf(context);
	refuseAfterStop(context, state);
	if (state.active < limit) state.active++;
	else await new Promise<void>((resolve) => state.waiting.push(resolve)); // slot handed over
	try {
		refuseAfterStop(context, state);
		state.sent.add(context.getItemIndex());
		return await task();
	} finally {
		const next = state.waiting.shift();
		if (next) next();
		else state.active--;
	}
}
