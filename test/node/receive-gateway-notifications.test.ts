/**
 * The BillPro Payment Gateway Trigger, fed with notifications the BillPro sandbox really sends:
 * the sandbox's gateway POSTs to a capturing receiver, and each captured request is replayed
 * (as is, or altered) to a stand-in of n8n's webhook endpoint that runs the node's webhook()
 * through n8n-core (test/harness/gatewayTrigger.ts).
 */
import { GATEWAY } from '../../nodes/BillProGatewayTrigger/gatewayFormat';
import { MEMORY_FIELD } from '../../nodes/BillProGatewayTrigger/duplicates';
import {
	FINGERPRINT_LENGTH,
	MAX_REMEMBERED,
} from '../../nodes/BillProGatewayTrigger/recentNotifications';
import { BillProGatewayTrigger } from '../../nodes/BillProGatewayTrigger/BillProGatewayTrigger.node';
import {
	ciphertextHex,
	randomGatewayKey,
	replay,
	startGatewayReceiver,
	type CapturedRequest,
	type GatewayReceiver,
} from '../harness/gatewayReceiver';
import {
	startTriggerEndpoint,
	type TriggerEndpoint,
	type TriggerOptions,
} from '../harness/gatewayTrigger';
import { testCredentialOfNode } from '../harness/credentialTest';
import { capturedLogs } from '../harness/logCapture';
import { sandboxPerFile } from '../harness/sandboxPerFile';
import { rootClient, single } from '../sandbox-rules/client';
import { CUSTOMER, SEEDED, created, orderOf, pay } from '../sandbox-rules/orders';
import type { IDataObject } from 'n8n-workflow';
import { randomBytes } from 'node:crypto';

const sandbox = sandboxPerFile();
const KEY = randomGatewayKey();
let receiver: GatewayReceiver;
const endpoints: TriggerEndpoint[] = [];

beforeAll(async () => {
	receiver = await startGatewayReceiver();
});
afterAll(() => receiver.close());
beforeEach(async () => {
	receiver.requests.length = 0;
	await gatewayTo(receiver.url);
});
afterEach(async () => {
	await sandbox().gateway.idle();
	await Promise.all(endpoints.splice(0).map((endpoint) => endpoint.close()));
});

/** Points the sandbox's payment gateway at `url`, as BillPro Merchant Support would. */
function gatewayTo(url: string, settings: Record<string, unknown> = {}) {
	return rootClient(sandbox()).put('/__sandbox/gateway', {
		url,
		key: KEY,
		retryDelayMs: 10,
		maxRetryDelayMs: 20,
		...settings,
	});
}

async function trigger(options: Partial<TriggerOptions> = {}): Promise<TriggerEndpoint> {
	const endpoint = await startTriggerEndpoint({ key: KEY, ...options });
	endpoints.push(endpoint);
	return endpoint;
}

/** The requests the sandbox's gateway sends while `action` runs. */
async function deliveries(action: () => Promise<unknown>, count = 1): Promise<CapturedRequest[]> {
	const before = receiver.requests.length;
	await action();
	await receiver.waitForRequests(before + count);
	return receiver.requests.slice(before, before + count);
}

const singleOrder = () =>
	created(single(sandbox()), 'single_payment', orderOf(sandbox(), SEEDED.singleGbp));

async function paymentDelivery(outcome: 'approve' | 'soft_decline' | 'hard_decline' = 'approve') {
	const order = await singleOrder();
	const [request] = await deliveries(() => pay(sandbox(), order.id, outcome));
	return { order, request };
}

/** A notification the sandbox encrypts and sends as given (e.g. a refund made in BillPro's UI). */
async function customDelivery(notification: object) {
	const [request] = await deliveries(() =>
		rootClient(sandbox()).post('/__sandbox/gateway/notifications', { notification }),
	);
	return request;
}

const payment = (payload: IDataObject) => ({
	type: 'PAYMENT',
	payload: { id: 'b'.repeat(32), amount: '12.50', currency: 'EUR', ...payload },
});

