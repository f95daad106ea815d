import type {
	IExecuteFunctions,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodePropertyRouting,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import type { Operation } from './operation';
import { checkMaxConcurrency, requestConcurrency, withRequestSlot } from './concurrency';
import { itemOfRun, type ItemContext } from '../shared/itemContext';
import { failingItemPaired } from './itemFailures';
import { beginRun, endRun, stoppedBefore, type NodeRun } from './nodeRun';
import { toolRunOf } from './toolRuns';
import {
	CREDENTIAL_TYPE,
	sendToBillPro,
	sendingWith,
	type BillProRequest,
	type RequestOptions,
} from '../transport/send';

/**
 * One item of an operation's run, on every path: checked, sent and answered by the operation
 * itself, its failure the item's own (Continue On Fail, or the run's stop and its note).
 */
async function runItem(
	operation: Operation,
	item: ItemContext,
	run: NodeRun,
	send: BillProRequest,
): Promise<INodeExecutionData[]> {
	const itemIndex = item.getItemIndex();
	return await failingItemPaired(
		item,
		run,
		async () => {
			checkMaxConcurrency(item);
			const records = await operation.execute(item, send);
			return records.map((json) => ({ json, pairedItem: { item: itemIndex } }));
		},
		{ method: operation.method, resource: operation.record },
	);
}

/**
 * The routing n8n runs when the node is an AI tool in process (n8n runs a declarative node's
 * tool calls through RoutingNode, not its custom operations): the same item, through the same
 * runItem, from the routing's one request hook, in the tool run the item belongs to (toolRuns.ts).
 */
export function toolRouting(operation: Operation): INodePropertyRouting {
	return {
		send: { paginate: true },
		operations: {
			async pagination(this: IExecutePaginationFunctions): Promise<INodeExecutionData[]> {
				const run = toolRunOf(this);
				const credentials = await this.getCredentials(CREDENTIAL_TYPE);
				const sendWithCredential = sendingWith(this, credentials);
				const send: BillProRequest = async (endpoint, call) =>
					await withRequestSlot(this, run, async () =>
						sendToBillPro(this, credentials, sendWithCredential, endpoint, call),
					);
				return await runItem(operation, this, run, send);
			},
		},
	};
}

/**
 * An operation's run over its input items, as n8n runs a custom operation: each item prepared
 * when one of the run's request slots is free (RoutingNode would resolve and prepare every item
 * before sending the first: bench/README.md has the figures), sent through the one transport
 * (send.ts) with the credential read once per run. Failures are the items' own
 * (itemFailures.ts): Continue On Fail, or the run stops at the first with a note of what BillPro
 * accepted, and what BillPro accepted is never sent again by n8n's retries.
 */
export function runOperation(operation: Operation) {
	return async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const requestOptions = this.getNodeParameter('requestOptions', 0, {}) as RequestOptions;
		const batchSize = Math.max(1, requestOptions.batching?.batch?.batchSize ?? 1);
		const batchInterval = requestOptions.batching?.batch?.batchInterval ?? 0;
		const credentials = await this.getCredentials(CREDENTIAL_TYPE);
		const sendWithCredential = sendingWith(this, credentials);
		const node = this.getNode();
		const limit = requestConcurrency(requestOptions);
		const run = beginRun(itemOfRun(this, 0, node), items.length, limit);

		const runOne = async (index: number): Promise<INodeExecutionData[]> => {
			const item = itemOfRun(this, index, node);
			const send: BillProRequest = async (endpoint, call) =>
				await withRequestSlot(item, run, async () =>
					sendToBillPro(item, credentials, sendWithCredential, endpoint, call),
				);
			return await runItem(operation, item, run, send);
		};

		// Workers take the items in order; Batching's Batch Interval still spaces batches of Items
		// per Batch apart. Without Continue On Fail, the first failed item stops the run.
		const nextTurn = turns();
		const started = Date.now();
		const results: Array<PromiseSettledResult<INodeExecutionData[]>> = new Array(items.length);
		let next = 0;
		const worker = async () => {
			for (let index = next++; index < items.length; index = next++) {
				if (stoppedBefore(run, index)) return;
				const batchStart = started + Math.floor(index / batchSize) * batchInterval;
				if (batchInterval > 0 && Date.now() < batchStart) await sleep(batchStart - Date.now());
				await nextTurn();
				try {
					results[index] = { status: 'fulfilled', value: await runOne(index) };
				} catch (reason) {
					results[index] = { status: 'rejected', reason };
				}
			}
		};
		const workers = Math.min(items.length, limit);
		await Promise.all(Array.from({ length: workers }, worker));
		endRun(run);
		const failed = results.find((result) => result?.status === 'rejected');
		if (failed) throw (failed as PromiseRejectedResult).reason;
		return [
			results.flatMap((result) => (result as PromiseFulfilledResult<INodeExecutionData[]>).value),
		];
	};
}

/**
 * Turns for the workers of one run: an item is prepared (its fields read, its body built, its
 * request handed to n8n) in a turn of its own, and the next turn starts on a later turn of the
 * event loop (n8n-workflow's sleep(0): node code may not use setImmediate). n8n sends every
 * request on a new connection, which opens only on a later turn of the event loop: without
 * turns, workers whose answers arrived together prepare their next items back to back and all
 * those requests leave together after the last, so each round costs the latency plus the
 * preparation of every item in it (bench/README.md, "Creates at 50 ms").
 */
function turns(): () => Promise<void> {
	let last: Promise<void> = Promise.resolve();
	return async () => {
		const previous = last;
		let done = () => {};
		last = new Promise<void>((resolve) => (done = resolve));
		await previous;
		void sleep(0).then(done);
	};
}
