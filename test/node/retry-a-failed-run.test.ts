import type { IDataObject } from 'n8n-workflow';
import { ENDPOINTS, type EndpointName } from '../../nodes/BillPro/shared/api';
import type { Fault, Product, Sandbox } from '../../sandbox';
import { CUSTOMER } from '../sandbox-rules/orders';
import { asAiTool, runBillPro, type BillProRun, type NodeSettings } from '../harness/workflow';
import {
	byId,
	createOrder,
	orderInState,
	productOf,
	sandboxApi,
	type OrderSetup,
} from './orderFixtures';
import { scheduledAt, scheduleFor } from './operations';
import { useSandbox } from './sandboxFixture';
import { acceptedIn, itemsIn } from './stoppedRun';

/**
 * n8n runs a node again with the same items in two ways: the node's Retry On Fail (Settings tab)
 * and a Retry of the failed execution (Executions → Retry). Every write operation, over 6 items,
 * one at a time, with BillPro refusing the 4th write once: the run stops at item 3, and running
 * it again sends only item 3 and the items after it. The 3 items BillPro accepted give the
 * answers they got the first time, and BillPro receives each accepted write once.
 */

const ITEMS = 6;
const REFUSED = 3;

interface Write {
	name: string;
	endpoint: EndpointName;
	/** The items the node runs over: what each one writes to. */
	rows: (sandbox: Sandbox) => Promise<IDataObject[]>;
	parameters: (sandbox: Sandbox) => IDataObject;
	/** What every item's output shows of its write. */
	shows: (row: IDataObject) => IDataObject;
	asTool?: boolean;
}

const blankRows = async () => Array.from({ length: ITEMS }, (_, index) => ({ row: index }));
const ordersIn = (setup: OrderSetup) => async (sandbox: Sandbox) => {
	const rows: IDataObject[] = [];
	for (let index = 0; index < ITEMS; index++)
		rows.push({ ...(await orderInState(sandbox, setup)) });
	return rows;
};
const fromRow = (field: string) => `={{ $json.${field} }}`;

const customerCreate = (asTool = false): Write => ({
	name: `Customer → Create${asTool ? ', as an AI tool' : ''}`,
	endpoint: 'createCustomer',
	asTool,
	rows: async () =>
		Array.from({ length: ITEMS }, (_, index) => ({ email: `retry${index}@example.com` })),
	parameters: () => ({
		resource: 'customer',
		operation: 'create',
		firstName: 'Rhea',
		lastName: 'Try',
		email: fromRow('email'),
	}),
	shows: (row) => ({ email: row.email }),
});

const ORDER_ENDPOINTS = {
	single_payment: 'createSingleOrder',
	instalment: 'createInstalmentOrder',
	subscription: 'createSubscriptionOrder',
	metered: 'createMeteredOrder',
} as const;

const orderCreate = (orderType: Product['product_type'], asTool = false): Write => ({
	name: `Order → Create (${orderType})${asTool ? ', as an AI tool' : ''}`,
	endpoint: ORDER_ENDPOINTS[orderType],
	asTool,
	rows: blankRows,
	parameters: (sandbox) => {
		const schedule = scheduleFor(orderType);
		return createOrder({ id: CUSTOMER.ada }, orderType, [productOf(sandbox, orderType)], {
			...(schedule ? { schedule } : {}),
		});
	},
	shows: () => ({ status: 'pending' }),
});

const onOrder = (
	name: string,
	operation: string,
	endpoint: EndpointName,
	setup: OrderSetup,
	status: string,
): Write => ({
	name,
	endpoint,
	rows: ordersIn(setup),
	parameters: () => {
		const [resource, op] = operation.split('.');
		return { resource, operation: op, orderId: fromRow('orderId') };
	},
	shows: (row) => ({ id: Number(row.orderId), status }),
});

