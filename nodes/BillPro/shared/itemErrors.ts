import type {
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	JsonObject,
	PreSendAction,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * Why input errors travel to the request hook: n8n (2.41) gives an item that failed in a
 * declarative node's preSend no `pairedItem`, so with Continue On Fail the next nodes cannot tell
 * which input it belongs to. Our preSends therefore park their error on the request options, and
 * the request hook (retry.ts, pagination.ts), which sends nothing then, fails the item itself,
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
 * its input (as n8n would, plus the pairing), else throws.
 */
export async function failingItemPaired(
	context: IExecutePaginationFunctions,
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
		if (!context.continueOnFail()) throw error;
		return [{ json: {}, error, pairedItem: { item: context.getItemIndex() } }];
	}
}
