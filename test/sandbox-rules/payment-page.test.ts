import {
	notificationIn,
	randomGatewayKey,
	startGatewayReceiver,
	type GatewayReceiver,
} from '../harness/gatewayReceiver';
import { sandboxPerFile } from '../harness/sandboxPerFile';
import type { OrderResponse } from '../../sandbox';
import { rootClient, single } from './client';
import { SEEDED, created, orderOf, pay } from './orders';

const sandbox = sandboxPerFile();

/** The path of the order's payment link, e.g. /pay/3-0A1B2C3D4E. */
const linkPath = (order: OrderResponse) => new URL(order.payment_link).pathname;

const open = (path: string) => rootClient(sandbox()).get(path, { responseType: 'text' });

/** Presses a button: the form posts its value as application/x-www-form-urlencoded. */
const press = (path: string, outcome: string) =>
	rootClient(sandbox()).post(path, new URLSearchParams({ outcome }).toString(), {
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		responseType: 'text',
	});

/** The text of the element with this id (the page has no nested markup inside them). */
function textOf(html: string, id: string): string | undefined {
	return new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(html)?.[1];
}

const singleOrder = () =>
	created(single(sandbox()), 'single_payment', orderOf(sandbox(), SEEDED.singleGbp));
const subscription = () =>
	created(single(sandbox()), 'subscription', orderOf(sandbox(), SEEDED.subscriptionEur));

describe('the payment link opens a payment page', () => {
	it('shows the order: id, amount, currency, customer and status, with three buttons', async () => {
		const order = await singleOrder();
		expect(order.payment_link.startsWith(`${sandbox().url}/pay/${order.id}-`)).toBe(true);
		const res = await open(linkPath(order));
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
		const html: string = res.data;
		expect(textOf(html, 'order-id')).toBe(String(order.id));
		expect(textOf(html, 'order-amount')).toBe(order.total_to_pay);
		expect(textOf(html, 'order-currency')).toBe('GBP');
		expect(textOf(html, 'order-customer')).toBe('Ada Lovelace (ada.lovelace@example.com)');
		expect(textOf(html, 'order-status')).toBe('pending');
		expect(textOf(html, 'pay-approve')).toBe('Pay');
		expect(textOf(html, 'pay-soft-decline')).toBe('Soft decline');
		expect(textOf(html, 'pay-hard-decline')).toBe('Hard decline');
		expect(html).not.toContain('id="payment-result"');
	});

	it('loads nothing from elsewhere: no scripts, no external links or images', async () => {
		const html: string = (await open(linkPath(await singleOrder()))).data;
		expect(html).not.toMatch(/<script|<link|<img|src=|href=|url\(/i);
	});

	it('shows what a live order collects next', async () => {
		const order = await subscription();
		sandbox().store.processPayment(1, order.id, 'approve');
		const html: string = (await open(linkPath(order))).data;
		expect(textOf(html, 'order-status')).toBe('active');
		expect(textOf(html, 'order-amount')).toBe(
			sandbox().store.scheduledPayments(1, order.id)[0].amount,
		);
	});

	it.each([
		['a wrong code', (path: string) => path.replace(/-[A-Z0-9]+$/, '-WRONGCODE0')],
		['an unknown order', () => '/pay/999-ABCDEFGHIJ'],
		['no code', (path: string) => path.replace(/-[A-Z0-9]+$/, '')],
	])('answers 404 for %s', async (_label, change) => {
		const path = change(linkPath(await singleOrder()));
		expect((await open(path)).status).toBe(404);
		expect((await press(path, 'approve')).status).toBe(404);
		expect(sandbox().store.orders(1)[0].status).toBe('pending');
	});
});

describe('pressing a button processes the payment like POST /__sandbox/orders/{id}/payments', () => {
	it('Pay approves: a single payment is complete, and the page says so', async () => {
		const order = await singleOrder();
		const res = await press(linkPath(order), 'approve');
		expect(res.status).toBe(200);
		expect(res.data).toContain('id="payment-result" data-result="approved"');
		expect(textOf(res.data, 'payment-result')).toBe(
			'Payment approved (000.000.000 Transaction succeeded). The order is now complete.',
		);
		expect(textOf(res.data, 'order-status')).toBe('complete');
		expect(sandbox().store.order(1, order.id)?.status).toBe('complete');
	});

	it.each([
		['soft_decline', 'soft-declined', 'failed'],
		['hard_decline', 'hard-declined', 'suspended'],
	])(
		'%s on a live order: the same payment and order statuses as the control endpoint',
		async (outcome, paymentStatus, orderStatus) => {
			const viaPage = await subscription();
			const viaControl = await subscription();
			for (const order of [viaPage, viaControl])
				sandbox().store.processPayment(1, order.id, 'approve');
			const res = await press(linkPath(viaPage), outcome);
			await pay(sandbox(), viaControl.id, outcome as 'soft_decline' | 'hard_decline');
			expect(res.status).toBe(200);
			expect(res.data).toContain(`data-result="${paymentStatus}"`);
			for (const order of [viaPage, viaControl]) {
				expect(sandbox().store.order(1, order.id)?.status).toBe(orderStatus);
				expect(sandbox().store.scheduledPayments(1, order.id)[0]).toMatchObject({
					status: paymentStatus,
					attempts: 1,
				});
			}
		},
	);

	it('a payment the order cannot take is refused with 422 and the reason', async () => {
		const order = await singleOrder();
		await press(linkPath(order), 'approve');
		const res = await press(linkPath(order), 'approve');
		expect(res.status).toBe(422);
		expect(textOf(res.data, 'payment-result')).toBe(
			'The payment was not processed: cannot take a payment: the order is complete',
		);
	});

	it('an unknown outcome is refused with 422 and changes nothing', async () => {
		const order = await singleOrder();
		const res = await press(linkPath(order), 'steal');
		expect(res.status).toBe(422);
		expect(res.data).toContain('data-result="refused"');
		expect(sandbox().store.order(1, order.id)?.status).toBe('pending');
	});

	it('is not logged as an API request', async () => {
		const order = await singleOrder();
		sandbox().store.resetRequests();
		await open(linkPath(order));
		await press(linkPath(order), 'approve');
		expect(sandbox().store.requests).toEqual([]);
	});
});

describe('a payment on the page sends the gateway notification', () => {
	let receiver: GatewayReceiver;
	const key = randomGatewayKey();
	beforeAll(async () => {
		receiver = await startGatewayReceiver();
	});
	afterAll(() => receiver.close());

	it('Hard decline on the page is POSTed as a declined debit of the order', async () => {
		await rootClient(sandbox()).put('/__sandbox/gateway', { url: receiver.url, key });
		const order = await singleOrder();
		await press(linkPath(order), 'hard_decline');
		const [request] = await receiver.waitForRequests(1);
		expect(notificationIn(request, key).payload).toMatchObject({
			paymentType: 'DB',
			merchantTransactionId: String(order.id),
			amount: order.total_to_pay,
			result: { code: '800.100.151' },
		});
	});
});
