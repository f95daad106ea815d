import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeConnectionTypes, Workflow } from 'n8n-workflow';
import { BillProApi } from '../../credentials/BillProApi.credentials';
import { BillPro } from '../../nodes/BillPro/BillPro.node';
import {
	BASE_URL_EXPRESSION,
	baseUrlOf,
	ENDPOINTS,
	ENVIRONMENTS,
	ORDER_TYPES,
} from '../../nodes/BillPro/shared/api';
import { customOperationsFor } from '../../nodes/BillPro/shared/customOperations';
import { operationRouting } from '../../nodes/BillPro/shared/routing';
import { nodeTypes } from '../harness/workflow';

const root = path.join(__dirname, '..', '..');
const { description } = new BillPro();

const operationsOf = (resource: string) =>
	(description.properties.find(
		(property) =>
			property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource),
	)?.options ?? []) as INodePropertyOptions[];

describe('What n8n and its users see of the node', () => {
	it('is a tool-ready node with icons, subtitle and main connections', () => {
		expect(description).toMatchObject({
			name: 'billPro',
			usableAsTool: true,
			subtitle: expect.stringContaining('$parameter["operation"]'),
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: 'billProApi', required: true }],
		});
		const icon = description.icon as { light: string; dark: string };
		for (const file of [icon.light, icon.dark]) {
			expect(existsSync(path.join(root, 'nodes/BillPro', file.replace('file:', '')))).toBe(true);
		}
	});

	it.each([
		['checkout', ['renew']],
		['customer', ['create', 'get', 'getAll', 'update']],
		['order', ['cancel', 'create', 'get', 'pause', 'resume']],
		['product', ['get', 'getAll']],
		[
			'scheduledPayment',
			['cancel', 'changeInterval', 'getAll', 'reschedule', 'skip', 'updateAmount'],
		],
	])('offers the %s operations, each with an action', (resource, operations) => {
		const options = operationsOf(resource);
		expect(options.map((option) => option.value)).toEqual(operations);
		for (const option of options) expect(option.action).toMatch(/^[A-Z][a-z]+ .+/);
	});

	it.each([
		['customer', ['returnAll', 'limit', 'maxRecords', 'simplify', 'filters']],
		['product', ['returnAll', 'limit', 'maxRecords', 'simplify', 'filters']],
		['scheduledPayment', ['orderId', 'returnAll', 'limit', 'maxRecords', 'simplify']],
	])('gives %s → Get Many Return All, Limit, Max Records and Simplify', (resource, expected) => {
		const names = description.properties
			.filter((property: INodeProperties) => {
				const show = property.displayOptions?.show;
				return show?.resource?.includes(resource) && show?.operation?.includes('getAll');
			})
			.map((property) => property.name);
		expect(names).toEqual(expected);
	});

	it('creates each order type at the endpoint of its type', () => {
		const orderType = description.properties.find((property) => property.name === 'orderType');
		const urls = Object.fromEntries(
			((orderType?.options ?? []) as INodePropertyOptions[]).map((option) => [
				option.value,
				option.routing?.request?.url,
			]),
		);
		expect(urls).toEqual(
			Object.fromEntries(
				Object.entries(ORDER_TYPES).map(([type, endpoint]) => [type, ENDPOINTS[endpoint].path]),
			),
		);
	});

	it('runs the creates as custom operations, and refuses one whose fields carry other routing', () => {
		const { customOperations } = new BillPro();
		expect(Object.keys(customOperations)).toEqual(['customer', 'order']);
		expect(Object.keys(customOperations.customer)).toEqual(['create']);
		expect(Object.keys(customOperations.order)).toEqual(['create']);
		const thing: INodeProperties[] = [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				displayOptions: { show: { resource: ['thing'] } },
				options: [{ name: 'Create', value: 'create', routing: operationRouting('createCustomer') }],
				default: 'create',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				displayOptions: { show: { resource: ['thing'], operation: ['create'] } },
				routing: { send: { type: 'body', property: 'name' } },
			},
		];
		// Customer → Get's URL is an expression ({{ $parameter["customer"] }}): per item.
		expect(() => customOperationsFor(description, { customer: ['get'] })).toThrow(
			'customer → get has no routing a custom operation can run',
		);
		expect(() =>
			customOperationsFor({ ...description, properties: thing }, { thing: ['create'] }),
		).toThrow("thing → create: 'Name' has routing a custom operation would not run");
	});

	it('asks for the API token in a password field', () => {
		const token = new BillProApi().properties.find((property) => property.name === 'apiToken');
		expect(token?.typeOptions?.password).toBe(true);
	});
});

describe('The base URL', () => {
	const workflow = new Workflow({ nodes: [], connections: {}, active: false, nodeTypes });
	const resolve = (credentials: Record<string, string>) =>
		workflow.expression.getSimpleParameterValue(
			{ id: '1', name: 'n', type: 't', typeVersion: 1, position: [0, 0], parameters: {} },
			BASE_URL_EXPRESSION,
			'internal',
			{ $credentials: credentials },
		);

	it.each([
		[{ environment: 'production' }, ENVIRONMENTS.production],
		[{ environment: 'test' }, ENVIRONMENTS.test],
		[{ environment: 'staging' }, ENVIRONMENTS.staging],
		[
			{ environment: 'custom', customUrl: ' http://127.0.0.1:8787/api/v1// ' },
			'http://127.0.0.1:8787/api/v1',
		],
	])('is the same in the node’s expression and in code for %j', (credentials, expected) => {
		expect(resolve(credentials)).toBe(expected);
		expect(baseUrlOf(credentials)).toBe(expected);
	});
});

describe('The README', () => {
	const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

	it('lists every endpoint the docs do not confirm as an assumption', () => {
		const assumptions = readme.slice(readme.indexOf('## Assumptions'));
		for (const endpoint of Object.values(ENDPOINTS).filter((entry) => entry.source === 'I')) {
			expect(assumptions).toContain(`\`${endpoint.method} ${endpoint.path}\``);
		}
	});

	it('lists every operation with its endpoint', () => {
		const operations = readme.slice(
			readme.indexOf('## Operations'),
			readme.indexOf('## Assumptions'),
		);
		for (const endpoint of Object.values(ENDPOINTS)) {
			expect(operations).toContain(`\`${endpoint.method} ${endpoint.path}\``);
		}
	});
});
