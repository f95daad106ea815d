import { sandboxPerFile } from '../harness/sandboxPerFile';
import { FIELD, endpointPath } from '../../nodes/BillPro/shared/api';
import type { OrderType } from '../../sandbox';
import { multi, single } from './client';
import { NOT_FOUND, SEEDED, created, orderOf, pay } from './orders';

const sandbox = sandboxPerFile();

const MINUTES_25 = 25 * 60_000;

/** An order of the type; `extra` defaults to `{create_checkout: true}`. */
async function withCheckout(
	type: OrderType = 'single_payment',
	extra: Record<string, unknown> = { create_checkout: true },
) {
	const productId = type === 'single_payment' ? SEEDED.singleGbp : SEEDED.subscriptionEur;
	return created(single(sandbox()), type, orderOf(sandbox(), productId, extra));
}

const renew = (id: number | string, api = single(sandbox())) =>
	api.post(endpointPath('renewCheckout', id));

describe('POST renew checkout (order id in the path)', () => {
	it('answers a new checkout id expiring in 25 minutes, and the order shows it', async () => {
		const order = await withCheckout();
		const res = await renew(order.id);
		expect(res.status).toBe(200);
		expect(Object.keys(res.data)).toEqual(['order_id', FIELD.checkoutId, 'checkout_expires_at']);
		expect(res.data.order_id).toBe(order.id);
		expect(res.data[FIELD.checkoutId]).toMatch(/^[0-9A-F]{32}$/);
		expect(res.data[FIELD.checkoutId]).not.toBe(order[FIELD.checkoutId]);
		const now = sandbox().store.order(1, order.id)!;
		expect(now[FIELD.checkoutId]).toBe(res.data[FIELD.checkoutId]);
		expect(now.checkout_expires_at).toBe(res.data.checkout_expires_at);
		expect(Date.parse(res.data.checkout_expires_at) - Date.parse(now.updated_at)).toBe(MINUTES_25);
		expect(now.updated_at > order.updated_at).toBe(true);
		expect(now.status).toBe('pending');
		expect(sandbox().store.requests.at(-1)).toMatchObject({
			method: 'POST',
			path: `/api/v1/order_checkouts/${order.id}`,
			status: 200,
		});
	});

	it('gives a different id at every renewal, also for a recurring order', async () => {
		const order = await withCheckout('subscription');
		const ids = [order[FIELD.checkoutId]];
		for (let i = 0; i < 3; i++) ids.push((await renew(order.id)).data[FIELD.checkoutId]);
		expect(new Set(ids).size).toBe(4);
	});

	it('ignores a body', async () => {
		const order = await withCheckout();
		const res = await single(sandbox()).post(endpointPath('renewCheckout', order.id), {
			checkout: { id: 'x' },
		});
		expect(res.status).toBe(200);
	});

	it.each([
		['create_checkout false', { create_checkout: false }],
		['no create_checkout', {}],
	])('refuses an order created with %s', async (_label, extra) => {
		const order = await withCheckout('single_payment', extra);
		expect(order).not.toHaveProperty(FIELD.checkoutId);
		const res = await renew(order.id);
		expect(res.status).toBe(422);
		expect(res.data).toEqual({ checkout: ['the order was not created with create_checkout'] });
		expect(sandbox().store.order(1, order.id)).toEqual(order);
	});

	it.each([
		['complete (paid single payment)', 'single_payment', 'pay'],
		['active (paid subscription)', 'subscription', 'pay'],
		['cancelled', 'single_payment', 'cancel'],
	] as const)('refuses an order that is %s: no longer pending', async (_label, type, how) => {
		const order = await withCheckout(type);
		if (how === 'pay') await pay(sandbox(), order.id, 'approve');
		else await single(sandbox()).put(endpointPath('cancelOrder', order.id));
		const before = sandbox().store.order(1, order.id);
		const res = await renew(order.id);
		expect(res.status).toBe(422);
		expect(res.data).toEqual({ checkout: ['the order is no longer pending'] });
		expect(sandbox().store.order(1, order.id)).toEqual(before);
	});

	it('says "not created with create_checkout" before "no longer pending"', async () => {
		const order = await withCheckout('single_payment', { create_checkout: false });
		await pay(sandbox(), order.id, 'approve');
		expect((await renew(order.id)).data).toEqual({
			checkout: ['the order was not created with create_checkout'],
		});
	});

	it('renews after a declined payment (the order is still pending)', async () => {
		const order = await withCheckout();
		await pay(sandbox(), order.id, 'soft_decline');
		expect((await renew(order.id)).status).toBe(200);
	});

	it('answers {"id":["not found"]} for unknown ids and other profiles’ orders', async () => {
		const five = await created(multi(sandbox(), 5), 'single_payment', {
			customer_id: 4,
			currency: 'EUR',
			create_checkout: true,
			order_products: [{ product_id: SEEDED.profile5Single }],
		});
		for (const [id, api] of [
			[999, single(sandbox())],
			['abc', single(sandbox())],
			[five.id, single(sandbox())],
			[five.id, multi(sandbox(), 7)],
		] as const) {
			const res = await renew(id, api);
			expect([id, res.status, res.data]).toEqual([id, 422, NOT_FOUND]);
		}
		expect((await renew(five.id, multi(sandbox(), 5))).status).toBe(200);
	});

	it('answers 404 for another method', async () => {
		const order = await withCheckout();
		for (const method of ['get', 'put'] as const) {
			const res = await single(sandbox()).request({
				method,
				url: endpointPath('renewCheckout', order.id),
			});
			expect([method, res.status]).toEqual([method, 404]);
		}
	});
});
