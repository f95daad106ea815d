/**
 * An MCP client uses BillPro through n8n: a workflow whose MCP Server Trigger (Bearer Auth on)
 * exposes three BillPro tools, created and published through n8n's REST API as the editor does,
 * and the official MCP SDK client on streamable HTTP at 127.0.0.1, connected as Claude Desktop,
 * an IDE or another agent connects. The tests assert what the client is offered and told, and
 * what BillPro received. On both n8n lines: 1.123 has the trigger too (v2, streamable HTTP).
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

import { endpointPath } from '../../nodes/BillPro/shared/api';
import { SINGLE_PROFILE_TOKEN } from '../../sandbox';
import { deactivate } from './support/activeWorkflows';
import { perN8nLine, sandbox, type SandboxRequest } from './support/context';
import { connectMcpClient, mcpUrl, publishMcpServer } from './support/mcpServer';
import { CUSTOMER_ADA } from './support/sandboxOrders';

type Json = Record<string, unknown>;

const ADA_EMAIL = 'ada.lovelace@example.com';

/** What BillPro received that changes something: method, path, status and body. */
const writes = (requests: SandboxRequest[]) =>
	requests
		.filter((request) => request.method !== 'GET')
		.map(({ method, path, status, body }) => ({ method, path, status, body }));

const orderCreated = (customerId: number, status: number) => ({
	method: 'POST',
	path: `/api/v1${endpointPath('createSingleOrder')}`,
	status,
	body: {
		order: {
			customer_id: customerId,
			currency: 'GBP',
			order_products: [{ product_id: 2, qty: 1 }],
		},
	},
});

/** A tool call's result as the client gets it: its text, and whether it is an error. */
async function call(client: Client, name: string, args: Json) {
	const result = await client.callTool({ name, arguments: args });
	const content = result.content as Array<{ type: string; text?: string }>;
	expect(content.map((part) => part.type)).toEqual(['text']);
	return { text: content[0].text ?? '', isError: result.isError === true };
}

/** The records a successful call returned: n8n gives the node's output items as a JSON list. */
function recordsOf(result: { text: string; isError: boolean }): Json[] {
	expect(result).toMatchObject({ isError: false });
	return JSON.parse(result.text) as Json[];
}