describe('A payment on BillPro’s payment page starts the workflow', () => {
	it('gives one item with the event, the amount, the order and the customer', async () => {
		const endpoint = await trigger();
		await gatewayTo(endpoint.url);
		const order = await singleOrder();
		const page = await rootClient(sandbox()).post(
			new URL(order.payment_link).pathname,
			'outcome=approve',
			{ headers: { 'content-type': 'application/x-www-form-urlencoded' } },
		);
		expect(page.status).toBe(200);
		await sandbox().gateway.idle();

		const [item] = endpoint.startedItems();
		const ada = sandbox().store.customer(1, CUSTOMER.ada)!;
		expect(item.json).toEqual({
			event: 'paymentApproved',
			approved: true,
			transactionId: expect.stringMatching(/^[0-9a-f]{32}$/),
			paymentType: 'DB',
			amount: Number(order.total_to_pay),
			amountText: order.total_to_pay,
			currency: 'GBP',
			orderId: String(order.id),
			customerId: ada.customer_id,
			resultCode: '000.000.000',
			resultDescription: 'Transaction succeeded',
			resultClass: 'successful',
			timestamp: expect.stringMatching(GATEWAY.timestampPattern),
			notificationType: 'PAYMENT',
			action: null,
			payload: expect.objectContaining({
				id: item.json.transactionId,
				merchantTransactionId: String(order.id),
				customer: expect.objectContaining({ merchantCustomerId: ada.customer_id }),
			}),
		});
		expect(endpoint.startedItems()).toHaveLength(1);
		// The gateway got its 200 at the first attempt, so it does not deliver again.
		expect(
			sandbox()
				.gateway.deliveries()
				.map((d) => [d.status, d.outcome]),
		).toEqual([[200, 'delivered']]);
	});

	it('a declined payment starts it with approved false and the bank’s result code', async () => {
		const endpoint = await trigger();
		const { request } = await paymentDelivery('soft_decline');
		expect((await replay(request, endpoint.url)).status).toBe(200);
		expect(endpoint.startedItems()[0].json).toMatchObject({
			event: 'paymentDeclined',
			approved: false,
			resultCode: '800.100.155',
			resultClass: 'rejectedByBank',
		});
	});
});

describe('Both notification formats are read, in either hex case', () => {
	it('reads the hex body sent as text/plain with Content-Encoding: UTF-8', async () => {
		const endpoint = await trigger();
		const { request } = await paymentDelivery();
		expect(request.headers['content-type']).toBe('text/plain');
		expect(request.headers['content-encoding']).toBe('UTF-8');
		expect(await replay(request, endpoint.url)).toEqual({
			status: 200,
			text: '{"received":true,"workflowStarted":true}',
		});
		expect(endpoint.startedItems()).toHaveLength(1);
	});

	it('reads the JSON-wrapped {"encryptedBody"} format', async () => {
		await gatewayTo(receiver.url, { format: 'json' });
		const endpoint = await trigger();
		const { request } = await paymentDelivery();
		expect(request.headers['content-type']).toBe('application/json; charset=UTF-8');
		expect((await replay(request, endpoint.url)).status).toBe(200);
		expect(endpoint.startedItems()[0].json.event).toBe('paymentApproved');
	});

	it('a workflow saved with the trigger’s version 1 reads them the same way', async () => {
		const endpoint = await trigger({ typeVersion: 1 });
		const { request } = await paymentDelivery();
		expect((await replay(request, endpoint.url)).status).toBe(200);
		expect(endpoint.startedItems()[0].json.event).toBe('paymentApproved');
	});

	it('reads lower-case hex in the body and both headers', async () => {
		const endpoint = await trigger();
		const { request } = await paymentDelivery();
		const lower = (name: string) => String(request.headers[name]).toLowerCase();
		const answer = await replay(request, endpoint.url, {
			body: request.text.toLowerCase(),
			headers: {
				'x-initialization-vector': lower('x-initialization-vector'),
				'x-authentication-tag': lower('x-authentication-tag'),
			},
		});
		expect(answer.status).toBe(200);
		expect(endpoint.startedItems()).toHaveLength(1);
	});

	it('accepts a key entered in lower case', async () => {
		const endpoint = await trigger({ key: KEY.toLowerCase() });
		const { request } = await paymentDelivery();
		await replay(request, endpoint.url);
		expect(endpoint.startedItems()).toHaveLength(1);
	});
});

