import type { IDataObject } from 'n8n-workflow';
import { join } from 'node:path';
import { BillPro } from '../../nodes/BillPro/BillPro.node';
import { ORDER_STATUSES, SCHEDULED_PAYMENT_STATUSES } from '../../nodes/BillPro/shared/api';
import { BillProGatewayTrigger } from '../../nodes/BillProGatewayTrigger/BillProGatewayTrigger.node';
import { BillProTrigger } from '../../nodes/BillProTrigger/BillProTrigger.node';
import { randomGatewayKey } from '../harness/gatewayReceiver';
import { startTriggerEndpoint } from '../harness/gatewayTrigger';
import {
	alternativesMet,
	editorCanShow,
	fieldsShownBeforeARun,
	loadSchema,
	NODES_DIR,
	schemaFileFor,
	schemaFilesIn,
	schemaProblems,
	schemaVersion,
	undescribedFields,
	violations,
	type JsonSchema,
} from '../harness/jsonSchema';
import { ActiveTrigger } from '../harness/poll';
import { asAiTool, runBillPro } from '../harness/workflow';
import { rootClient, single } from '../sandbox-rules/client';
import { created, orderOf, pay, SEEDED } from '../sandbox-rules/orders';
import {
	customerDetails,
	OPERATIONS,
	operationNamed,
	VALID_RUNS,
	type Operation,
	type ValidRun,
} from './operations';
import { createOrder, newCustomer, orderInState, productOf } from './orderFixtures';
import { useSandbox } from './sandboxFixture';

/**
 * n8n shows a node's output fields before it has run (the schema preview) and gives its AI the
 * same files for mock data: nodes/<Node>/__schema__/v1.0.0/<resource>/<operation>.json, or
 * v1.0.0/output.json for a trigger (test/harness/jsonSchema.ts says where n8n looks). Each
 * operation runs here against the sandbox, Simplify on and off, and every item it returns is
 * checked against its file: the types, the fields required, and no field the file leaves out.
 */

const { description } = new BillPro();
const billProDir = join(NODES_DIR, 'BillPro');
const pollTriggerDir = join(NODES_DIR, 'BillProTrigger');
const gatewayTriggerDir = join(NODES_DIR, 'BillProGatewayTrigger');

const schemaOf = (operation: Pick<Operation, 'resource' | 'operation'>): JsonSchema => {
	const file = schemaFileFor(
		billProDir,
		description.version as number,
		operation.resource,
		operation.operation,
	);
	if (!file) throw new Error(`No schema file for ${operation.resource}/${operation.operation}`);
	return loadSchema(billProDir, file);
};

// Runs: every run of the operation catalogue

interface Case extends ValidRun {
	/** undefined: the operation has no Simplify. */
	simplify?: boolean;
	name: string;
}

/** Each run, and where its operation has Simplify, once with it on (the default) and once off. */
const CASES: Case[] = VALID_RUNS.flatMap((run) => {
	const operation = operationNamed(run.operation);
	const name = `${operation.name}${run.variant ? ` (${run.variant})` : ''}`;
	if (!operation.hasSimplify) return [{ ...run, name }];
	return [
		{ ...run, name, simplify: true },
		{
			...run,
			name: `${name} with Simplify off`,
			simplify: false,
			parameters: (sandbox, ids) => ({ ...run.parameters(sandbox, ids), simplify: false }),
		},
	];
});

/** The fields `part` lists, in its order, that `item` has: the order the item should have them in. */
const inSchemaOrder = (part: JsonSchema, item: IDataObject) =>
	Object.keys(part.properties ?? {}).filter((key) => key in item);

const SIMPLIFY_ON = 'Simplify on (the default)';
const SIMPLIFY_OFF = 'Simplify off';

const billPro = useSandbox();

