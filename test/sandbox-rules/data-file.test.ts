/**
 * The interactive sandbox's data file: what a person made survives a restart, ids continue, a
 * reset empties it, and a bad or missing file starts from the seed with a line saying so.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { endpointPath } from '../../nodes/BillPro/shared/api';
import { startSandbox, WRITE_DELAY_MS, type Sandbox } from '../../sandbox';
import { rootClient, single, uniqueEmail } from './client';
import { created, orderOf, pay, SEEDED } from './orders';

let folder: string;
let file: string;
const running: Sandbox[] = [];

async function start(options: { resetData?: boolean } = {}): Promise<Sandbox> {
	const sandbox = await startSandbox({ dataFile: file, ...options });
	running.push(sandbox);
	return sandbox;
}

async function stop(sandbox: Sandbox): Promise<void> {
	running.splice(running.indexOf(sandbox), 1);
	await sandbox.close();
}

async function newCustomer(sandbox: Sandbox): Promise<{ id: number; email: string }> {
	const email = uniqueEmail('kept');
	const res = await single(sandbox).post(endpointPath('createCustomer'), {
		customer: { first_name: 'Kept', last_name: 'Across', email },
	});
	expect(res.status).toBe(200);
	return { id: res.data.id, email };
}

const getCustomer = (sandbox: Sandbox, id: number) =>
	single(sandbox).get(endpointPath('getCustomer').replace('{id}', String(id)));
const getOrder = (sandbox: Sandbox, id: number) =>
	single(sandbox).get(endpointPath('getOrder').replace('{id}', String(id)));

beforeEach(() => {
	folder = mkdtempSync(path.join(tmpdir(), 'billpro-sandbox-data-'));
	file = path.join(folder, 'sandbox-data.json');
});

afterEach(async () => {
	await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
	rmSync(folder, { recursive: true, force: true });
});

describe('the sandbox data file', () => {
	it('keeps customers, orders, scheduled payments and product changes across a restart, and ids continue', async () => {
		const first = await start();
		expect(first.data).toMatchObject({ path: file, start: 'new' });
		expect(first.data?.note).toContain(file);
		const customer = await newCustomer(first);
		const order = await created(single(first), 'subscription', {
			...orderOf(first, SEEDED.subscriptionEur),
			customer_id: customer.id,
		});
		expect((await pay(first, order.id, 'approve')).status).toBe(200);
		const payments = (
			await single(first).get(
				endpointPath('listScheduledPayments').replace('{id}', String(order.id)),
			)
		).data;
		expect(payments.length).toBeGreaterThan(0);
		const priceChange = await rootClient(first).post(
			`/__sandbox/products/${SEEDED.singleGbp}`,
			{ price: '12.34' },
			{ params: { profile_id: 1 } },
		);
		expect(priceChange.status).toBe(200);
		const orderBefore = (await getOrder(first, order.id)).data;
		await stop(first);

		const second = await start();
		expect(second.data).toMatchObject({ start: 'kept' });
		expect(second.data?.note).toBe(`Sandbox data kept from ${file}`);
		const customerAfter = await getCustomer(second, customer.id);
		expect(customerAfter.status).toBe(200);
		expect(customerAfter.data.email).toBe(customer.email);
		expect((await getOrder(second, order.id)).data).toEqual(orderBefore);
		expect(
			(
				await single(second).get(
					endpointPath('listScheduledPayments').replace('{id}', String(order.id)),
				)
			).data,
		).toEqual(payments);
		expect(second.store.product(1, SEEDED.singleGbp)?.price).toBe('12.34');
		// The email stays taken, and the next customer gets the next id, not a seeded one.
		const duplicate = await single(second).post(endpointPath('createCustomer'), {
			customer: { first_name: 'Kept', last_name: 'Again', email: customer.email },
		});
		expect(duplicate.status).toBe(422);
		expect((await newCustomer(second)).id).toBe(customer.id + 1);
	});

	it('writes each change soon after it happens, not only when the sandbox stops', async () => {
		const sandbox = await start();
		const customer = await newCustomer(sandbox);
		await new Promise((resolve) => setTimeout(resolve, WRITE_DELAY_MS * 3));
		expect(readFileSync(file, 'utf8')).toContain(customer.email);
		expect(existsSync(`${file}.${process.pid}.tmp`)).toBe(false);
	});

	it('POST /__sandbox/reset empties it, for this run and the next', async () => {
		const first = await start();
		const customer = await newCustomer(first);
		expect((await rootClient(first).post('/__sandbox/reset')).status).toBe(200);
		expect((await getCustomer(first, customer.id)).status).toBe(422);
		await stop(first);

		const second = await start();
		expect(second.data?.start).toBe('kept');
		expect((await getCustomer(second, customer.id)).status).toBe(422);
		expect((await newCustomer(second)).id).toBe(customer.id);
	});

	it('resetData starts from the seed and overwrites the file (npm start -- --reset)', async () => {
		const first = await start();
		const customer = await newCustomer(first);
		const dataId = first.store.dataId;
		await stop(first);

		const second = await start({ resetData: true });
		expect(second.data).toMatchObject({ start: 'reset' });
		expect(second.store.dataId).not.toBe(dataId);
		expect((await getCustomer(second, customer.id)).status).toBe(422);
		await stop(second);

		const third = await start();
		expect(third.data?.start).toBe('kept');
		expect((await getCustomer(third, customer.id)).status).toBe(422);
	});

	it.each([
		['not JSON', '{"format": "billpro-sandbox-data/1", "profiles": {'],
		['another layout', JSON.stringify({ customers: [] })],
		['ids above their counters', 'ids'],
	])(
		'a file that is %s starts from the seed with a console line, and is moved aside',
		async (_what, content) => {
			if (content === 'ids') {
				const valid = await start();
				await stop(valid);
				const saved = JSON.parse(readFileSync(file, 'utf8'));
				saved.lastIds.customer = 1;
				content = JSON.stringify(saved);
			}
			writeFileSync(file, content);
			const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
			try {
				const sandbox = await start();
				expect(sandbox.data?.start).toBe('unreadable');
				expect(warn).toHaveBeenCalledTimes(1);
				expect(warn.mock.calls[0][0]).toMatch(
					new RegExp(
						`^Sandbox data file ${file} was unreadable \\(.+\\): moved to ${file}\\.unreadable, started from the seed$`,
					),
				);
				expect(readFileSync(`${file}.unreadable`, 'utf8')).toBe(content);
				expect(sandbox.store.customers(1)).toHaveLength(3);
				expect(JSON.parse(readFileSync(file, 'utf8')).dataId).toBe(sandbox.store.dataId);
			} finally {
				warn.mockRestore();
			}
		},
	);

	it('a missing file starts from the seed and is created at once', async () => {
		const log = jest.spyOn(console, 'warn');
		const sandbox = await start();
		expect(sandbox.data?.note).toBe(`Sandbox data: no file yet, started from the seed in ${file}`);
		expect(log).not.toHaveBeenCalled();
		log.mockRestore();
		expect(JSON.parse(readFileSync(file, 'utf8')).dataId).toBe(sandbox.store.dataId);
		expect(sandbox.store.customers(1)).toHaveLength(3);
	});

	it('a sandbox started without a data file keeps its data in memory only, as in tests', async () => {
		const sandbox = await startSandbox();
		running.push(sandbox);
		expect(sandbox.data).toBeUndefined();
		await newCustomer(sandbox);
		expect(existsSync(file)).toBe(false);
	});
});
