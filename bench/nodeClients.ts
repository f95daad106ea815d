/**
 * The BillPro node's side of the comparison: the node run through n8n-core's engine
 * (WorkflowExecute → RoutingNode) by the test harness, test/harness/workflow.ts.
 */
import { DirectoryLoader } from 'n8n-core';
import type { IDataObject, INodeType } from 'n8n-workflow';

import {
	BILLPRO_TYPE,
	nodeTypes,
	runBillPro,
	type BillProCredentials,
} from '../test/harness/workflow';
import { SINGLE_PROFILE_TOKEN } from '../sandbox/config';
import { fail, type CreateInput, type ListResource } from './rawClients';

/**
 * What n8n does when it loads a declarative node (n8n-core DirectoryLoader →
 * applySpecialNodeParameters → DirectoryLoader.applyDeclarativeNodeOptionParameters): add the
 * common "Request Options" collection (Batching, Proxy, Timeout, Ignore SSL Issues), merged with
 * the node's own `requestOptions` if it has one. Without it, n8n-workflow's Workflow constructor
 * drops a `requestOptions` parameter the description does not declare, and RoutingNode never
 * sees Batching. Applied only if the harness has not done it already (a second call would add
 * every common option twice). Returns whether this call applied it, and the options now there.
 */
export function applyDeclarativeRequestOptions(): { appliedHere: boolean; options: string[] } {
	const nodeType = nodeTypes.getByName(BILLPRO_TYPE) as INodeType;
	const optionNames = () => {
		const field = nodeType.description.properties.find((p) => p.name === 'requestOptions');
		return ((field?.options ?? []) as Array<{ name: string }>).map((option) => option.name);
	};
	const appliedHere = !optionNames().includes('batching');
	if (appliedHere) DirectoryLoader.applyDeclarativeNodeOptionParameters(nodeType);
	return { appliedHere, options: optionNames() };
}

export function credentialsFor(baseUrl: string): BillProCredentials {
	return {
		apiToken: SINGLE_PROFILE_TOKEN,
		environment: 'custom',
		customUrl: baseUrl,
		profileId: '',
	};
}

export async function nodeReturnAll(
	baseUrl: string,
	resource: ListResource,
): Promise<IDataObject[]> {
	const { items, error } = await runBillPro({
		credentials: credentialsFor(baseUrl),
		parameters: { resource, operation: 'getAll', returnAll: true, simplify: false },
	});
	if (error) fail(`node ${resource} Return All failed`, error);
	return items.map((item) => item.json);
}

/** Customer → Create for every input item; `batchSize` goes to Request Options → Batching. */
export async function nodeCreate(
	baseUrl: string,
	inputs: CreateInput[],
	batchSize: number,
): Promise<IDataObject[]> {
	const { items, error } = await runBillPro({
		credentials: credentialsFor(baseUrl),
		items: inputs,
		parameters: {
			resource: 'customer',
			operation: 'create',
			firstName: '={{$json.first}}',
			lastName: '={{$json.last}}',
			email: '={{$json.email}}',
			requestOptions: { batching: { batch: { batchSize, batchInterval: 0 } } },
		},
	});
	if (error) fail('node customer create failed', error);
	return items.map((item) => item.json);
}