describe('The schema files n8n reads for the BillPro node', () => {
	it('every operation has its schema file where n8n looks for it, and no file is left over', () => {
		const expected = OPERATIONS.map((entry) =>
			join('__schema__', 'v1.0.0', entry.resource, `${entry.operation}.json`),
		).sort();
		const found = OPERATIONS.map((entry) =>
			schemaFileFor(billProDir, description.version as number, entry.resource, entry.operation),
		);
		expect(found.sort()).toEqual(expected);
		expect(schemaFilesIn(billProDir)).toEqual(expected);
	});

	it('each trigger has one output schema per version, where n8n looks for a node without resource and operation', () => {
		for (const [dir, node] of [
			[pollTriggerDir, new BillProTrigger()],
			[gatewayTriggerDir, new BillProGatewayTrigger()],
		] as const) {
			const versions = [node.description.version].flat();
			const files = versions.map((version) =>
				join('__schema__', `v${schemaVersion(version)}`, 'output.json'),
			);
			versions.forEach((version, n) => expect(schemaFileFor(dir, version)).toBe(files[n]));
			expect(schemaFilesIn(dir)).toEqual(files);
			// The versions differ in nothing the node outputs.
			for (const file of files) expect(loadSchema(dir, file)).toEqual(loadSchema(dir, files[0]));
			// A trigger has no resource or operation: n8n cannot ask for a file per event.
			const names = node.description.properties.map((property) => property.name);
			expect(names).not.toContain('resource');
			expect(names).not.toContain('operation');
		}
	});

	const allFiles = [
		...schemaFilesIn(billProDir).map((file) => [`BillPro/${file}`, billProDir, file]),
		...schemaFilesIn(pollTriggerDir).map((file) => [
			`BillProTrigger/${file}`,
			pollTriggerDir,
			file,
		]),
		...schemaFilesIn(gatewayTriggerDir).map((file) => [
			`BillProGatewayTrigger/${file}`,
			gatewayTriggerDir,
			file,
		]),
	];

	it.each(allFiles)(
		'%s is JSON Schema whose fields the editor can list (an object with properties)',
		(_name, dir, file) => {
			const schema = loadSchema(dir, file);
			expect(schemaProblems(schema)).toEqual([]);
			expect(editorCanShow(schema)).toBe(true);
			// n8n's own schema files carry their revision (e.g. Stripe's customer/get.json).
			expect(schema.version).toBe(1);
		},
	);

	it("lists the order and scheduled-payment statuses of the node's API table, no other", () => {
		const orderGet = schemaOf({ resource: 'order', operation: 'get' });
		const paymentSkip = schemaOf({ resource: 'scheduledPayment', operation: 'skip' });
		expect(orderGet.properties?.status.enum).toEqual([...ORDER_STATUSES]);
		expect(paymentSkip.properties?.status.enum).toEqual([...SCHEDULED_PAYMENT_STATUSES]);
	});

	it('every operation is run below, and each with Simplify both ways where it has Simplify', () => {
		const runs = new Set(CASES.map((entry) => `${entry.operation} ${entry.simplify ?? '-'}`));
		const expected = OPERATIONS.flatMap((entry) =>
			entry.hasSimplify
				? [
						`${entry.resource}.${entry.operation} true`,
						`${entry.resource}.${entry.operation} false`,
					]
				: [`${entry.resource}.${entry.operation} -`],
		);
		expect([...runs].sort()).toEqual(expected.sort());
		expect(OPERATIONS.filter((entry) => entry.hasSimplify).map((entry) => entry.name)).toEqual([
			'Customer → Get',
			'Customer → Get Many',
			'Order → Get',
			'Product → Get',
			'Product → Get Many',
			'Scheduled Payment → Get Many',
		]);
	});
});

