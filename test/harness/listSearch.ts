import { LoadOptionsContext } from 'n8n-core';
import type { INode, INodeListSearchResult, INodeParameters } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { additionalDataFor, BILLPRO_TYPE, nodeTypes, type BillProCredentials } from './workflow';

/**
 * What n8n runs when a user opens a resource locator's "From List" and types `filter`: the
 * loaded node's method in n8n-core's LoadOptionsContext (n8n's app picks the method by name).
 */
export async function listSearch(
	method: 'searchCustomers' | 'searchProducts' | 'searchScheduledPayments',
	credentials: BillProCredentials,
	filter?: string,
	paginationToken?: string,
	/** The node's other parameters, as filled in the editor (e.g. the Order ID). */
	parameters: INodeParameters = {},
): Promise<INodeListSearchResult> {
	const node: INode = {
		id: 'billpro',
		name: 'BillPro',
		type: BILLPRO_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { billProApi: { id: 'sandbox', name: 'BillPro Sandbox' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = { ...additionalDataFor(credentials), currentNodeParameters: parameters };
	const context = new LoadOptionsContext(workflow, node, additionalData, '');
	const { listSearch: methods } = nodeTypes.getByNameAndVersion(BILLPRO_TYPE, 1).methods ?? {};
	if (!methods?.[method]) throw new Error(`The node has no list search ${method}`);
	return await methods[method].call(context, filter, paginationToken);
}
