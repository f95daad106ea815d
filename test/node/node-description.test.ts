import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers, Workflow } from 'n8n-workflow';
import { BillProApi } from '../../credentials/BillProApi.credentials';
import { BillPro } from '../../nodes/BillPro/BillPro.node';
import { BillProTrigger } from '../../nodes/BillProTrigger/BillProTrigger.node';
import {
	BASE_URL_EXPRESSION,
	baseUrlOf,
	ENDPOINTS,
	ENVIRONMENTS,
	ORDER_TYPES,
} from '../../nodes/BillPro/shared/api';
import { nodeTypes } from '../harness/workflow';

const root = path.join(__dirname, '..', '..');
const { description } = new BillPro();

/** Whether a field, or any field or option inside it, has a routing. */
const hasRouting = (entry: unknown): boolean =>
	typeof entry === 'object' &&
	entry !== null &&
	('routing' in entry ||
		Object.values(entry).some((value) => Array.isArray(value) && value.some(hasRouting)));

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

	// n8n describes a tool node to the model by its operation's action ("Get many customers in
	// BillPro"), not by the operation's description: the actions must tell the operations apart.
	it('gives an AI agent a distinct tool description for every operation', () => {
		const billPro = new BillPro();
		const toolDescriptions = [
			'checkout',
			'customer',
			'order',
			'product',
			'scheduledPayment',
		].flatMap((resource) =>
			operationsOf(resource).map((option) =>
				NodeHelpers.getToolDescriptionForNode(
					{
						id: 'tool',
						name: 'BillPro',
						type: 'n8n-nodes-billpro.billProTool',
						typeVersion: 1,
						position: [0, 0],
						parameters: { resource, operation: option.value as string },
					},
					billPro,
				),
			),
		);
		expect(toolDescriptions).toContain('Get many customers in BillPro');
		expect(toolDescriptions).toContain('Create an order in BillPro');
		for (const text of toolDescriptions) expect(text).toMatch(/^[A-Z][a-z]+ .+ in BillPro$/);
		expect(new Set(toolDescriptions).size).toBe(toolDescriptions.length);
	});

	it('offers every order type the endpoint table creates (each sent to its own: create-orders.test.ts)', () => {
		const orderType = description.properties.find((property) => property.name === 'orderType');
		const offered = ((orderType?.options ?? []) as INodePropertyOptions[]).map((o) => o.value);
		expect(offered.sort()).toEqual(Object.keys(ORDER_TYPES).sort());
	});

	it('runs every operation as a custom operation, whose fields carry no routing', () => {
		const { customOperations } = new BillPro();
		const custom = Object.entries(customOperations).flatMap(([resource, operations]) =>
			Object.keys(operations).map((operation) => `${resource} ${operation}`),
		);
		const operations = description.properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) =>
				((property.options ?? []) as INodePropertyOptions[]).map(
					(option) => `${property.displayOptions?.show?.resource?.[0]} ${option.value}`,
				),
			);
		// 18 operations; with Order → Create's four order types, the 21 BillPro endpoints' operations.
		expect(operations).toHaveLength(18);
		expect(custom.sort()).toEqual(operations.sort());
		// An operation builds its requests itself, on both paths. A field that sent something itself
		// (routing.send.type, routing.request…) would be sent on the AI tool's routed path only: the
		// two paths would differ.
		for (const entry of custom) {
			const [resource, operation] = entry.split(' ');
			const fields = description.properties.filter(
				(property) =>
					property.name !== 'operation' &&
					property.displayOptions?.show?.resource?.includes(resource) &&
					(property.displayOptions.show.operation ?? [operation]).includes(operation),
			);
			expect(fields.length).toBeGreaterThan(0);
			const routed = fields
				.filter((property) => sendsSomething(property))
				.map((property) => property.name);
			expect({ entry, routed }).toEqual({ entry, routed: [] });
			// An operation's checks are its own (operations/): its fields carry no routing at all.
			const withRouting = fields.filter((field) => hasRouting(field)).map((field) => field.name);
			expect({ entry, withRouting }).toEqual({ entry, withRouting: [] });
		}
	});

	it('asks for the API token in a password field', () => {
		const token = new BillProApi().properties.find((property) => property.name === 'apiToken');
		expect(token?.typeOptions?.password).toBe(true);
	});
});

/** Whether a field, or one inside it, has routing other than checks (send.preSend). */
function sendsSomething(entry: unknown): boolean {
	if (!entry || typeof entry !== 'object') return false;
	const { routing, options, values } = entry as {
		routing?: object;
		options?: unknown;
		values?: unknown;
	};
	if (routing) {
		const { send, ...rest } = routing as { send?: object };
		const { preSend: _checks, ...sent } = (send ?? {}) as { preSend?: unknown };
		if (Object.keys(rest).length || Object.keys(sent).length) return true;
	}
	return [options, values].some((list) => Array.isArray(list) && list.some(sendsSomething));
}

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
	const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

	/** A markdown page's `## heading` section, up to the next `## ` heading. */
	function section(page: string, heading: string): string {
		const start = page.indexOf(`\n## ${heading}\n`);
		expect(start).toBeGreaterThanOrEqual(0);
		const end = page.indexOf('\n## ', start + 1);
		return page.slice(start, end < 0 ? undefined : end);
	}

	it('lists every endpoint the docs do not confirm as an assumption (docs/assumptions.md)', () => {
		const assumptions = read('docs/assumptions.md');
		for (const endpoint of Object.values(ENDPOINTS).filter((entry) => entry.source === 'I')) {
			expect(assumptions).toContain(`\`${endpoint.method} ${endpoint.path}\``);
		}
	});

	it('lists every operation with its endpoint in its Operations section', () => {
		const operations = section(read('README.md'), 'Operations');
		for (const endpoint of Object.values(ENDPOINTS)) {
			expect(operations).toContain(`\`${endpoint.method} ${endpoint.path}\``);
		}
	});
});

describe('What n8n and its users see of the BillPro Trigger', () => {
	const trigger = new BillProTrigger().description;

	it('is a polling trigger with icons, the BillPro credential and one output', () => {
		expect(trigger).toMatchObject({
			name: 'billProTrigger',
			group: ['trigger'],
			polling: true,
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: 'billProApi', required: true }],
		});
		const icon = trigger.icon as { light: string; dark: string };
		for (const file of [icon.light, icon.dark]) {
			expect(existsSync(path.join(root, 'nodes/BillProTrigger', file.replace('file:', '')))).toBe(
				true,
			);
		}
	});

	it('offers the four events, and asks for watched orders only for the order events', () => {
		const events = trigger.properties.find((property) => property.name === 'events');
		expect((events?.options as INodePropertyOptions[]).map((option) => option.value)).toEqual([
			'newCustomer',
			'newOrChangedProduct',
			'orderStatusChanged',
			'scheduledPaymentStatusChanged',
		]);
		const watched = trigger.properties.find((property) => property.name === 'watchedOrderIds');
		expect(watched?.displayOptions?.show?.events).toEqual([
			'orderStatusChanged',
			'scheduledPaymentStatusChanged',
		]);
	});

	it('is listed in the package for n8n to load', () => {
		const { n8n } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
		expect(n8n.nodes).toContain('dist/nodes/BillProTrigger/BillProTrigger.node.js');
	});
});
