import type { IDataObject } from 'n8n-workflow';
import { ActiveTrigger } from '../harness/poll';
import { runBillPro } from '../harness/workflow';
import { createOrder, newCustomer, productOf } from './orderFixtures';
import { useSandbox } from './sandboxFixture';

/**
 * The BillPro Trigger when what it reads changes under it: BillPro reset, records deleted in
 * BillPro's UI, the trigger pointed at another account, watched orders BillPro does not have.
 * Seeded customers: profile 1 has ids 1–3, profile 5 ids 4–5, profile 7 id 6 (one id counter).
 */
const billPro = useSandbox();

const newCustomers = { events: ['newCustomer'] };
const ids = (events: IDataObject[]) => events.map((event) => event.id);

async function orderFor() {
	const customer = await newCustomer(billPro.singleProfile());
	const { items, error } = await runBillPro({
		credentials: billPro.singleProfile(),
		parameters: createOrder(customer, 'subscription', [productOf(billPro.sandbox, 'subscription')]),
	});
	if (error) throw error;
	return items[0].json as IDataObject & { id: number };
}

const pay = (orderId: number, outcome: 'approve' | 'soft_decline') =>
	billPro.sandbox.store.processPayment(1, orderId, outcome);

describe("A New Customer trigger when BillPro's customer list changes under it", () => {
	it('BillPro reset under an active trigger (its IDs start again): reported once, and customers added after it start the workflow', async () => {
		const trigger = new ActiveTrigger(billPro.singleProfile(), newCustomers);
		await trigger.poll();
		for (let n = 0; n < 3; n++) await newCustomer(billPro.singleProfile());
		expect(ids(await trigger.poll())).toEqual([7, 8, 9]);

		billPro.sandbox.store.reset();
		await newCustomer(billPro.singleProfile());
		await newCustomer(billPro.singleProfile());
		expect(await trigger.poll()).toEqual([]);
		expect(trigger.reports).toEqual([
			{
				message:
					"BillPro's customer list went backwards: its highest customer ID is now 8, and the trigger had seen up to 9",
				description: expect.stringContaining(
					"Customers added since the trigger's last poll with an ID of 8 or lower did not start the workflow: check them in BillPro.",
				),
			},
		]);

		expect(await trigger.poll()).toEqual([]);
		const added = await newCustomer(billPro.singleProfile(), 'after.reset@example.com');
		expect(await trigger.poll()).toEqual([
			expect.objectContaining({ event: 'newCustomer', id: added.id }),
		]);
		expect(trigger.reports).toHaveLength(1);
	});

	it('the newest customer deleted in BillPro: reported as possibly harmless, and the next customer starts the workflow', async () => {
		const trigger = new ActiveTrigger(billPro.singleProfile(), newCustomers);
		await trigger.poll();
		const newest = await newCustomer(billPro.singleProfile());
		expect(ids(await trigger.poll())).toEqual([newest.id]);

		billPro.sandbox.store.deleteCustomerInUi(1, Number(newest.id));
		expect(await trigger.poll()).toEqual([]);
		expect(trigger.reports).toEqual([
			{
				message: expect.stringMatching(
					/customer list went backwards: its highest customer ID is now 3,/,
				),
				description: expect.stringMatching(
					/^Either the newest customers were deleted in BillPro \(then nothing was missed\)/,
				),
			},
		]);
		const next = await newCustomer(billPro.singleProfile());
		expect(ids(await trigger.poll())).toEqual([next.id]);
		expect(trigger.reports).toHaveLength(1);
	});

	it('an older customer deleted in BillPro: nothing to report, and nothing missed', async () => {
		const trigger = new ActiveTrigger(billPro.singleProfile(), newCustomers);
		await trigger.poll();
		billPro.sandbox.store.deleteCustomerInUi(1, 2);
		const next = await newCustomer(billPro.singleProfile());
		expect(ids(await trigger.poll())).toEqual([next.id]);
		expect(trigger.reports).toEqual([]);
	});

	it('a list emptied under the trigger: reported, and the first customer added afterwards starts the workflow', async () => {
		const trigger = new ActiveTrigger(billPro.singleProfile(), newCustomers);
		await trigger.poll();
		for (const id of [1, 2, 3]) billPro.sandbox.store.deleteCustomerInUi(1, id);
		expect(await trigger.poll()).toEqual([]);
		expect(trigger.reports.map((report) => report.message)).toEqual([
			"BillPro's customer list went backwards: it now lists no customers, and the trigger had seen up to 3",
		]);
		const first = await newCustomer(billPro.singleProfile());
		expect(ids(await trigger.poll())).toEqual([first.id]);
	});
});