describe('A notification that cannot be trusted starts nothing', () => {
	it.each(['body', 'tag'] as const)(
		'a notification with an altered %s is answered 401',
		async (part) => {
			const endpoint = await trigger();
			await paymentDelivery();
			const [tampered] = await deliveries(() =>
				rootClient(sandbox()).post('/__sandbox/gateway/tampered', { part }),
			);
			expect(await replay(tampered, endpoint.url)).toEqual({
				status: 401,
				text: '{"message":"The notification does not authenticate with the decryption key"}',
			});
			expect(endpoint.startedItems()).toEqual([]);
		},
	);

	it('a notification encrypted with another key is answered 401', async () => {
		const endpoint = await trigger({ key: randomGatewayKey() });
		const { request } = await paymentDelivery();
		expect((await replay(request, endpoint.url)).status).toBe(401);
		expect(endpoint.startedItems()).toEqual([]);
	});

	it.each([
		['without X-Initialization-Vector', { headers: { 'x-initialization-vector': undefined } }],
		['without X-Authentication-Tag', { headers: { 'x-authentication-tag': undefined } }],
		['with a 16-byte IV', { headers: { 'x-initialization-vector': 'AB'.repeat(16) } }],
		['with a body that is not hex', { body: 'not a notification' }],
		['with an empty body', { body: '' }],
	])('a request %s is answered 400', async (_label, edit) => {
		const endpoint = await trigger();
		const { request } = await paymentDelivery();
		const answer = await replay(request, endpoint.url, edit);
		expect(answer.status).toBe(400);
		expect(JSON.parse(answer.text).message).toMatch(/^A payment gateway notification/);
		expect(endpoint.startedItems()).toEqual([]);
	});

	it('answers without the key, the body or the decrypted payload, and logs nothing of them', async () => {
		const endpoint = await trigger();
		const { request } = await paymentDelivery();
		const logsBefore = capturedLogs.length;
		const answers = [
			await replay(request, endpoint.url, { body: `${request.text}00` }),
			await replay(request, endpoint.url, { headers: { 'x-authentication-tag': undefined } }),
			await replay(request, endpoint.url),
		];
		const said = JSON.stringify([
			answers,
			capturedLogs.slice(logsBefore),
			endpoint.calls.map((c) => c.answer),
		]);
		for (const secret of [
			KEY,
			KEY.toLowerCase(),
			ciphertextHex(request),
			'merchantTransactionId',
		]) {
			expect(said).not.toContain(secret);
		}
	});

	it('a malformed key in the credential fails the run with a clear message; the gateway retries', async () => {
		const endpoint = await trigger({ key: 'not-a-key' });
		await gatewayTo(endpoint.url, { maxAttempts: 2 });
		await pay(sandbox(), (await singleOrder()).id, 'approve');
		await sandbox().gateway.idle();
		expect(endpoint.calls.map((call) => call.status)).toEqual([500, 500]);
		expect(endpoint.calls[0].error?.message).toBe(
			"The 'Decryption Key' must be 64 hexadecimal characters (0-9, A-F); the one saved has 9 characters",
		);
		expect(
			sandbox()
				.gateway.deliveries()
				.map((d) => d.outcome),
		).toEqual(['retrying', 'gave up']);
	});
});

