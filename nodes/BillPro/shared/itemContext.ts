import type { IExecuteFunctions, IExecuteSingleFunctions } from 'n8n-workflow';

/**
 * What the node's checks, body builders and request path read of one item: its parameters, its
 * index, the node, the run it belongs to (its execute data, run index and execution context) and
 * the credential. n8n's per-item context of a routed operation (IExecuteSingleFunctions) is one;
 * itemOfRun() makes one for an item of a custom operation, from the run's context, with nothing
 * left out.
 */
export type ItemContext = Pick<
	IExecuteSingleFunctions,
	'getNode' | 'getItemIndex' | 'getNodeParameter' | 'getExecuteData' | 'continueOnFail'
> &
	// A poll has no execution of its own to keep anything in (acceptedWrites.ts).
	Partial<
		Pick<
			IExecuteSingleFunctions,
			'getContext' | 'getWorkflowDataProxy' | 'getMode' | 'getExecutionId'
		>
	> & {
		getCredentials: IExecuteSingleFunctions['getCredentials'];
		/** n8n's deduplication store, where a custom operation's run has it (retriedRuns.ts). */
		checkProcessedAndRecord?: IExecuteFunctions['helpers']['checkProcessedAndRecord'];
	};

/**
 * `node` is the run's node, read once per run: n8n's getNode() copies the node on every call,
 * and the request path reads it several times per item, only to read it.
 */
export function itemOfRun(
	run: IExecuteFunctions,
	itemIndex: number,
	node = run.getNode(),
): ItemContext {
	return {
		getNode: () => node,
		getItemIndex: () => itemIndex,
		getNodeParameter: (name, fallback, options) =>
			run.getNodeParameter(name, itemIndex, fallback, options),
		getExecuteData: () => run.getExecuteData(),
		continueOnFail: () => run.continueOnFail(),
		getContext: (type) => run.getContext(type),
		getMode: () => run.getMode(),
		getWorkflowDataProxy: (index) => run.getWorkflowDataProxy(index),
		getExecutionId: () => run.getExecutionId(),
		checkProcessedAndRecord: async (values, scope, options) =>
			await run.helpers.checkProcessedAndRecord(values, scope, options),
		getCredentials: async (type) => await run.getCredentials(type, itemIndex),
	};
}
