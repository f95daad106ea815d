import { runBillPro } from '../harness/workflow';
import { useSandbox } from './sandboxFixture';

describe('When BillPro refuses a request', () => {
	const billPro = useSandbox();

	it('explains a refused token without showing it', async () => {
		const token = 'wrongtoken1234567890';
		const { error } = await runBillPro({
			credentials: billPro.singleProfile({ apiToken: token }),
			parameters: { resource: 'product', operation: 'getAll' },
		});
		expect(error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '401',
			message: 'BillPro did not accept the API token (HTTP 401)',
		});
		expect(error?.description).toMatch(/Copy the Api Token again/);
		expect(JSON.stringify(error)).not.toContain(token);
	});

	it('says the endpoint does not exist when the URL is wrong', async () => {
		const { error } = await runBillPro({
			credentials: billPro.singleProfile({ customUrl: billPro.sandbox.url + '/api' }),
			parameters: { resource: 'product', operation: 'getAll' },
		});
		expect(error).toMatchObject({ httpCode: '404' });
		expect(error?.message).toBe('BillPro has no API endpoint at this address (HTTP 404)');
		expect(error?.description).toMatch(/should end in \/api\/v1/);
	});

	it('with Continue On Fail, fails only the bad item and keeps each output with its input', async () => {
		const { items, error } = await runBillPro({
			credentials: billPro.singleProfile(),
			continueOnFail: true,
			items: [
				{ mail: 'first@example.com' },
				{ mail: 'first@example.com' },
				{ mail: 'not-an-email' },
				{ mail: 'fourth@example.com' },
			],
			parameters: {
				resource: 'customer',
				operation: 'create',
				firstName: 'Item',
				lastName: 'Owner',
				email: '={{ $json.mail }}',
			},
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => [item.pairedItem, item.json.email ?? item.json.error])).toEqual([
			[{ item: 0 }, 'first@example.com'],
			[{ item: 1 }, "BillPro rejected 'Email' has already been taken"],
			[{ item: 2 }, "'Email' is not an email address; got 'not-an-email' [item 2]"],
			[{ item: 3 }, 'fourth@example.com'],
		]);
		expect(billPro.sandbox.store.customers(1).filter((c) => c.last_name === 'Owner')).toHaveLength(
			2,
		);
	});

	it('with Continue On Fail, pairs a failed item with its input when a list gives many outputs', async () => {
		const { items, error } = await runBillPro({
			credentials: billPro.singleProfile(),
			continueOnFail: true,
			items: [{ limit: 3 }, { limit: 'three' }, { limit: 2 }],
			parameters: { resource: 'product', operation: 'getAll', limit: '={{ $json.limit }}' },
		});
		expect(error).toBeUndefined();
		// 3 inputs, 6 outputs: n8n cannot pair these by position, so the node pairs each itself.
		expect(items.map((item) => item.pairedItem)).toEqual(
			[0, 0, 0, 1, 2, 2].map((item) => ({ item })),
		);
		expect(items[3].json.error).toBe(
			"'Limit' must be a whole number of at least 1; got 'three' [item 1]",
		);
	});

	it('without Continue On Fail, stops at the first bad item and names it', async () => {
		const { error } = await runBillPro({
			credentials: billPro.singleProfile(),
			items: [{ mail: 'ok@example.com' }, { mail: 'bad' }],
			parameters: {
				resource: 'customer',
				operation: 'create',
				firstName: 'A',
				lastName: 'B',
				email: '={{ $json.mail }}',
			},
		});
		expect(error?.message).toBe("'Email' is not an email address; got 'bad' [item 1]");
		expect(error?.context?.itemIndex).toBe(1);
	});
});