describe('The registration test notification', () => {
	it('is answered 200 and starts nothing, also while listening for a test event', async () => {
		for (const mode of ['webhook', 'manual'] as const) {
			const endpoint = await trigger({ mode });
			const [request] = await deliveries(() =>
				rootClient(sandbox()).post('/__sandbox/gateway/test'),
			);
			const answer = await replay(request, endpoint.url);
			expect(answer.status).toBe(200);
			expect(JSON.parse(answer.text)).toEqual({
				received: true,
				workflowStarted: false,
				reason: 'not a notification this trigger starts workflows for',
			});
			expect(endpoint.startedItems()).toEqual([]);
		}
	});

	it('registers: the gateway’s delivery of it is delivered at the first attempt', async () => {
		const endpoint = await trigger();
		await gatewayTo(endpoint.url);
		await rootClient(sandbox()).post('/__sandbox/gateway/test');
		await sandbox().gateway.idle();
		expect(
			sandbox()
				.gateway.deliveries()
				.map((d) => [d.kind, d.status]),
		).toEqual([['test', 200]]);
	});
});

describe('Events choose which notifications start the workflow', () => {
	it('with only Payment Declined selected, an approval is acknowledged and starts nothing', async () => {
		const endpoint = await trigger({ events: ['paymentDeclined'] });
		const approved = await paymentDelivery('approve');
		const declined = await paymentDelivery('hard_decline');
		const ignored = await replay(approved.request, endpoint.url);
		expect([ignored.status, JSON.parse(ignored.text).reason]).toEqual([
			200,
			'paymentApproved is not one of the selected events',
		]);
		await replay(declined.request, endpoint.url);
		expect(endpoint.startedItems().map((item) => [item.json.event, item.json.resultCode])).toEqual([
			['paymentDeclined', '800.100.151'],
		]);
	});

	it.each<[string, string, object]>([
		['a refund', 'refund', payment({ paymentType: 'RF', result: { code: '000.000.000' } })],
		['a reversal', 'refund', payment({ paymentType: 'RV', result: { code: '000.000.000' } })],
		[
			'a pre-authorisation',
			'preAuthorisation',
			payment({ paymentType: 'PA', result: { code: '000.100.110' } }),
		],
		[
			'a capture',
			'paymentApproved',
			payment({ paymentType: 'CP', result: { code: '000.000.000' } }),
		],
		[
			'a payment held for manual review',
			'paymentApproved',
			payment({ paymentType: 'DB', result: { code: '000.400.000' } }),
		],
		[
			'a card validation failure',
			'paymentDeclined',
			payment({ paymentType: 'DB', result: { code: '100.100.101' } }),
		],
		[
			'a deleted card registration',
			'registrationDeleted',
			{ type: 'REGISTRATION', action: 'DELETED', payload: { id: 'c'.repeat(32) } },
		],
	])('%s starts it as %s', async (_label, event, notification) => {
		const endpoint = await trigger();
		await replay(await customDelivery(notification), endpoint.url);
		expect(endpoint.startedItems().map((item) => item.json.event)).toEqual([event]);
	});

	it('a card registration of an order without an initial payment starts it as registrationCreated', async () => {
		const endpoint = await trigger();
		const order = await created(
			single(sandbox()),
			'metered',
			orderOf(sandbox(), SEEDED.meteredEur, { initial_amount: 0 }),
		);
		const [request] = await deliveries(() => pay(sandbox(), order.id, 'approve'));
		await replay(request, endpoint.url);
		expect(endpoint.startedItems()[0].json).toMatchObject({
			event: 'registrationCreated',
			approved: true,
			paymentType: 'RG',
			amount: null,
			amountText: null,
			orderId: String(order.id),
			notificationType: 'REGISTRATION',
			action: 'CREATED',
		});
	});

	it.each([
		['a pending payment', payment({ paymentType: 'DB', result: { code: '000.200.000' } })],
		['a risk notification', { type: 'RISK', payload: { id: 'd'.repeat(32) } }],
		['a registration update', { type: 'REGISTRATION', action: 'UPDATED', payload: {} }],
	])('%s is acknowledged and starts nothing', async (_label, notification) => {
		const endpoint = await trigger();
		const answer = await replay(await customDelivery(notification), endpoint.url);
		expect(answer.status).toBe(200);
		expect(endpoint.startedItems()).toEqual([]);
	});
});

