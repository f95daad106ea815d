import { LoadOptionsContext } from 'n8n-core';
import type { INode, INodeListSearchResult, INodeParameters } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { BillPro } from '../../nodes/BillPro/BillPro.node';
import { additionalDataFor, BILLPRO_TYPE, nodeTypes, type BillProCredentials } from './workflow';

/** What n8n runs when a user opens a resource locator's "From List" and types `filter`. */
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
	return await new BillPro().methods.listSearch[method].call(context, filter, paginationToken);
}
