import { GATEWAY } from '../../nodes/BillProGatewayTrigger/gatewayFormat';
import {
	decryptCaptured,
	notificationIn,
	randomGatewayKey,
	startGatewayReceiver,
	type GatewayReceiver,
} from '../harness/gatewayReceiver';
import { sandboxPerFile } from '../harness/sandboxPerFile';
import { encryptNotification, startSandbox, type DeliveryAttempt } from '../../sandbox';
import { gatewayOptions } from '../../sandbox/gateway/options';
import { rootClient, single, waitFor } from './client';
import { CUSTOMER, SEEDED, created, orderOf, pay } from './orders';

const sandbox = sandboxPerFile();
const KEY = randomGatewayKey();
let receiver: GatewayReceiver;

beforeAll(async () => {
	receiver = await startGatewayReceiver();
});
afterAll(() => receiver.close());
beforeEach(async () => {
	receiver.requests.length = 0;
	receiver.answerWith(() => 200);
	await configure();
});

/** PUT /__sandbox/gateway with fast retries, so the retry tests take milliseconds. */
function configure(settings: Record<string, unknown> = {}) {
	return rootClient(sandbox()).put('/__sandbox/gateway', {
		url: receiver.url,
		key: KEY,
		retryDelayMs: 10,
		maxRetryDelayMs: 40,
		...settings,
	});
}

async function deliveries(): Promise<DeliveryAttempt[]> {
	return (await rootClient(sandbox()).get('/__sandbox/gateway/deliveries')).data.deliveries;
}

const singleOrder = () =>
	created(single(sandbox()), 'single_payment', orderOf(sandbox(), SEEDED.singleGbp));
const subscription = () =>
	created(single(sandbox()), 'subscription', orderOf(sandbox(), SEEDED.subscriptionEur));

describe('the encryption is the gateway’s AES-256-GCM', () => {
	it('reproduces the published known-answer vector', () => {
		const sealed = encryptNotification(
			'{"type": "PAYMENT"}',
			'000102030405060708090A0B0C0D0E0F000102030405060708090A0B0C0D0E0F',
			Buffer.from('3D575574536D450F71AC76D8', 'hex'),
		);
		expect(sealed).toEqual({
			iv: '3D575574536D450F71AC76D8',
			tag: '19FDD068C6F383C173D3A906F7BD1D83',
			body: 'F8E2F759E528CB69375E51DB2AF9B53734E393',
		});
	});
});