const DUPLICATE = 'duplicate of a notification that already started the workflow';
const NODE_PART = 'node:BillPro Payment Gateway Trigger';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The duplicate memory as n8n saved it: one entry per notification, oldest first. */
function savedMemory(endpoint: TriggerEndpoint): string[] {
	const part = endpoint.savedStaticData()[NODE_PART] as IDataObject;
	return String(part[MEMORY_FIELD]).split(' ');
}

/** `count` approved payments the gateway sends (captured, not yet replayed); their payment ids. */
async function distinctDeliveries(count: number) {
	const ids = Array.from({ length: count }, (_, n) => n.toString(16).padStart(32, 'e'));
	const requests: CapturedRequest[] = [];
	for (const id of ids) {
		requests.push(
			await customDelivery(payment({ id, paymentType: 'DB', result: { code: '000.000.000' } })),
		);
	}
	return { ids, requests };
}

const startedIds = (endpoint: TriggerEndpoint) =>
	endpoint
		.startedItems()
		.map((item) => item.json.transactionId)
		.sort();

describe('Copies of a notification arriving together start the workflow once', () => {
	it.each([2, 5, 10])(
		'%i copies sent at once: one start, every other copy acknowledged as a duplicate',
		async (copies) => {
			const endpoint = await trigger();
			const { request } = await paymentDelivery();
			const answers = await Promise.all(
				Array.from({ length: copies }, () => replay(request, endpoint.url)),
			);
			expect(endpoint.startedItems()).toHaveLength(1);
			expect(answers.map((answer) => answer.status)).toEqual(Array(copies).fill(200));
			const said = answers.map((answer) => JSON.parse(answer.text) as IDataObject);
			expect(said.filter((answer) => answer.workflowStarted === true)).toHaveLength(1);
			expect(said.filter((answer) => answer.reason === DUPLICATE)).toHaveLength(copies - 1);
		},
	);

	it('distinct notifications arriving together, each twice, start once each and are all refused after a restart', async () => {
		const endpoint = await trigger();
		const { ids, requests } = await distinctDeliveries(20);
		const answers = await Promise.all(
			[...requests, ...requests].map((request) => replay(request, endpoint.url)),
		);
		expect(answers.every((answer) => answer.status === 200)).toBe(true);
		expect(startedIds(endpoint)).toEqual([...ids].sort());

		const restarted = await trigger({ staticData: endpoint.savedStaticData() });
		await Promise.all(requests.map((request) => replay(request, restarted.url)));
		expect(restarted.startedItems()).toEqual([]);
	});
});

describe('In queue mode, n8n processes share the memory through the database', () => {
	it('a copy arriving at another process after the first was answered starts nothing, also after a restart', async () => {
		const a = await trigger();
		const b = await trigger({ database: a.database });
		const { ids, requests } = await distinctDeliveries(20);
		for (const [n, request] of requests.entries()) await replay(request, [a, b][n % 2].url);
		for (const [n, request] of requests.entries()) await replay(request, [b, a][n % 2].url);
		expect([...startedIds(a), ...startedIds(b)].sort()).toEqual([...ids].sort());

		const restarted = await trigger({ database: a.database });
		for (const request of requests) await replay(request, restarted.url);
		expect(restarted.startedItems()).toEqual([]);
	});

	it('copies arriving at two processes at once start at most one run in each', async () => {
		const a = await trigger();
		const b = await trigger({ database: a.database });
		const { request } = await paymentDelivery();
		await Promise.all(Array.from({ length: 10 }, (_, n) => replay(request, [a, b][n % 2].url)));
		// Each process reads the database before the other's save lands: both may start one.
		expect(a.startedItems().length).toBeLessThanOrEqual(1);
		expect(b.startedItems().length).toBeLessThanOrEqual(1);
		expect(a.startedItems().length + b.startedItems().length).toBeGreaterThanOrEqual(1);
	});

	it('distinct notifications handled at once by two processes are all remembered once each process has saved again', async () => {
		const a = await trigger();
		const b = await trigger({ database: a.database });
		const { requests } = await distinctDeliveries(21);
		const last = requests.pop() as CapturedRequest;
		await Promise.all(requests.map((request, n) => replay(request, [a, b][n % 2].url)));
		// n8n keeps the last save: the other process's latest entries may be missing from it
		// until that process saves again, with everything it knows.
		await replay(last, a.url);
		await replay((await paymentDelivery()).request, b.url);

		const restarted = await trigger({ database: a.database });
		for (const request of [...requests, last]) await replay(request, restarted.url);
		expect(restarted.startedItems()).toEqual([]);
	});
});