describe("An MCP client uses BillPro tools through n8n's MCP Server Trigger", () => {
	let workflowId: string;
	let client: Client;

	beforeAll(async () => {
		workflowId = await publishMcpServer();
		client = await connectMcpClient();
	});
	afterAll(async () => {
		await client?.close();
		if (workflowId) await deactivate(workflowId);
	});

	beforeEach(async () => {
		await sandbox.reset();
		await sandbox.clearRequests();
	});

	it('lists the three tools with the names, descriptions and argument schemas a model sees', async () => {
		const { tools } = await client.listTools();
		const seen = tools
			.map(({ name, description, inputSchema }) => ({
				name,
				description,
				type: inputSchema.type,
				properties: inputSchema.properties,
				required: [...(inputSchema.required ?? [])].sort(),
			}))
			.sort((a, b) => a.name.localeCompare(b.name));
		const text = (description: string) => ({ type: 'string', description });
		expect(seen).toEqual([
			{
				name: 'Create_order',
				description: 'Create an order in BillPro',
				type: 'object',
				properties: {
					customer: text(
						"The customer's BillPro system id: the whole number in the 'id' field of Find customers, not its merchant customer_id",
					),
					currency: text("The order's currency as a three-letter code, e.g. GBP"),
					product: text("The product's BillPro system id, a whole number"),
				},
				required: ['currency', 'customer', 'product'],
			},
			{
				name: 'Find_customers',
				description: 'Get many customers in BillPro',
				type: 'object',
				properties: {},
				required: [],
			},
			{
				name: 'Get_order',
				description: 'Get an order in BillPro',
				type: 'object',
				properties: {
					order: text("The order's BillPro system id: the 'id' field of Create order"),
				},
				required: ['order'],
			},
		]);
	});

	it('finds a customer, creates one order for them and gets it back; BillPro holds it once', async () => {
		const customers = recordsOf(await call(client, 'Find_customers', {}));
		const ada = customers.find((customer) => customer.email === ADA_EMAIL);
		expect(ada).toMatchObject({ id: CUSTOMER_ADA, first_name: 'Ada' });

		const [created, ...more] = recordsOf(
			await call(client, 'Create_order', {
				customer: String(ada?.id),
				currency: 'GBP',
				product: '2',
			}),
		);
		expect(more).toEqual([]);
		expect(created).toMatchObject({ customer_id: CUSTOMER_ADA, status: 'pending' });
		const orderId = created.id as number;
		expect(created.payment_link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pay\//);

		const [fetched] = recordsOf(await call(client, 'Get_order', { order: String(orderId) }));
		expect(fetched).toMatchObject({
			id: orderId,
			status: 'pending',
			payment_link: created.payment_link,
		});

		// One order reached BillPro, and it is the one the client was given.
		expect(writes(await sandbox.requests())).toEqual([orderCreated(CUSTOMER_ADA, 200)]);
		const stored = await sandbox.api<Json>(
			SINGLE_PROFILE_TOKEN,
			'GET',
			endpointPath('getOrder', orderId),
		);
		expect(stored.body).toMatchObject({ id: orderId, customer_id: CUSTOMER_ADA });
	});

	it('answers a bad call with isError, the field and the fix, and BillPro changes nothing', async () => {
		const fix =
			"Use the customer's 'id', a whole number, from the answer of Get many customers or Get a customer (not its merchant 'customer_id').";
		const order = { currency: 'GBP', product: '2' };
		// How n8n names a node's error before its text: 1.123 shows every error as a plain Error.
		const nodeError = perN8nLine({ '2.41': 'NodeOperationError', '1.123': 'Error' });

		// A customer BillPro does not know: it refuses the order.
		const unknown = await call(client, 'Create_order', { ...order, customer: '987654' });
		expect(unknown).toEqual({
			isError: true,
			text: `${nodeError}: BillPro rejected 'Customer' not found. Check the ID. ${fix}\n\nDetails: Correct this field, then send the item again: BillPro refused it and changed nothing. BillPro's field names: customer_id.`,
		});

		// The merchant customer_id instead of the system id: refused before anything is sent.
		const merchantId = '48YZSM8WNU';
		const malformed = await call(client, 'Create_order', { ...order, customer: merchantId });
		expect(malformed).toEqual({
			isError: true,
			text: `${nodeError}: 'Customer' must be a BillPro ID, a whole number such as 42; got '${merchantId}' [item 0]. ${fix}`,
		});

		// No customer at all: n8n checks the arguments against the tool's schema first.
		const missing = await call(client, 'Create_order', order);
		expect(missing).toEqual({
			isError: true,
			text: 'Error: Received tool input did not match expected schema\n\n✖ Required\n  → at customer',
		});

		// An order BillPro does not know.
		const noOrder = await call(client, 'Get_order', { order: '987654' });
		expect(noOrder).toEqual({
			isError: true,
			text: `${nodeError}: The order was not found in BillPro. Check the ID. Use the order's 'id', a whole number, from the answer of Create an order or Get an order.\n\nDetails: BillPro has no order with this ID in the merchant profile used. Check the ID, and the Profile ID in the BillPro credential.`,
		});

		expect(writes(await sandbox.requests())).toEqual([orderCreated(987654, 422)]);
	});

	it('refuses a client without the token, or with a wrong one, before any tool runs', async () => {
		await expect(connectMcpClient('none')).rejects.toMatchObject({
			code: 403,
			message: 'Streamable HTTP error: Error POSTing to endpoint: Authorization data is wrong!',
		});
		// A tool call as a raw request, with a wrong token: refused, and BillPro receives nothing.
		const refused = await fetch(mcpUrl(), {
			method: 'POST',
			headers: {
				authorization: 'Bearer not-the-token',
				'content-type': 'application/json',
				accept: 'application/json, text/event-stream',
			},
			body: JSON.stringify({
				jsonrpc: '2.0',
				id: 1,
				method: 'tools/call',
				params: {
					name: 'Create_order',
					arguments: { customer: String(CUSTOMER_ADA), currency: 'GBP', product: '2' },
				},
			}),
		});
		expect(`${refused.status} ${await refused.text()}`).toBe('403 Authorization data is wrong!');
		expect(await sandbox.requests()).toEqual([]);
	});

	it('takes a repeated Create order call as a new request: BillPro gets a second order', async () => {
		const args = { customer: String(CUSTOMER_ADA), currency: 'GBP', product: '2' };
		const [first] = recordsOf(await call(client, 'Create_order', args));
		const [second] = recordsOf(await call(client, 'Create_order', args));
		// Each MCP tool call is a run of its own: nothing tells the node it is a repeat.
		expect(second.id).not.toBe(first.id);
		expect(writes(await sandbox.requests())).toEqual([
			orderCreated(CUSTOMER_ADA, 200),
			orderCreated(CUSTOMER_ADA, 200),
		]);
	});
});