describe('A BillPro Trigger pointed at another BillPro account', () => {
	it('the credential switched to another account: the existing customers there start nothing, the ones added there afterwards do', async () => {
		const trigger = new ActiveTrigger(billPro.singleProfile(), newCustomers);
		await trigger.poll();
		trigger.useCredentials(billPro.multiProfile('5'));
		// Profile 5's customers (ids 4 and 5) are above anything profile 1 had: not new all the same.
		expect(await trigger.poll()).toEqual([]);
		const added = await newCustomer(billPro.multiProfile('5'), 'eu.shop@example.com');
		expect(await trigger.poll()).toEqual([
			expect.objectContaining({ event: 'newCustomer', id: added.id }),
		]);
		expect(trigger.reports).toEqual([]);
	});

	it('Request Options → Profile ID switched to another profile: a new baseline there', async () => {
		const trigger = new ActiveTrigger(billPro.multiProfile('5'), newCustomers);
		await trigger.poll();
		const inProfile7 = trigger.reactivated({ ...newCustomers, requestOptions: { profileId: '7' } });
		expect(await inProfile7.poll()).toEqual([]);
		const added = await newCustomer(billPro.multiProfile('7'), 'uk.shop@example.com');
		expect(ids(await inProfile7.poll())).toEqual([added.id]);
		expect(inProfile7.reports).toEqual([]);
	});

	it('switched with Include Existing Records on: starts with every record of the other account, as on activation', async () => {
		const trigger = new ActiveTrigger(billPro.singleProfile(), {
			...newCustomers,
			options: { includeExisting: true },
		});
		expect(ids(await trigger.poll())).toEqual([1, 2, 3]);
		trigger.useCredentials(billPro.multiProfile('5'));
		expect(ids(await trigger.poll())).toEqual([4, 5]);
		expect(await trigger.poll()).toEqual([]);
	});

	it('what the trigger kept before it noted the account (an upgrade) still holds: no new baseline', async () => {
		const keptByTheLastVersion = { 'node:BillPro Trigger': { newCustomer: { page: 1, maxId: 3 } } };
		const upgraded = new ActiveTrigger(billPro.singleProfile(), newCustomers, keptByTheLastVersion);
		const added = await newCustomer(billPro.singleProfile());
		expect(ids(await upgraded.poll())).toEqual([added.id]);
		expect(upgraded.reports).toEqual([]);
	});
});

describe('An order trigger with a watched order BillPro does not have', () => {
	const watching = (orderIds: number[], events = ['orderStatusChanged']) => ({
		events,
		watchedOrderIds: orderIds.join(', '),
	});

	it('activation succeeds and reports it once; the other order starts the workflow; once BillPro has it, it is watched from then on', async () => {
		const order = await orderFor();
		const notYet = order.id + 1;
		const trigger = new ActiveTrigger(billPro.singleProfile(), watching([order.id, notYet]));
		expect(await trigger.poll()).toEqual([]);
		expect(trigger.reports).toEqual([
			{
				message: `Watched order ${notYet} was not found in BillPro`,
				description: expect.stringContaining('The trigger goes on watching the other orders'),
			},
		]);

		pay(order.id, 'approve');
		expect(await trigger.poll()).toEqual([
			expect.objectContaining({ id: order.id, previousStatus: 'pending', status: 'active' }),
		]);
		expect(await trigger.poll()).toEqual([]);

		const later = await orderFor();
		expect(later.id).toBe(notYet);
		expect(await trigger.poll()).toEqual([]);
		pay(later.id, 'approve');
		expect(await trigger.poll()).toEqual([
			expect.objectContaining({ id: later.id, previousStatus: 'pending', status: 'active' }),
		]);
		expect(trigger.reports).toHaveLength(1);
	});

	it('a watched order that disappears: one report, also when both order events watch it; the other order goes on, also after a restart', async () => {
		const [kept, gone] = [await orderFor(), await orderFor()];
		for (const order of [kept, gone]) pay(order.id, 'approve');
		const trigger = new ActiveTrigger(
			billPro.singleProfile(),
			watching([kept.id, gone.id], ['orderStatusChanged', 'scheduledPaymentStatusChanged']),
		);
		await trigger.poll();

		billPro.sandbox.store.removeOrder(1, gone.id);
		pay(kept.id, 'soft_decline');
		const events = await trigger.poll();
		expect(events.map((event) => [event.event, event.status])).toEqual([
			['orderStatusChanged', 'failed'],
			['scheduledPaymentStatusChanged', 'soft-declined'],
		]);
		expect(events.every((event) => (event.orderId ?? event.id) === kept.id)).toBe(true);
		expect(trigger.reports.map((report) => report.message)).toEqual([
			`Watched order ${gone.id} was not found in BillPro`,
		]);

		expect(await trigger.poll()).toEqual([]);
		const afterRestart = trigger.restarted();
		expect(await afterRestart.poll()).toEqual([]);
		expect([...trigger.reports, ...afterRestart.reports]).toHaveLength(1);
	});

	it('a poll that fails for another reason still fails, and loses nothing', async () => {
		const order = await orderFor();
		const trigger = new ActiveTrigger(billPro.singleProfile(), watching([order.id]));
		await trigger.poll();
		pay(order.id, 'approve');
		billPro.sandbox.faults.add({ kind: 'status', status: 503, method: 'GET', times: 4 });
		await expect(trigger.poll()).rejects.toThrow(/503|BillPro/);
		expect(ids(await trigger.poll())).toEqual([order.id]);
		expect(trigger.reports).toEqual([]);
	});
});

describe("A New or Changed Product trigger when products are deleted in BillPro's UI", () => {
	it("the newest product deleted: reported once, and another product's change in the same poll still starts the workflow", async () => {
		const trigger = new ActiveTrigger(billPro.singleProfile(), { events: ['newOrChangedProduct'] });
		await trigger.poll();
		const products = billPro.sandbox.store.products(1);
		const [newest, changed] = [products.at(-1)!, products[0]];
		billPro.sandbox.store.deleteProductInUi(1, newest.id);
		billPro.sandbox.store.changeProductInUi(1, changed.id, { price: '7.77' });
		expect(await trigger.poll()).toEqual([
			expect.objectContaining({ event: 'productChanged', id: changed.id }),
		]);
		expect(trigger.reports.map((report) => report.message)).toEqual([
			`BillPro's product list went backwards: its highest product ID is now ${newest.id - 1}, and the trigger had seen up to ${newest.id}`,
		]);
		expect(await trigger.poll()).toEqual([]);
		expect(trigger.reports).toHaveLength(1);
	});
});
