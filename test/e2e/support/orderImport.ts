/**
 * Order imports that stop part-way, for the tests of n8n's Retry: BillPro's Order → Create over
 * one item per row (`{ invoice, customer }`), and what BillPro then holds, by invoice ID. Used by
 * retry-a-failed-import (a webhook starts it) and the queue suite's manual runs.
 */
import { endpointPath } from '../../../nodes/BillPro/shared/api';
import { SINGLE_PROFILE_TOKEN } from '../../../sandbox';
import { e2e, sandbox, type WorkflowJson } from './context';

export const CREATE_ORDERS = 'Create orders';
/** Seeded in profile 1: a GBP single-payment product. */
const SINGLE_PRODUCT = 2;

export interface Order {
	id: number;
	customer_id: number;
	invoice_id: string | null;
}

export interface OrderRow {
	invoice: string;
	customer: number;
}

type WorkflowNode = WorkflowJson['nodes'][number];

/**
 * The import: `start`'s nodes one after the other (the last gives the rows, a list under
 * `rowsField`), one item per row, then BillPro's Order → Create.
 */
export function orderImportWorkflow(
	id: string,
	name: string,
	start: WorkflowNode[],
	rowsField: string,
): WorkflowJson {
	const chain = [...start.map((node) => node.name), 'One item per row', CREATE_ORDERS];
	const placed = (index: number): [number, number] => [index * 220, 0];
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		connections: Object.fromEntries(
			chain
				.slice(0, -1)
				.map((from, index) => [
					from,
					{ main: [[{ node: chain[index + 1], type: 'main', index: 0 }]] },
				]),
		),
		nodes: [
			...start.map((node, index) => ({ ...node, position: placed(index) })),
			{
				id: 'c0a1b2c3-0000-4000-8000-000000000002',
				name: 'One item per row',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: placed(start.length),
				parameters: { fieldToSplitOut: rowsField, options: {} },
			},
			createOrdersNode(placed(start.length + 1)),
		],
	};
}

/** The BillPro node creating one single-payment order per item, stopping at the first refusal. */
function createOrdersNode(position: [number, number]): WorkflowNode {
	return {
		id: 'c0a1b2c3-0000-4000-8000-000000000003',
		name: CREATE_ORDERS,
		type: `${e2e().packageName}.billPro`,
		typeVersion: 1,
		position,
		credentials: { billProApi: e2e().credential },
		parameters: {
			resource: 'order',
			operation: 'create',
			orderType: 'single_payment',
			customer: { __rl: true, mode: 'id', value: '={{ $json.customer }}' },
			currency: 'GBP',
			products: { product: [{ productId: String(SINGLE_PRODUCT), quantity: 1 }] },
			additionalFields: { invoiceId: '={{ $json.invoice }}' },
		},
	} as WorkflowNode;
}

/** Every order BillPro holds, by invoice ID. */
export async function ordersByInvoice(): Promise<Map<string, Order[]>> {
	const held = new Map<string, Order[]>();
	for (const order of await allOrders()) {
		const key = order.invoice_id ?? '';
		held.set(key, [...(held.get(key) ?? []), order]);
	}
	return held;
}

/** BillPro has no list of orders: read them one by one up to the highest ID it gave. */
async function allOrders(): Promise<Order[]> {
	const found: Order[] = [];
	for (let id = 1; ; id++) {
		const read = await sandbox.api<Order>(
			SINGLE_PROFILE_TOKEN,
			'GET',
			endpointPath('getOrder', id),
		);
		if (read.status !== 200) return found;
		found.push(read.body);
	}
}
