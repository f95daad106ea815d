import type { IExecuteFunctions, IExecuteSingleFunctions } from 'n8n-workflow';

/**
 * What the node's checks, body builders and request path read of one item: its parameters, its
 * index, the node, the run it belongs to and the credential. n8n's per-item context of a routed
 * operation (IExecuteSingleFunctions) is one; itemOfRun() makes one for an item of a custom
 * operation, from the run's context, with nothing left out.
 */
export type ItemContext = Pick<
	IExecuteSingleFunctions,
	'getNode' | 'getItemIndex' | 'getNodeParameter' | 'getExecuteData' | 'continueOnFail'
> & {
	getCredentials: IExecuteSingleFunctions['getCredentials'];
};

export function itemOfRun(run: IExecuteFunctions, itemIndex: number): ItemContext {
	return {
		getNode: () => run.getNode(),
		getItemIndex: () => itemIndex,
		getNodeParameter: (name, fallback, options) =>
			run.getNodeParameter(name, itemIndex, fallback, options),
		getExecuteData: () => run.getExecuteData(),
		continueOnFail: () => run.continueOnFail(),
		getCredentials: async (type) => await run.getCredentials(type, itemIndex),
	};
}