const onPayment = (
	name: string,
	operation: string,
	extra: IDataObject,
	shows: IDataObject,
): Write => ({
	name: `Scheduled Payment → ${name}`,
	endpoint: 'updateScheduledPayment',
	rows: ordersIn('activeOrder'),
	parameters: () => ({
		resource: 'scheduledPayment',
		operation,
		orderId: fromRow('orderId'),
		scheduledPayment: byId(fromRow('paymentId')),
		...extra,
	}),
	shows: (row) => ({ id: Number(row.paymentId), ...shows }),
});

const WRITES: Write[] = [
	customerCreate(),
	customerCreate(true),
	{
		name: 'Customer → Update',
		endpoint: 'updateCustomer',
		rows: async (sandbox) => {
			const rows: IDataObject[] = [];
			for (let index = 0; index < ITEMS; index++) {
				const customer = await sandboxApi(sandbox, 'createCustomer', undefined, {
					customer: { first_name: 'Up', last_name: 'Date', email: `update${index}@example.com` },
				});
				rows.push({ customerId: customer.id });
			}
			return rows;
		},
		parameters: () => ({
			resource: 'customer',
			operation: 'update',
			customer: byId(fromRow('customerId')),
			updateFields: { phone: '+447700900123' },
		}),
		shows: (row) => ({ id: row.customerId, phone: '+447700900123' }),
	},
	orderCreate('single_payment'),
	orderCreate('instalment'),
	orderCreate('subscription'),
	orderCreate('metered'),
	orderCreate('subscription', true),
	onOrder('Order → Cancel', 'order.cancel', 'cancelOrder', 'pendingCheckout', 'cancelled'),
	onOrder('Order → Pause', 'order.pause', 'pauseOrder', 'activeOrder', 'paused'),
	onOrder('Order → Resume', 'order.resume', 'resumeOrder', 'pausedOrder', 'active'),
	{
		name: 'Checkout → Renew',
		endpoint: 'renewCheckout',
		rows: ordersIn('pendingCheckout'),
		parameters: () => ({ resource: 'checkout', operation: 'renew', orderId: fromRow('orderId') }),
		shows: (row) => ({ order_id: Number(row.orderId), checkout_id: expect.any(String) }),
	},
	onPayment('Reschedule', 'reschedule', { scheduledAt }, { status: 'scheduled' }),
	onPayment('Skip', 'skip', {}, { status: 'skipped' }),
	onPayment('Cancel', 'cancel', {}, { status: 'cancelled' }),
	onPayment('Update Amount', 'updateAmount', { amount: '24.99' }, { amount: '24.99' }),
	onPayment('Change Interval', 'changeInterval', { interval: 2, intervalUnit: 'WEEK' }, {}),
];

/**
 * A test of `write` over 6 items, one at a time, whose 4th write meets `fault`: the sandbox, the
 * rows (made anew before each test), a run of the node (with its Settings) and the writes
 * BillPro received.
 */
function writeFailingAtItem3(write: Write, fault: Omit<Fault, 'method' | 'path' | 'skip'>) {
	const billPro = useSandbox();
	const rows: IDataObject[] = [];

	beforeEach(async () => {
		rows.splice(0, rows.length, ...(await write.rows(billPro.sandbox)));
		billPro.sandbox.store.resetRequests();
		const { method } = ENDPOINTS[write.endpoint];
		billPro.sandbox.faults.add({ ...fault, method, path: write.endpoint, skip: REFUSED });
	});

	const run = (settings?: NodeSettings) => {
		const once = () =>
			runBillPro({
				credentials: billPro.singleProfile(),
				items: rows,
				// One at a time, so the 4th write is item 3's.
				parameters: { ...write.parameters(billPro.sandbox), requestOptions: { maxConcurrency: 1 } },
				settings,
			});
		return write.asTool ? asAiTool(once) : once();
	};
	const writes = () =>
		billPro.requests().filter((request) => request.method === ENDPOINTS[write.endpoint].method);
	return { billPro, rows, run, writes };
}

