import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

/**
 * n8n runs a declarative node's items all at once. To keep a bulk run (1,000 creates) from
 * opening 1,000 connections to BillPro, every request of one node run waits for one of
 * `Max Concurrent Requests` slots (default DEFAULT_CONCURRENCY). n8n's own Batching option
 * (items per batch, interval) still applies on top.
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

/** Runs `task` once a slot of this node run is free. */
export async function withRequestSlot<T>(
	context: IExecuteSingleFunctions,
	task: () => Promise<T>,
): Promise<T> {
	const configured = Number(
		context.getNodeParameter('requestOptions.maxConcurrency', DEFAULT_CONCURRENCY),
	);
	const limit = Number.isInteger(configured) && configured >= 1 ? configured : DEFAULT_CONCURRENCY;
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
