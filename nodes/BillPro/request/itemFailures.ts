import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	JsonObject,
	PreSendAction,
} from 'n8n-workflow';
import type { ItemContext } from './itemContext';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { NotSentError, stopRunAt } from './concurrency';

/** The stop note goes in the message too: it is what an execution list or an AI agent shows. */
function addStopNote(error: NodeApiError | NodeOperationError, note: string): void {
	if (!note) return;
	// Input errors already end with their fix and a full stop.
	error.message = `${error.message.replace(/\.$/, '')}. ${note}`;
	error.description = [error.description, note].filter(Boolean).join(' ');
}

/**
 * Why input errors travel to the request hook: n8n gives an item that failed in a
 * declarative node's preSend no `pairedItem`, so with Continue On Fail the next nodes cannot tell
 * which input it belongs to. Our preSends therefore park their error on the request options, and
 * the request hook (routing.ts, paging.ts), which sends nothing then, fails the item itself,
 * paired with its input.
 */
const PARKED = 'billProInputError';

type WithParked = IHttpRequestOptions & { [PARKED]?: Error };

/** A preSend whose error is parked for the request hook; skipped once an earlier one failed. */
export function parkingErrors(preSend: PreSendAction): PreSendAction {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		if ((requestOptions as WithParked)[PARKED]) return requestOptions;
		try {
			return await preSend.call(this, requestOptions);
		} catch (error) {
			return { ...requestOptions, [PARKED]: error as Error } as IHttpRequestOptions;
		}
	};
}

/** Throws the parked input error, if any: called before anything is sent. */
export function throwParkedError(requestOptions: object): void {
	const parked = (requestOptions as WithParked)[PARKED];
	if (parked) throw parked;
}

/**
 * Runs the item's requests; on failure with Continue On Fail, gives the failed item paired with
 * its input (as n8n would, plus the pairing). Without it, the failure stops the run: no later
 * item starts a request (concurrency.ts), and the error says what BillPro had received.
 */
export async function failingItemPaired(
	context: ItemContext,
	send: () => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	try {
		return await send();
	} catch (caught) {
		const error =
			caught instanceof NodeApiError || caught instanceof NodeOperationError
				? caught
				: new NodeApiError(context.getNode(), caught as JsonObject, {
						itemIndex: context.getItemIndex(),
					});
		if (!context.continueOnFail()) {
			if (!(error instanceof NotSentError))
				addStopNote(error, stopRunAt(context, context.getItemIndex()));
			throw error;
		}
		return [{ json: {}, error, pairedItem: { item: context.getItemIndex() } }];
	}
}

type RequestSender = (
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/**
 * A routing request hook (`operations.pagination`) that sends with `send`: a parked input error
 * fails the item before anything is sent, and any failure is the item's, paired with its input.
 */
export function itemRequestHook(send: RequestSender) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		return await failingItemPaired(this, async () => {
			throwParkedError(requestData.options);
			return await send(this, requestData);
		});
	};
}
