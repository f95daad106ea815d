import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import { baseUrlOf, type EndpointName } from '../shared/api';
import { checkMaxConcurrency, requestConcurrency } from './concurrency';
import { itemOfRun, type ItemContext } from './itemContext';
import { failingItemPaired } from './itemFailures';
import { beginRun, endRun, stoppedBefore } from './nodeRun';
import { requireBaseUrl } from './policy';
import { CREDENTIAL_TYPE, sendToBillPro, type RequestOptions, sendingWith } from './send';

/**
 * A create run over many items, as an n8n custom operation: a bulk import of 1,000 customers.
 * RoutingNode resolves every parameter of every item, and prepares all items before it sends the
 * first request (bench/README.md has the figures); here each item is prepared when a request
 * slot is free, from the operation's own body builder, and sent by the same request function as
 * the node's other coded requests. As an AI tool, n8n runs the operation's routing instead, with
 * the same body builder and checks: tests compare the two.
 */
export interface BulkCreate {
	/** Which record it creates, for its errors. */
	resource: string;
	/** The endpoint an item is created at (an order's depends on its Order Type). */
	endpoint: (item: ItemContext) => EndpointName;
	/** The operation's body builder: the preSend its routing runs too. */
	body: (this: ItemContext, requestOptions: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
}

export function bulkCreate(spec: BulkCreate) {
	return async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const requestOptions = this.getNodeParameter('requestOptions', 0, {}) as RequestOptions;
		const batchSize = Math.max(1, requestOptions.batching?.batch?.batchSize ?? 1);
		const batchInterval = requestOptions.batching?.batch?.batchInterval ?? 0;
		const credentials = await this.getCredentials(CREDENTIAL_TYPE);
		const baseURL = baseUrlOf(credentials);
		const send = sendingWith(this, credentials);
		const node = this.getNode();
		const run = beginRun(itemOfRun(this, 0, node), items.length);

		const createOne = async (index: number): Promise<INodeExecutionData[]> => {
			const item = itemOfRun(this, index, node);
			const call = { method: 'POST', resource: spec.resource };
			return await failingItemPaired(
				item,
				async () => {
					// The routed path's first preSends, in their order: the same error for the same item.
					requireBaseUrl(item, baseURL);
					await checkMaxConcurrency.call(item, { url: '' });
					const { body } = await spec.body.call(item, { url: '', body: {} });
					const record = await sendToBillPro(item, credentials, send, spec.endpoint(item), {
						body: body as IDataObject,
						resource: spec.resource,
					});
					return [{ json: record as IDataObject, pairedItem: { item: index } }];
				},
				call,
			);
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
					results[index] = { status: 'fulfilled', value: await createOne(index) };
				} catch (reason) {
					results[index] = { status: 'rejected', reason };
				}
			}
		};
		const workers = Math.min(items.length, requestConcurrency(requestOptions));
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
