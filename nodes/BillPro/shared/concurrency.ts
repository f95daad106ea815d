import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

/**
 * n8n runs a declarative node's items all at once (its Batching only pauses between batches).
 * To keep a bulk run (1,000 creates) from opening 1,000 connections to BillPro, every request of
 * one node run waits for a slot. The number of slots: 'Max Concurrent Requests' if set, else
 * Batching's 'Items per Batch', else DEFAULT_CONCURRENCY.
 */
export const DEFAULT_CONCURRENCY = 5;

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
	],
};

interface Limiter {
	active: number;
	waiting: Array<() => void>;
}

const limiters = new Map<string, Limiter>();

function keyOf(context: IExecuteSingleFunctions): string {
	const workflow = context.getWorkflow();
	return `${context.getExecutionId() ?? ''}|${workflow.id ?? ''}|${context.getNode().name}`;
}

const positiveInteger = (value: unknown) =>
	typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;

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

/** Runs `task` once a slot of this node run is free. */
export async function withRequestSlot<T>(
	context: IExecuteSingleFunctions,
	task: () => Promise<T>,
): Promise<T> {
	const limit = requestConcurrency(context.getNodeParameter('requestOptions', {}));
	const key = keyOf(context);
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = { active: 0, waiting: [] };
		limiters.set(key, limiter);
	}
	if (limiter.active < limit) limiter.active++;
	else await new Promise<void>((resolve) => limiter?.waiting.push(resolve)); // slot handed over
	try {
		return await task();
	} finally {
		const next = limiter.waiting.shift();
		if (next) next();
		else if (--limiter.active === 0) limiters.delete(key);
	}
}