describe('a processed payment is POSTed as an encrypted notification', () => {
	it('sends an approved payment of the payment link with the gateway’s headers, in upper-case hex', async () => {
		const order = await singleOrder();
		expect((await pay(sandbox(), order.id, 'approve')).status).toBe(200);
		const [request] = await receiver.waitForRequests(1);
		expect(request.method).toBe('POST');
		expect(request.headers).toMatchObject({
			'content-type': 'text/plain',
			'content-encoding': 'UTF-8',
			'accept-encoding': 'gzip',
			'x-request-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
			'x-initialization-vector': expect.stringMatching(/^[0-9A-F]{24}$/),
			'x-authentication-tag': expect.stringMatching(/^[0-9A-F]{32}$/),
		});
		expect(request.text).toMatch(/^[0-9A-F]+$/);
		const ada = sandbox().store.customer(1, CUSTOMER.ada)!;
		expect(notificationIn(request, KEY)).toEqual({
			type: 'PAYMENT',
			payload: {
				id: expect.stringMatching(/^[0-9a-f]{32}$/),
				paymentType: 'DB',
				paymentBrand: 'VISA',
				amount: order.total_to_pay,
				currency: order.currency,
				descriptor: `Sandbox Merchant order ${order.id}`,
				merchantTransactionId: String(order.id),
				result: { code: '000.000.000', description: 'Transaction succeeded' },
				card: {
					bin: '420000',
					last4Digits: '0000',
					holder: 'Ada Lovelace',
					expiryMonth: '12',
					expiryYear: String(new Date().getUTCFullYear() + 3),
				},
				customer: {
					givenName: 'Ada',
					surname: 'Lovelace',
					merchantCustomerId: ada.customer_id,
					email: ada.email,
				},
				risk: { score: '0' },
				buildNumber: 'billpro-sandbox',
				timestamp: expect.stringMatching(GATEWAY.timestampPattern),
				ndc: expect.stringMatching(/^[0-9a-f]{32}_[0-9a-f]{32}$/),
			},
		});
		expect(order.total_to_pay).toMatch(/^\d+\.\d{2}$/);
	});

	it.each([
		['soft_decline', '800.100.155'],
		['hard_decline', '800.100.151'],
	] as const)(
		'a %s of a scheduled payment carries result code %s and its amount',
		async (outcome, code) => {
			const order = await subscription();
			sandbox().store.processPayment(1, order.id, 'approve');
			const due = sandbox().store.scheduledPayments(1, order.id)[0];
			await pay(sandbox(), order.id, outcome);
			const [, declined] = await receiver.waitForRequests(2);
			const { payload } = notificationIn(declined, KEY);
			expect(payload.result.code).toBe(code);
			expect(payload.result.code).toMatch(GATEWAY.resultClasses.rejectedByBank);
			expect([payload.amount, payload.currency]).toEqual([due.amount, 'EUR']);
		},
	);

	it('names the subscription’s initial amount, and gives every transaction a new id', async () => {
		const order = await subscription();
		await pay(sandbox(), order.id, 'soft_decline');
		await pay(sandbox(), order.id, 'approve');
		const [first, second] = (await receiver.waitForRequests(2)).map((r) => notificationIn(r, KEY));
		const initial = sandbox().store.orderRecord(1, order.id)!.initial_amount;
		expect([first.payload.amount, second.payload.amount]).toEqual([initial, initial]);
		expect(first.payload.id).not.toBe(second.payload.id);
	});

	it('sends a card registration (REGISTRATION CREATED, RG) for an order without an initial payment', async () => {
		const order = await created(
			single(sandbox()),
			'metered',
			orderOf(sandbox(), SEEDED.meteredEur, { initial_amount: 0 }),
		);
		await pay(sandbox(), order.id, 'approve');
		const [request] = await receiver.waitForRequests(1);
		const notification = notificationIn(request, KEY);
		expect([notification.type, notification.action, notification.payload.paymentType]).toEqual([
			'REGISTRATION',
			'CREATED',
			'RG',
		]);
		expect(notification.payload.amount).toBeUndefined();
	});

	it('notifies payments processed in-process too (store.processPayment)', async () => {
		const order = await singleOrder();
		sandbox().store.processPayment(1, order.id, 'approve');
		await receiver.waitForRequests(1);
	});

	it('wraps the hex in {"encryptedBody"} as application/json in the json format', async () => {
		await configure({ format: 'json' });
		await pay(sandbox(), (await singleOrder()).id, 'approve');
		const [request] = await receiver.waitForRequests(1);
		expect(request.headers['content-type']).toBe('application/json; charset=UTF-8');
		expect(Object.keys(JSON.parse(request.text))).toEqual(['encryptedBody']);
		expect(JSON.parse(request.text).encryptedBody).toMatch(/^[0-9A-F]+$/);
		expect(notificationIn(request, KEY).type).toBe('PAYMENT');
	});

	it('does not make the payment wait for the webhook', async () => {
		receiver.answerWith(() => new Promise((resolve) => setTimeout(() => resolve(200), 1500)));
		const started = Date.now();
		const res = await pay(sandbox(), (await singleOrder()).id, 'approve');
		expect(res.status).toBe(200);
		expect(Date.now() - started).toBeLessThan(1000);
		await sandbox().gateway.idle();
		expect((await deliveries()).map((d) => d.outcome)).toEqual(['delivered']);
	});

	it('sends nothing while the gateway is not configured', async () => {
		await rootClient(sandbox()).delete('/__sandbox/gateway');
		await pay(sandbox(), (await singleOrder()).id, 'approve');
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(receiver.requests).toEqual([]);
		expect(await deliveries()).toEqual([]);
	});
});

