import { hostileServerPerFile } from '../harness/hostileServer';
import { asAiTool, runBillPro } from '../harness/workflow';
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
			[
				{ item: 2 },
				"'Email' is not an email address; got 'not-an-email' [item 2]. Enter an address such as nathan@example.com.",
			],
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
			"'Limit' must be a whole number of at least 1; got 'three' [item 1]. Enter a whole number such as 2.",
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
		expect(error?.message).toBe(
			"'Email' is not an email address; got 'bad' [item 1]. Enter an address such as nathan@example.com. The run stopped at item 1: BillPro accepted 1 item.",
		);
		const [created] = billPro.sandbox.store
			.customers(1)
			.filter((c) => c.email === 'ok@example.com');
		expect(error?.description).toContain(
			`The run stopped at item 1. BillPro accepted item 0 (item → customer ID: 0 → ${created.id}). Failed: item 1.`,
		);
		expect(error?.context?.itemIndex).toBe(1);
	});
});

describe('When BillPro rejects fields with unusual names or no messages', () => {
	const server = hostileServerPerFile();
	const credentials = () => ({
		apiToken: 'tok',
		environment: 'custom',
		customUrl: server().baseUrl,
		profileId: '',
	});
	/** BillPro answering 422 with `body` as written: raw text, so a "__proto__" key survives. */
	const rejectingWith = (body: string) =>
		server().answerWith((_request, response) => {
			response.writeHead(422, { 'Content-Type': 'application/json' });
			response.end(body);
		});
	const createCustomer = {
		resource: 'customer',
		operation: 'create',
		firstName: 'Ada',
		lastName: 'Lovelace',
		email: 'ada@example.com',
	};

	const CASES: Array<[string, string]> = [
		['{"constructor":["is invalid"]}', "BillPro rejected 'constructor' is invalid"],
		['{"__proto__":["x"]}', "BillPro rejected '__proto__' x"],
		['{"toString":["bad"]}', "BillPro rejected 'toString' bad"],
		[
			'{"email":[],"hasOwnProperty":["", "is odd"]}',
			"BillPro rejected 'Email' is invalid; 'hasOwnProperty' is odd",
		],
		['{"status":[]}', 'BillPro refused: the customer is not in a status that allows this'],
		['{"profile_id":[]}', 'BillPro needs a valid Profile ID: profile_id is invalid'],
	];

	it.each(CASES)(
		'explains a 422 of %s in a whole sentence, fields as BillPro spelt them (Customer → Create)',
		async (body, message) => {
			rejectingWith(body);
			const { error } = await runBillPro({
				credentials: credentials(),
				parameters: createCustomer,
			});
			expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '422', message });
			expect(server().requests).toHaveLength(1);
		},
	);

	it.each(CASES)(
		'explains a 422 of %s in a whole sentence, fields as BillPro spelt them (Create as an AI tool)',
		async (body, message) => {
			rejectingWith(body);
			const { error } = await asAiTool(() =>
				runBillPro({ credentials: credentials(), parameters: createCustomer }),
			);
			expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '422', message });
			expect(server().requests).toHaveLength(1);
		},
	);

	it('names a rejected "__proto__" field on a routed request, and lists it as sent', async () => {
		rejectingWith('{"__proto__":["is invalid"],"constructor":["is taken"]}');
		const { error } = await runBillPro({
			credentials: credentials(),
			parameters: { resource: 'order', operation: 'cancel', orderId: '7' },
		});
		expect(error?.message).toBe("BillPro rejected '__proto__' is invalid; 'constructor' is taken");
		expect(error?.description).toMatch(/BillPro's field names: __proto__, constructor\.$/);
	});
});