describe('What each operation returns is what its schema file says', () => {
	async function run(entry: Case) {
		const sandbox = billPro.sandbox;
		const ids = await orderInState(sandbox, entry.setup);
		const go = async () =>
			await runBillPro({
				credentials: billPro.singleProfile(),
				parameters: entry.parameters(sandbox, ids),
			});
		const { items, error } = entry.asTool ? await asAiTool(go) : await go();
		expect(error?.message).toBeUndefined();
		expect(items.length).toBeGreaterThan(0);
		return items.map((item) => item.json);
	}

	const simplified = CASES.filter((entry) => entry.simplify === true);
	it.each(simplified.map((entry) => [entry.name, entry] as const))(
		'the fields the editor shows before a run are the fields %s returns',
		async (_name, entry) => {
			const schema = schemaOf(operationNamed(entry.operation));
			for (const item of await run(entry)) {
				expect(Object.keys(item)).toEqual(fieldsShownBeforeARun(schema));
				expect(violations(schema, item)).toEqual([]);
				expect(alternativesMet(schema, item)).toEqual([SIMPLIFY_ON]);
			}
		},
	);

	const unsimplified = CASES.filter((entry) => entry.simplify === false);
	it.each(unsimplified.map((entry) => [entry.name, entry] as const))(
		'%s returns the record its schema file describes for Simplify off',
		async (_name, entry) => {
			const schema = schemaOf(operationNamed(entry.operation));
			const off = schema.anyOf?.find((part) => part.title === SIMPLIFY_OFF) as JsonSchema;
			for (const item of await run(entry)) {
				expect(violations(schema, item)).toEqual([]);
				expect(alternativesMet(schema, item)).toEqual([SIMPLIFY_OFF]);
				expect(undescribedFields(schema, item)).toEqual([]);
				expect(Object.keys(item)).toEqual(inSchemaOrder(off, item));
			}
		},
	);

	const whole = CASES.filter((entry) => entry.simplify === undefined);
	it.each(whole.map((entry) => [entry.name, entry] as const))(
		'the fields the editor shows before a run are the fields %s returns, each of its type',
		async (_name, entry) => {
			const schema = schemaOf(operationNamed(entry.operation));
			for (const item of await run(entry)) {
				expect(violations(schema, item)).toEqual([]);
				expect(undescribedFields(schema, item)).toEqual([]);
				// Every field shown, in its order; only the checkout fields are for some orders only.
				const optional = fieldsShownBeforeARun(schema).filter(
					(key) => !schema.required?.includes(key),
				);
				expect(Object.keys(item)).toEqual(inSchemaOrder(schema, item));
				expect(optional).toEqual(
					entry.operation.startsWith('order.') ? ['checkout_id', 'checkout_expires_at'] : [],
				);
			}
		},
	);

	it('an Order → Create with Create Checkout has the checkout fields the schema lists as optional', async () => {
		const [entry] = CASES.filter((candidate) => candidate.variant?.includes('with a checkout'));
		const [order] = await run(entry);
		expect(order).toHaveProperty('checkout_id');
		expect(order).toHaveProperty('checkout_expires_at');
	});

	it('the check finds an output that differs from its schema', async () => {
		const schema = schemaOf({ resource: 'customer', operation: 'get' });
		const [entry] = CASES.filter((candidate) => candidate.operation === 'customer.get');
		const [item] = await run(entry);
		expect(violations(schema, { ...item, status: 'gone' })).not.toEqual([]);
		expect(violations(schema, { ...item, id: String(item.id) })).not.toEqual([]);
		const { email: _left, ...withoutEmail } = item;
		expect(alternativesMet(schema, withoutEmail)).toEqual([]);
		expect(alternativesMet(schema, { ...item, extra: 1 })).toEqual([]);
		const order = schemaOf({ resource: 'order', operation: 'cancel' });
		expect(undescribedFields(order, { products: [{ qty: 1, colour: 'red' }] })).toEqual([
			'products[0].colour',
		]);
	});
});

describe("The BillPro Trigger's items are what its output schema says, event by event", () => {
	const schema = loadSchema(pollTriggerDir, schemaFileFor(pollTriggerDir, 1) as string);

	function expectEvent(item: IDataObject, alternative: string) {
		expect(violations(schema, item)).toEqual([]);
		expect(undescribedFields(schema, item)).toEqual([]);
		expect(alternativesMet(schema, item)).toEqual([alternative]);
	}

	it('New Customer', async () => {
		const trigger = new ActiveTrigger(billPro.singleProfile(), { events: ['newCustomer'] });
		await trigger.poll();
		await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: {
				resource: 'customer',
				operation: 'create',
				firstName: 'Nia',
				lastName: 'New',
				email: 'nia.new@example.com',
				additionalFields: customerDetails(),
			},
		});
		await newCustomer(billPro.singleProfile(), 'plain.new@example.com');
		const events = await trigger.poll();
		expect(events.map((event) => event.event)).toEqual(['newCustomer', 'newCustomer']);
		const [sample] = await trigger.poll({ mode: 'manual' });
		for (const event of [...events, sample]) expectEvent(event, 'New Customer');
	});

	it('New or Changed Product', async () => {
		const existing = new ActiveTrigger(billPro.singleProfile(), {
			events: ['newOrChangedProduct'],
			options: { includeExisting: true },
		});
		const everyProduct = await existing.poll();
		expect(everyProduct.length).toBeGreaterThan(50);
		const product = productOf(billPro.sandbox, 'subscription');
		billPro.sandbox.store.changeProductInUi(1, product.id, {
			price: '123.45',
			product_status: 'inactive',
			product_type: 'metered',
		});
		const [changed, ...more] = await existing.poll();
		expect(more).toEqual([]);
		expect(changed.event).toBe('productChanged');
		const [sample] = await existing.poll({ mode: 'manual' });
		for (const event of [...everyProduct, changed, sample]) {
			expectEvent(event, 'New or Changed Product');
		}
	});

	it('Order Status Changed', async () => {
		const customer = await newCustomer(billPro.singleProfile());
		const { items } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: createOrder(customer, 'subscription', [
				productOf(billPro.sandbox, 'subscription'),
			]),
		});
		const orderId = items[0].json.id;
		const trigger = new ActiveTrigger(billPro.singleProfile(), {
			events: ['orderStatusChanged'],
			watchedOrderIds: String(orderId),
		});
		await trigger.poll();
		billPro.sandbox.store.processPayment(1, Number(orderId), 'approve');
		const [paid] = await trigger.poll();
		expect(paid).toMatchObject({ previousStatus: 'pending', status: 'active' });
		const [sample] = await trigger.poll({ mode: 'manual' });
		expect(sample.previousStatus).toBeNull();
		for (const event of [paid, sample]) expectEvent(event, 'Order Status Changed');
	});

	it('Scheduled Payment Status Changed', async () => {
		const customer = await newCustomer(billPro.singleProfile());
		const { items } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: createOrder(customer, 'subscription', [
				productOf(billPro.sandbox, 'subscription'),
			]),
		});
		const orderId = Number(items[0].json.id);
		billPro.sandbox.store.processPayment(1, orderId, 'approve');
		const trigger = new ActiveTrigger(billPro.singleProfile(), {
			events: ['scheduledPaymentStatusChanged'],
			watchedOrderIds: String(orderId),
		});
		await trigger.poll();
		billPro.sandbox.store.processPayment(1, orderId, 'soft_decline');
		const events = await trigger.poll();
		expect(events.map((event) => event.previousStatus)).toContain('scheduled');
		const [sample] = await trigger.poll({ mode: 'manual' });
		for (const event of [...events, sample]) {
			expectEvent(event, 'Scheduled Payment Status Changed');
		}
	});
});

