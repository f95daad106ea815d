import type {
	ICredentialType,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';
import { BillProApi } from '../../credentials/BillProApi.credentials';
import { BillProGatewayApi } from '../../credentials/BillProGatewayApi.credentials';
import { BillPro } from '../../nodes/BillPro/BillPro.node';
import { BillProGatewayTrigger } from '../../nodes/BillProGatewayTrigger/BillProGatewayTrigger.node';
import { BillProTrigger } from '../../nodes/BillProTrigger/BillProTrigger.node';

/**
 * What a saved workflow or credential depends on in a node's or credential's description: each
 * parameter's place (its path through collections, and when it is shown), type, default and the
 * values its options take. Labels, descriptions and routing are free to change; these are not.
 */
export interface ParameterFacts {
	type: string;
	default: unknown;
	values?: Array<string | number | boolean>;
}

export type Contract = Record<string, ParameterFacts>;

const isOption = (entry: unknown): entry is INodePropertyOptions =>
	typeof entry === 'object' && entry !== null && 'value' in entry;

const isCollectionEntry = (entry: unknown): entry is INodePropertyCollection =>
	typeof entry === 'object' && entry !== null && 'values' in entry;

/** JSON with object keys sorted: the same conditions give the same text in any order. */
const sorted = (value: unknown): string =>
	JSON.stringify(value, (_, entry: unknown) =>
		entry && typeof entry === 'object' && !Array.isArray(entry)
			? Object.fromEntries(Object.entries(entry).sort(([a], [b]) => a.localeCompare(b)))
			: entry,
	);

/**
 * A parameter's key: its path, and when it is shown or hidden (several parameters share a name,
 * each for its own operations). Changing when one shows changes its key: a saved value could
 * stop applying.
 */
function keyOf(prefix: string, property: INodeProperties): string {
	const { show, hide } = property.displayOptions ?? {};
	const when = [show ? ` show ${sorted(show)}` : '', hide ? ` hide ${sorted(hide)}` : ''];
	return `${prefix}${property.name}${when.join('')}`;
}

function addProperties(contract: Contract, prefix: string, properties: INodeProperties[]): void {
	for (const property of properties) {
		const key = keyOf(prefix, property);
		const options = (property.options ?? []) as unknown[];
		contract[key] = {
			type: property.type,
			default: property.default,
			...(options.some(isOption) ? { values: options.filter(isOption).map((o) => o.value) } : {}),
		};
		for (const entry of options) {
			if (isCollectionEntry(entry)) addProperties(contract, `${key}.${entry.name}.`, entry.values);
			else if (!isOption(entry)) addProperties(contract, `${key}.`, [entry as INodeProperties]);
		}
	}
}

/** A node type's contract: its identity and every parameter. */
export function nodeContract(description: INodeTypeDescription): Contract {
	const contract: Contract = {
		'@node': {
			type: description.name,
			default: description.version,
			values: (description.credentials ?? []).map((credential) => credential.name),
		},
	};
	addProperties(contract, '', description.properties);
	return contract;
}

export function credentialContract(credential: ICredentialType): Contract {
	const contract: Contract = { '@credential': { type: credential.name, default: null } };
	addProperties(contract, '', credential.properties);
	return contract;
}

/**
 * What in `before` a description no longer honours: a parameter gone (or shown at other times), its
 * type or default changed, or an option value gone. Added parameters and option values are fine.
 */
export function brokenBy(before: Contract, now: Contract): string[] {
	const broken: string[] = [];
	for (const [key, was] of Object.entries(before)) {
		const is = now[key];
		if (!is) {
			broken.push(`${key}: gone`);
			continue;
		}
		for (const field of ['type', 'default'] as const) {
			if (JSON.stringify(was[field]) !== JSON.stringify(is[field])) {
				broken.push(
					`${key}: ${field} was ${JSON.stringify(was[field])}, is ${JSON.stringify(is[field])}`,
				);
			}
		}
		const gone = (was.values ?? []).filter((value) => !(is.values ?? []).includes(value));
		if (gone.length) broken.push(`${key}: option values gone: ${gone.join(', ')}`);
	}
	return broken;
}

/** Every node's and credential's contract, as the package describes them now. */
export const currentContracts = (): Record<string, Contract> => ({
	billPro: nodeContract(new BillPro().description),
	billProTrigger: nodeContract(new BillProTrigger().description),
	billProGatewayTrigger: nodeContract(new BillProGatewayTrigger().description),
	billProApi: credentialContract(new BillProApi()),
	billProGatewayApi: credentialContract(new BillProGatewayApi()),
});