describe.each(WRITES)('$name, run again after BillPro refused item 3', (write) => {
	// The 4th write is refused once (422: BillPro changed nothing), as an unknown customer is.
	const { rows, run, writes } = writeFailingAtItem3(write, { kind: 'status', status: 422 });

	/** Every item's output, paired with its item, shows its write; BillPro got each write once. */
	function expectEveryItemWrittenOnce(result: BillProRun) {
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual(rows.map((_, item) => ({ item })));
		result.items.forEach((item, index) =>
			expect(item.json).toMatchObject(write.shows(rows[index])),
		);
		expect(new Set(result.items.map((item) => item.json.id ?? item.json.order_id)).size).toBe(
			ITEMS,
		);
		expect(writes().map((request) => request.status)).toEqual([
			...Array(REFUSED).fill(200),
			422,
			...Array(ITEMS - REFUSED).fill(200),
		]);
	}

	it('with Retry On Fail, the second try sends item 3 and the items after it, nothing else', async () => {
		const result = await run({ retryOnFail: true, maxTries: 2, waitBetweenTries: 1 });
		expectEveryItemWrittenOnce(result);
	});

	it("n8n's Retry of the failed execution sends only what BillPro did not accept", async () => {
		const failed = await run();
		expect(failed.error?.message).toMatch(
			/The run stopped at item 3: BillPro accepted 3 items, 2 items were not sent\./,
		);
		const accepted = acceptedIn(failed.error?.description);
		expect([...accepted.keys()]).toEqual([0, 1, 2]);
		expect(itemsIn(failed.error?.description, 'Failed:')).toEqual([3]);
		expect(itemsIn(failed.error?.description, 'Not sent:')).toEqual([4, 5]);
		expect(writes()).toHaveLength(REFUSED + 1);

		const retried = await failed.retry();
		expectEveryItemWrittenOnce(retried);
		// The accepted items' outputs are BillPro's first answers: the records the error named.
		for (const [item, id] of accepted) {
			const { json } = retried.items[item];
			expect(String(json.id ?? json.order_id)).toBe(id);
		}
	});
});

/**
 * BillPro carried out item 3's write but its answer was lost (a 500 after the work): the node
 * cannot tell it from a 500 that did nothing, so no retry sends it again.
 */
describe.each([WRITES[3], WRITES[8]])(
	'$name, run again after item 3 may have reached BillPro',
	(write) => {
		const { run, writes } = writeFailingAtItem3(write, {
			kind: 'status',
			status: 500,
			when: 'after',
		});

		function expectItem3NotSentAgain(result: BillProRun) {
			expect(result.error?.message).toMatch(
				/^Item 3 was not sent again: BillPro may have received it on an earlier try\. The run stopped at item 3: BillPro accepted 3 items, 1 item may have reached it, 2 items were not sent\.$/,
			);
			expect([...acceptedIn(result.error?.description).keys()]).toEqual([0, 1, 2]);
			expect(result.error?.description).toMatch(
				/item 3 may have reached BillPro without an answer: check it in BillPro\./,
			);
			expect(itemsIn(result.error?.description, 'Not sent:')).toEqual([4, 5]);
			// BillPro got items 0–3 once each (item 3's answer lost on the way back), nothing more.
			expect(writes().map((request) => request.status)).toEqual([200, 200, 200, 500]);
		}

		it('Retry On Fail sends nothing again, and the error says what BillPro may hold', async () => {
			expectItem3NotSentAgain(await run({ retryOnFail: true, maxTries: 3, waitBetweenTries: 1 }));
		});

		it("n8n's Retry of the execution sends nothing again either", async () => {
			const failed = await run();
			expect(failed.error?.description).toMatch(/may have carried out this (POST|PUT)/);
			expectItem3NotSentAgain(await failed.retry());
		});
	},
);