describe('retries', () => {
	it('retries with doubling waits until a 2xx, and logs every attempt', async () => {
		receiver.answerWith((_request, n) => (n < 3 ? 500 : 204));
		await pay(sandbox(), (await singleOrder()).id, 'approve');
		const requests = await receiver.waitForRequests(3);
		await sandbox().gateway.idle();
		const log = await deliveries();
		expect(
			log.map(({ attempt, status, outcome, retryInMs }) => ({
				attempt,
				status,
				outcome,
				retryInMs,
			})),
		).toEqual([
			{ attempt: 1, status: 500, outcome: 'retrying', retryInMs: 10 },
			{ attempt: 2, status: 500, outcome: 'retrying', retryInMs: 20 },
			{ attempt: 3, status: 204, outcome: 'delivered', retryInMs: undefined },
		]);
		expect(new Set(log.map((entry) => entry.delivery)).size).toBe(1);
		expect(requests[2].at - requests[1].at).toBeGreaterThanOrEqual(18);
		// Every attempt is encrypted afresh: a new IV, the same notification.
		expect(new Set(requests.map((r) => r.headers['x-initialization-vector'])).size).toBe(3);
		expect(new Set(requests.map((r) => decryptCaptured(r, KEY))).size).toBe(1);
	});

	it('gives up after maxAttempts, waits capped at maxRetryDelayMs', async () => {
		receiver.answerWith(() => 503);
		await pay(sandbox(), (await singleOrder()).id, 'approve');
		await receiver.waitForRequests(6);
		await sandbox().gateway.idle();
		const log = await deliveries();
		expect(log.map((entry) => entry.retryInMs)).toEqual([10, 20, 40, 40, 40, undefined]);
		expect(log.map((entry) => entry.outcome)).toEqual([...Array(5).fill('retrying'), 'gave up']);
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(receiver.requests).toHaveLength(6);
	});

	it('logs a refused connection as status 0 with its code', async () => {
		const closed = await startGatewayReceiver();
		const url = closed.url;
		await closed.close();
		await configure({ url, maxAttempts: 2 });
		await pay(sandbox(), (await singleOrder()).id, 'approve');
		await sandbox().gateway.idle();
		expect(
			(await deliveries()).map(({ status, error, outcome }) => ({ status, error, outcome })),
		).toEqual([
			{ status: 0, error: 'ECONNREFUSED', outcome: 'retrying' },
			{ status: 0, error: 'ECONNREFUSED', outcome: 'gave up' },
		]);
	});

	it('reset cancels pending retries and clears the log, but keeps the settings', async () => {
		await configure({ retryDelayMs: 60_000, maxRetryDelayMs: 60_000 });
		receiver.answerWith(() => 500);
		await pay(sandbox(), (await singleOrder()).id, 'approve');
		await receiver.waitForRequests(1);
		await waitFor(() => sandbox().gateway.deliveries().length === 1);
		await rootClient(sandbox()).post('/__sandbox/reset');
		await sandbox().gateway.idle();
		expect(await deliveries()).toEqual([]);
		expect((await rootClient(sandbox()).get('/__sandbox/gateway')).data.configured).toBe(true);
	});
});

describe('duplicates, tampered and test notifications', () => {
	async function firstPayment() {
		await pay(sandbox(), (await singleOrder()).id, 'approve');
		const [request] = await receiver.waitForRequests(1);
		return request;
	}

	it('resend delivers the last notification again: same content, new IV, logged as a duplicate', async () => {
		const original = await firstPayment();
		const res = await rootClient(sandbox()).post('/__sandbox/gateway/resend');
		expect(res.status).toBe(200);
		expect(res.data).toEqual({ delivery: 2 });
		const [, duplicate] = await receiver.waitForRequests(2);
		expect(decryptCaptured(duplicate, KEY)).toBe(decryptCaptured(original, KEY));
		expect(duplicate.headers['x-initialization-vector']).not.toBe(
			original.headers['x-initialization-vector'],
		);
		await sandbox().gateway.idle();
		const log = await deliveries();
		expect(log.map((entry) => entry.kind)).toEqual(['payment', 'duplicate']);
		expect(log[0].transactionId).toBe(notificationIn(original, KEY).payload.id);
		expect(log[1].transactionId).toBe(log[0].transactionId);
	});

	it.each(['body', 'tag'] as const)('tampered (%s) does not authenticate', async (part) => {
		await firstPayment();
		const res = await rootClient(sandbox()).post('/__sandbox/gateway/tampered', { part });
		expect(res.status).toBe(200);
		const [original, altered] = await receiver.waitForRequests(2);
		expect(() => decryptCaptured(altered, KEY)).toThrow();
		const changed = part === 'body' ? altered.text : altered.headers['x-authentication-tag'];
		expect(changed).toHaveLength(
			(part === 'body' ? original.text : String(original.headers['x-authentication-tag'])).length,
		);
	});

	it('sends the registration test notification', async () => {
		const res = await rootClient(sandbox()).post('/__sandbox/gateway/test');
		expect(res.status).toBe(200);
		const [request] = await receiver.waitForRequests(1);
		expect(notificationIn(request, KEY)).toEqual(GATEWAY.testNotification);
		await sandbox().gateway.idle();
		expect((await deliveries())[0]).toMatchObject({
			kind: 'test',
			transactionId: null,
			type: 'TEST',
		});
		// A test notification is not "the last notification" a resend repeats.
		expect((await rootClient(sandbox()).post('/__sandbox/gateway/resend')).status).toBe(422);
	});

	it('sends any given notification, e.g. a refund made in BillPro’s UI', async () => {
		const refund = {
			type: 'PAYMENT',
			payload: { id: 'a'.repeat(32), paymentType: 'RF', amount: '5.00', currency: 'GBP' },
		};
		const res = await rootClient(sandbox()).post('/__sandbox/gateway/notifications', {
			notification: refund,
		});
		expect(res.data).toEqual({ delivery: 1 });
		const [request] = await receiver.waitForRequests(1);
		expect(notificationIn(request, KEY)).toEqual(refund);
	});

	it('refuses to resend or tamper before anything was sent, and any send while unconfigured', async () => {
		const api = rootClient(sandbox());
		expect((await api.post('/__sandbox/gateway/resend')).data).toEqual({
			gateway: ['has sent no notification yet'],
		});
		expect((await api.post('/__sandbox/gateway/tampered', { part: 'iv' })).data).toEqual({
			part: ['must be body or tag'],
		});
		await api.delete('/__sandbox/gateway');
		const test = await api.post('/__sandbox/gateway/test');
		expect(test.status).toBe(422);
		expect(test.data.gateway[0]).toMatch(/is not configured/);
		expect((await api.post('/__sandbox/gateway/notifications', { notification: {} })).status).toBe(
			422,
		);
	});
});