describe('A notification delivered again starts the workflow once', () => {
	it('the same delivery twice gives one item; the second is acknowledged as a duplicate', async () => {
		const endpoint = await trigger();
		const { request } = await paymentDelivery();
		await replay(request, endpoint.url);
		const again = await replay(request, endpoint.url);
		expect([again.status, JSON.parse(again.text).reason]).toEqual([
			200,
			'duplicate of a notification that already started the workflow',
		]);
		expect(endpoint.startedItems()).toHaveLength(1);
	});

	it('the gateway’s own redelivery (a new IV) is recognised too', async () => {
		const endpoint = await trigger();
		await gatewayTo(endpoint.url);
		await pay(sandbox(), (await singleOrder()).id, 'approve');
		await rootClient(sandbox()).post('/__sandbox/gateway/resend');
		await sandbox().gateway.idle();
		expect(endpoint.calls.map((call) => call.status)).toEqual([200, 200]);
		expect(endpoint.startedItems()).toHaveLength(1);
	});

	it('the same payment id with a new result (pending, then approved) starts it again', async () => {
		const endpoint = await trigger();
		for (const code of ['800.100.155', '000.000.000', '000.000.000']) {
			await replay(
				await customDelivery(payment({ paymentType: 'DB', result: { code } })),
				endpoint.url,
			);
		}
		expect(endpoint.startedItems().map((item) => item.json.resultCode)).toEqual([
			'800.100.155',
			'000.000.000',
		]);
	});

	it('is still recognised after n8n restarts: the memory is in the saved static data', async () => {
		const first = await trigger();
		const { request } = await paymentDelivery();
		await replay(request, first.url);
		const saved = first.savedStaticData();
		expect(Object.keys(saved)).toEqual(['node:BillPro Payment Gateway Trigger']);

		const restarted = await trigger({ staticData: saved });
		await replay(request, restarted.url);
		expect(restarted.startedItems()).toEqual([]);
		const forgetful = await trigger();
		await replay(request, forgetful.url);
		expect(forgetful.startedItems()).toHaveLength(1);
	});

	it('remembers a notification for 31 days, longer than the gateway delivers it again (30 days)', async () => {
		const endpoint = await trigger();
		const { request } = await paymentDelivery();
		const sentAt = Date.now();
		await replay(request, endpoint.url);
		const clock = jest.spyOn(Date, 'now');
		try {
			clock.mockReturnValue(sentAt + 30 * DAY + 23 * HOUR);
			await replay(request, endpoint.url);
			expect(endpoint.startedItems()).toHaveLength(1);
			clock.mockReturnValue(sentAt + 31 * DAY + 1_000);
			await replay(request, endpoint.url);
			expect(endpoint.startedItems()).toHaveLength(2);
		} finally {
			clock.mockRestore();
		}
		expect(savedMemory(endpoint)).toHaveLength(1);
	});

	it('remembers the latest 10,000 notifications: the oldest is forgotten first, and the memory never grows', async () => {
		const first = await trigger();
		const oldest = await paymentDelivery();
		await replay(oldest.request, first.url);
		const oldestId = first.startedItems()[0].json.transactionId;
		// The memory full: that notification, then 9,999 newer ones.
		const [entry] = savedMemory(first);
		const second = parseInt(entry.slice(FINGERPRINT_LENGTH), 36);
		const newer = Array.from(
			{ length: MAX_REMEMBERED - 1 },
			(_, n) => randomBytes(9).toString('base64url') + (second + 1 + n).toString(36),
		);
		const full = { [NODE_PART]: { [MEMORY_FIELD]: [entry, ...newer].join(' ') } };

		const restarted = await trigger({ staticData: full });
		const next = await paymentDelivery();
		await replay(next.request, restarted.url);
		const nextId = restarted.startedItems()[0].json.transactionId;
		expect(savedMemory(restarted)).toHaveLength(MAX_REMEMBERED);
		expect(savedMemory(restarted)).not.toContain(entry);
		expect(savedMemory(restarted)[0]).toBe(newer[0]);
		// Forgotten in this process too, not only in the saved memory; the newer one is not.
		await replay(oldest.request, restarted.url);
		await replay(next.request, restarted.url);
		expect(restarted.startedItems().map((item) => item.json.transactionId)).toEqual([
			nextId,
			oldestId,
		]);
		expect(savedMemory(restarted)).toHaveLength(MAX_REMEMBERED);
	});

	it('while listening for a test event it starts the workflow and remembers nothing: the same notification still starts the published workflow', async () => {
		// n8n's test URL takes one call per "Listen for test event", so each listen starts afresh.
		const endpoint = await trigger({ mode: 'manual' });
		const { request } = await paymentDelivery();
		await replay(request, endpoint.url);
		expect(endpoint.startedItems()).toHaveLength(1);
		expect(endpoint.savedStaticData()).toEqual({});
		// Nor does this n8n process remember it: the published workflow still starts for it.
		const published = await trigger({ process: endpoint.process });
		await replay(request, published.url);
		expect(published.startedItems()).toHaveLength(1);
	});
});