describe("The BillPro Payment Gateway Trigger's items are what its output schema says, event by event", () => {
	const { defaultVersion } = new BillProGatewayTrigger().description;
	const schema = loadSchema(
		gatewayTriggerDir,
		schemaFileFor(gatewayTriggerDir, defaultVersion as number) as string,
	);
	const titles: Record<string, string> = {
		paymentApproved: 'Payment Approved',
		paymentDeclined: 'Payment Declined',
		preAuthorisation: 'Pre-Authorisation',
		refund: 'Refund',
		registrationCreated: 'Registration Created',
		registrationDeleted: 'Registration Deleted',
	};
	const payment = (payload: IDataObject) => ({
		type: 'PAYMENT',
		payload: { id: 'b'.repeat(32), amount: '12.50', currency: 'EUR', ...payload },
	});

	it('every event the sandbox’s gateway sends', async () => {
		const key = randomGatewayKey();
		const endpoint = await startTriggerEndpoint({ key });
		const sandbox = billPro.sandbox;
		const control = rootClient(sandbox);
		try {
			await control.put('/__sandbox/gateway', {
				url: endpoint.url,
				key,
				retryDelayMs: 10,
				maxRetryDelayMs: 20,
			});
			const singleOrder = async () =>
				await created(single(sandbox), 'single_payment', orderOf(sandbox, SEEDED.singleGbp));
			await pay(sandbox, (await singleOrder()).id, 'approve');
			await pay(sandbox, (await singleOrder()).id, 'hard_decline');
			const metered = await created(
				single(sandbox),
				'metered',
				orderOf(sandbox, SEEDED.meteredEur, { initial_amount: 0 }),
			);
			await pay(sandbox, metered.id, 'approve');
			for (const notification of [
				payment({ paymentType: 'RF', result: { code: '000.000.000' } }),
				payment({ paymentType: 'PA', result: { code: '000.100.110' } }),
				{ type: 'REGISTRATION', action: 'DELETED', payload: { id: 'c'.repeat(32) } },
			]) {
				await control.post('/__sandbox/gateway/notifications', { notification });
				await sandbox.gateway.idle();
			}
			await sandbox.gateway.idle();
		} finally {
			await control.delete('/__sandbox/gateway');
			await endpoint.close();
		}
		const items = endpoint.startedItems().map((item) => item.json);
		expect(items.map((item) => item.event).sort()).toEqual(Object.keys(titles).sort());
		for (const item of items) {
			expect(violations(schema, item)).toEqual([]);
			expect(undescribedFields(schema, item)).toEqual([]);
			expect(alternativesMet(schema, item)).toEqual([titles[String(item.event)]]);
		}
	});
});
