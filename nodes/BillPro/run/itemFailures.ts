import type { INodeExecutionData, JsonObject } from 'n8n-workflow';
import type { ItemContext } from '../shared/itemContext';
import { deepCopy, NodeApiError, NodeOperationError } from 'n8n-workflow';
import { isAccepted, isUnsure } from './acceptedWrites';
import {
	NotSentError,
	recordAccepted,
	recordFailure,
	recordOf,
	recordUnsure,
	stopRunAt,
	writeRefusalOf,
	type NodeRun,
} from './nodeRun';
import { refusalToGoOn } from './retriedRuns';
import { mayHaveReachedBillPro } from '../transport/retries';
import { readStopNote, writeStopNote } from './stopNote';

/** What a write that BillPro may have received, in an earlier try, fails with instead of being sent. */
function notSentAgain(context: ItemContext, why: string, record: string): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`Item ${context.getItemIndex()} was not sent again: BillPro may have received it on an earlier try`,
		{
			itemIndex: context.getItemIndex(),
			description: `The earlier try failed with "${why}" after the request may have reached BillPro, so sending it again could ${record === 'order' ? 'create or change the order' : `change the ${record}`} twice. Check the ${record} in BillPro; if it is not there, send this item again in a new run.`,
		},
	);
}

const asNodeError = (context: ItemContext, caught: unknown) =>
	caught instanceof NodeApiError || caught instanceof NodeOperationError
		? caught
		: new NodeApiError(context.getNode(), caught as JsonObject, {
				itemIndex: context.getItemIndex(),
			});

/** Where a stopped run's note goes: the failed item's message and description, written anew as items end. */
function writeStopNotes(run: NodeRun, method: string, resource: string): void {
	if (run.items < 2) return;
	const note = method === 'GET' ? readStopNote(run) : writeStopNote(run, resource);
	for (const [error, own] of run.stops) {
		// Input errors already end with their fix and a full stop.
		error.message = `${own.message.replace(/\.$/, '')}. ${note.short}`;
		(error as NodeOperationError).description = [own.description, note.full]
			.filter(Boolean)
			.join(' ');
	}
}

function stopAt(
	context: ItemContext,
	run: NodeRun,
	error: NodeApiError | NodeOperationError,
): void {
	stopRunAt(run, context.getItemIndex());
	run.stops.set(error, { message: error.message, description: error.description ?? '' });
}

/**
 * Runs one item's send, once per node run whatever n8n runs again. A write BillPro accepted in an
 * earlier try gives that answer without a request; one that may have reached it is not sent
 * again (acceptedWrites.ts). On failure with Continue On Fail, the failed item is given paired
 * with its input (as n8n would, plus the pairing). Without it, the failure stops the run: no
 * later item starts a request (nodeRun.ts), and once every item has ended, the error says what
 * BillPro accepted, with the IDs, and what a retry would send (stopNote.ts).
 */
export async function failingItemPaired(
	context: ItemContext,
	run: NodeRun,
	send: () => Promise<INodeExecutionData[]>,
	call: { method: string; resource: string },
): Promise<INodeExecutionData[]> {
	const itemIndex = context.getItemIndex();
	const write = call.method !== 'GET';
	const earlier = write ? recordOf(run, itemIndex) : undefined;
	try {
		if (isAccepted(earlier)) {
			return earlier.accepted.map((json) => ({
				json: deepCopy(json),
				pairedItem: { item: itemIndex },
			}));
		}
		if (isUnsure(earlier)) throw notSentAgain(context, earlier.unsure, call.resource);
		const unmatchable = write
			? (writeRefusalOf(run, context) ?? (await refusalToGoOn(run, context)))
			: undefined;
		if (unmatchable) {
			throw new NodeOperationError(context.getNode(), unmatchable.message, {
				itemIndex,
				description: unmatchable.description,
			});
		}
		const items = await send();
		const answers = items.map((item) => item.json);
		if (write) recordAccepted(run, itemIndex, answers);
		return items;
	} catch (caught) {
		const error = asNodeError(context, caught);
		if (write && !isUnsure(earlier) && mayHaveReachedBillPro(error, call.method)) {
			recordUnsure(run, itemIndex, error.message);
		}
		if (!(error instanceof NotSentError)) recordFailure(run, itemIndex);
		if (!context.continueOnFail()) {
			if (!(error instanceof NotSentError)) stopAt(context, run, error);
			throw error;
		}
		return [{ json: {}, error, pairedItem: { item: itemIndex } }];
	} finally {
		if (run.stops.size) writeStopNotes(run, call.method, call.resource);
	}
}