describe('Publishing the workflow', () => {
	it('checks the key and notes the Production URL; unpublishing keeps the duplicate memory', async () => {
		const endpoint = await trigger();
		await endpoint.activate();
		const node = () =>
			endpoint.savedStaticData()['node:BillPro Payment Gateway Trigger'] as IDataObject;
		expect(node()).toEqual({
			listeningAt: 'http://127.0.0.1:5678/webhook/5d2f6c1e-0000-4000-8000-00000000b111/webhook',
			listeningSince: expect.any(String),
		});
		const { request } = await paymentDelivery();
		await replay(request, endpoint.url);
		await endpoint.deactivate();
		expect(Object.keys(node())).toEqual(['startedNotifications', 'startedNotificationsBy']);
	});

	it('fails with a clear message when the key is not 64 hex characters', async () => {
		const endpoint = await trigger({ key: 'Z'.repeat(64) });
		await expect(endpoint.activate()).rejects.toThrow(
			"The 'Decryption Key' must be 64 hexadecimal characters (0-9, A-F); the one saved has 64 characters but not all are hexadecimal",
		);
	});

	it('the credential test checks the key’s format without sending anything', async () => {
		const run = async (secretKey: string) =>
			await testCredentialOfNode(new BillProGatewayTrigger(), 'billProGatewayApi', { secretKey });
		expect(await run(KEY)).toEqual({
			status: 'OK',
			message: 'The decryption key has the right format',
		});
		expect((await run(KEY.slice(1))).status).toBe('Error');
	});
});

describe('The node as n8n lists it', () => {
	const { description } = new BillProGatewayTrigger();

	it('is a webhook trigger answering on receipt, not an AI tool', () => {
		expect(description).toMatchObject({
			group: ['trigger'],
			version: [1, 1.1],
			defaultVersion: 1.1,
			inputs: [],
			webhooks: [
				{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
			],
		});
		expect(description.usableAsTool).toBeUndefined();
	});

	it('says who sets up the notifications, where the URL is and that the workflow must be published', () => {
		const notice = description.properties.find((property) => property.type === 'notice');
		expect(notice?.displayName).toMatch(/BillPro Merchant Support/);
		expect(notice?.displayName).toMatch(/Production URL, which n8n shows above/);
		expect(notice?.displayName).toMatch(/published \(active\)/);
	});
});
