import type { IDataObject } from 'n8n-workflow';
import { CUSTOMER } from '../sandbox-rules/orders';
import { runBillPro } from '../harness/workflow';
import { createOrder, productOf } from './orderFixtures';
import { useSandbox } from './sandboxFixture';
import { acceptedIn, itemsIn } from './stoppedRun';

/**
 * n8n keeps Retry on a failed execution until one of its retries succeeds, and its REST retry
 * does not check at all, so a user can retry the same failed execution twice. The first Retry
 * sent rows the failed execution's data knows nothing of: a second Retry of the same execution
 * must not send them again. 12 orders (BillPro takes a repeated order as a new one), one at a
 * time: BillPro refuses row 6 in the run and row 9 in the first Retry.
 */

const ROWS = 12;

describe('Creating orders, the failed execution retried twice', () => {
	const billPro = useSandbox();
	const rows: IDataObject[] = Array.from({ length: ROWS }, (_, row) => ({
		invoice: `TWICE-${row}`,
	}));

	/** BillPro refuses the write after the next `accepted` ones, once (422: it changed nothing). */
	const refuseAfter = (accepted: number) =>
		billPro.sandbox.faults.add({
			kind: 'status',
			status: 422,
			method: 'POST',
			path: 'createSingleOrder',
			skip: accepted,
		});

	/** How many orders BillPro created with each row's invoice ID, by row. */
	const createdPerRow = () => {
		const created = billPro
			.requests()
			.filter((request) => request.method === 'POST' && request.status === 200)
			.map((request) => ((request.body as IDataObject).order as IDataObject).invoice_id);
		return rows.map((row) => created.filter((invoice) => invoice === row.invoice).length);
	};

	const run = async () =>
		await runBillPro({
			credentials: billPro.singleProfile(),
			items: rows,
			parameters: {
				...createOrder({ id: CUSTOMER.ada }, 'single_payment', [
					productOf(billPro.sandbox, 'single_payment'),
				]),
				additionalFields: { invoiceId: '={{ $json.invoice }}' },
				requestOptions: { maxConcurrency: 1 },
			},
		});

	it('the second Retry sends nothing the first sent, and a Retry of the first finishes the rows once each', async () => {
		refuseAfter(6);
		const failed = await run();
		expect([...acceptedIn(failed.error?.description).keys()]).toEqual([0, 1, 2, 3, 4, 5]);

		refuseAfter(3);
		const firstRetry = await failed.retry();
		expect([...acceptedIn(firstRetry.error?.description).keys()]).toEqual([
			0, 1, 2, 3, 4, 5, 6, 7, 8,
		]);
		expect(itemsIn(firstRetry.error?.description, 'Failed:')).toEqual([9]);
		expect(createdPerRow()).toEqual([...Array(9).fill(1), 0, 0, 0]);

		// The user retries the original failed execution again (its Retry is still offered).
		const secondRetry = await failed.retry();
		expect(createdPerRow()).toEqual([...Array(9).fill(1), 0, 0, 0]);
		expect(secondRetry.error?.message).toMatch(/already retried/);
		expect(secondRetry.error?.description).toMatch(/Retry the latest failed Retry/);

		// The latest failed Retry holds what BillPro accepted in both: it sends rows 9–11 only.
		const lastRetry = await firstRetry.retry();
		expect(lastRetry.error).toBeUndefined();
		expect(lastRetry.items.map((item) => item.pairedItem)).toEqual(
			rows.map((_, item) => ({ item })),
		);
		expect(lastRetry.items.map((item) => item.json.invoice_id)).toEqual(
			rows.map((row) => row.invoice),
		);
		expect(createdPerRow()).toEqual(Array(ROWS).fill(1));
	});

	it("once a Retry succeeded, n8n's REST retry of the same failed execution sends nothing again", async () => {
		refuseAfter(6);
		const failed = await run();
		const retried = await failed.retry();
		expect(retried.error).toBeUndefined();
		expect(createdPerRow()).toEqual(Array(ROWS).fill(1));

		const again = await failed.retry();
		expect(again.error?.message).toMatch(/already retried/);
		expect(createdPerRow()).toEqual(Array(ROWS).fill(1));
	});
});
