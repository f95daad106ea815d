import type { IDataObject } from 'n8n-workflow';
import { ActiveTrigger } from '../harness/poll';
import { newCustomer } from './orderFixtures';
import { useSandbox } from './sandboxFixture';

/**
 * The BillPro Trigger when what it reads changes under it: the trigger pointed at another account.
 * Seeded customers: profile 1 has ids 1–3, profile 5 ids 4–5, profile 7 id 6 (one id counter).
 */
const billPro = useSandbox();

const newCustomers = { events: ['newCustomer'] };
const ids = (events: IDataObject[]) => events.map((event) => event.id);

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