describe('the gateway settings', () => {
	it('GET shows them without the key; DELETE stops sending', async () => {
		const api = rootClient(sandbox());
		const shown = (await api.get('/__sandbox/gateway')).data;
		expect(shown).toEqual({
			configured: true,
			url: receiver.url,
			format: 'hex',
			maxAttempts: 6,
			retryDelayMs: 10,
			maxRetryDelayMs: 40,
			timeoutMs: 10_000,
			key: 'set (never shown)',
		});
		expect(JSON.stringify(shown)).not.toContain(KEY);
		expect((await api.delete('/__sandbox/gateway')).data).toEqual({ configured: false });
	});

	it('PUT refuses bad settings, keyed by field, and keeps the old ones', async () => {
		const res = await rootClient(sandbox()).put('/__sandbox/gateway', {
			url: 'http://example.com/webhook',
			key: 'abc',
			format: 'xml',
			maxAttempts: 0,
			extra: true,
		});
		expect(res.status).toBe(422);
		expect(res.data).toEqual({
			extra: ['is not a gateway setting'],
			url: ['must be an http:// URL on this machine (127.0.0.1, localhost or [::1])'],
			key: ['must be 64 hexadecimal characters'],
			format: ['must be hex or json'],
			maxAttempts: ['must be an integer from 1 to 20'],
		});
		expect(JSON.stringify(res.data)).not.toContain('abc');
		expect((await rootClient(sandbox()).get('/__sandbox/gateway')).data.url).toBe(receiver.url);
	});

	it('the delivery log never holds the key or the plaintext', async () => {
		await pay(sandbox(), (await singleOrder()).id, 'approve');
		const [request] = await receiver.waitForRequests(1);
		await sandbox().gateway.idle();
		const log = JSON.stringify(await deliveries());
		expect(log).not.toContain(KEY);
		expect(log).not.toContain(KEY.toLowerCase());
		expect(log).not.toContain('merchantTransactionId');
		expect(log).not.toContain(notificationIn(request, KEY).payload.customer.email);
	});

	it('startSandbox({ gateway }) configures it from the start, and refuses bad settings', async () => {
		const own = await startSandbox({ gateway: { url: receiver.url, key: KEY, format: 'json' } });
		try {
			expect(own.gateway.describe()).toMatchObject({ configured: true, format: 'json' });
		} finally {
			await own.close();
		}
		await expect(startSandbox({ gateway: { url: receiver.url } })).rejects.toThrow(
			'Invalid payment gateway settings: key is required',
		);
	});

	it('the CLI takes flags or environment variables, a flag winning', () => {
		expect(gatewayOptions([], {})).toBeUndefined();
		expect(
			gatewayOptions(['--gateway-url', 'http://127.0.0.1:1/a', '--gateway-format=json'], {
				BILLPRO_SANDBOX_GATEWAY_URL: 'http://127.0.0.1:2/b',
				BILLPRO_SANDBOX_GATEWAY_KEY: KEY,
			}),
		).toEqual({ url: 'http://127.0.0.1:1/a', key: KEY, format: 'json' });
	});
});
