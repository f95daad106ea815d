import { asAiTool, runBillPro } from '../../harness/workflow';
import { CREATE_CUSTOMER_FROM_ITEM } from '../customerFixtures';
import { useSandbox } from '../sandboxFixture';

const dana = {
	resource: 'customer',
	operation: 'create',
	firstName: 'Dana',
	lastName: 'Borys',
	email: 'dana.borys@example.com',
};

const address = {
	street: '28 Milsom St',
	city: 'Bath',
	state: 'Avon',
	country: 'GB',
	postalCode: 'BA1 1DG',
};

describe('Creating a customer', () => {
	const billPro = useSandbox();

	it('creates a customer with organisation, both addresses, phone and date of birth', async () => {
		const { items, error } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: {
				...dana,
				additionalFields: {
					phone: '+447700900123',
					dateOfBirth: '12/05/1995',
					organisation: {
						details: {
							name: 'TEST1',
							registrationNumber: '081234567',
							webUrl: 'https://example.com',
							vat: 'GB0123456789',
							description: 'Mutual society',
						},
					},
					billingAddress: { address },
					shippingAddress: { address: { ...address, street: '1 Queen Sq', state: '' } },
				},
			},
		});
		expect(error).toBeUndefined();
		expect(billPro.requests()[0].body).toEqual({
			customer: {
				first_name: 'Dana',
				last_name: 'Borys',
				email: 'dana.borys@example.com',
				phone: '+447700900123',
				date_of_birth: '12/05/1995',
				organisation: {
					name: 'TEST1',
					registration_number: '081234567',
					web_url: 'https://example.com',
					vat: 'GB0123456789',
					description: 'Mutual society',
				},
				addresses: {
					billing_address: {
						street: '28 Milsom St',
						city: 'Bath',
						state: 'Avon',
						country: 'GB',
						postal_code: 'BA1 1DG',
					},
					shipping_address: {
						street: '1 Queen Sq',
						city: 'Bath',
						country: 'GB',
						postal_code: 'BA1 1DG',
					},
				},
			},
		});
		const [created] = items;
		expect(created.json).toMatchObject({
			first_name: 'Dana',
			email: 'dana.borys@example.com',
			status: 'active',
			organisation: { name: 'TEST1' },
		});
		expect(created.json.customer_id).toMatch(/^[A-Z0-9]{10}$/);
		expect(created.json.addresses).toHaveLength(2);
		expect(billPro.sandbox.store.customer(1, created.json.id as number)).toBeDefined();
	});

	it('converts a YYYY-MM-DD date of birth to the DD/MM/YYYY BillPro expects', async () => {
		const { items } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: { ...dana, additionalFields: { dateOfBirth: '1995-05-12' } },
		});
		expect(items[0].json.date_of_birth).toBe('12/05/1995');
	});

	it('creates one customer per input item, from expressions', async () => {
		const people = [
			{ first: 'Ana', last: 'Silva', mail: 'ana@example.com' },
			{ first: 'Bo', last: 'Berg', mail: 'bo@example.com' },
			{ first: 'Chidi', last: 'Okafor', mail: 'chidi@example.com' },
		];
		const { items } = await runBillPro({
			credentials: billPro.singleProfile(),
			items: people,
			parameters: CREATE_CUSTOMER_FROM_ITEM,
		});
		expect(items.map((item) => [item.json.email, item.pairedItem])).toEqual([
			['ana@example.com', { item: 0 }],
			['bo@example.com', { item: 1 }],
			['chidi@example.com', { item: 2 }],
		]);
	});

	it("names the field BillPro rejected: a phone number that does not fit the address's country", async () => {
		const { error } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: {
				...dana,
				additionalFields: { phone: '+44770000000000', billingAddress: { address } },
			},
		});
		expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '422' });
		expect(error?.message).toBe("BillPro rejected 'Phone' is invalid");
		expect(error?.description).toMatch(/Correct this field/);
	});

	it('says the email is already taken', async () => {
		const credentials = billPro.singleProfile();
		await runBillPro({ credentials, parameters: dana });
		const { error } = await runBillPro({ credentials, parameters: dana });
		expect(error?.message).toBe("BillPro rejected 'Email' has already been taken");
	});

	it('names nested fields as the node shows them', async () => {
		const { error } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: {
				...dana,
				additionalFields: { billingAddress: { address: { ...address, country: 'XX' } } },
			},
		});
		expect(error?.message).toMatch(/^BillPro rejected 'Billing Address › Country'/);
	});

	it('refuses a Request Options proxy without a port, without showing its password', async () => {
		const { error } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: { ...dana, requestOptions: { proxy: 'http://me:s3cret@proxy.example.com' } },
		});
		expect(error?.message).toBe('The proxy is not valid');
		expect(error?.description).toMatch(
			/^Request Options → Proxy must be a URL with a host and a port/,
		);
		expect(`${error?.message} ${error?.description}`).not.toContain('s3cret');
		expect(billPro.requests()).toHaveLength(0);
	});

	it.each([
		['Email', { email: 'dana.example.com' }, /^'Email' is not an email address/],
		// An expression can give what the editor would refuse to save.
		['First Name', { firstName: '={{ "" }}' }, /^'First Name' is empty/],
		['Last Name', { lastName: '={{ { name: "Borys" } }}' }, /^'Last Name' must be text/],
		[
			'Date of Birth',
			{ additionalFields: { dateOfBirth: '31/02/1990' } },
			/^'Date of Birth' is not a date/,
		],
		[
			'Billing Address › Country',
			{ additionalFields: { billingAddress: { address: { ...address, country: 'gb' } } } },
			/^'Billing Address › Country' must be a two-letter ISO 3166 country code/,
		],
	])('refuses an invalid %s before sending anything', async (_field, change, message) => {
		const { error } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: { ...dana, ...change },
		});
		expect(error?.message).toMatch(message);
		expect(error?.description).toBeTruthy();
		expect(billPro.requests()).toHaveLength(0);
	});
});

describe('Creating customers as an AI tool, where n8n runs the routing instead of the custom operation', () => {
	const billPro = useSandbox();
	const rows = [
		{ first: 'Ana', last: 'Silva', mail: 'ana@example.com' },
		{ first: 'Bo', last: 'Berg', mail: 'not-an-email' },
		{ first: 'Chidi', last: 'Okafor', mail: 'chidi@example.com' },
		{ first: 'Ana', last: 'Again', mail: 'ana@example.com' },
	];
	const createAll = async () => {
		billPro.sandbox.store.reset();
		const { items, error } = await runBillPro({
			credentials: billPro.singleProfile(),
			items: rows,
			continueOnFail: true,
			parameters: CREATE_CUSTOMER_FROM_ITEM,
		});
		return {
			error,
			requests: billPro.requests().map((request) => [request.method, request.path, request.body]),
			items: items.map((item) => [item.pairedItem, item.json.email ?? item.error?.message]),
		};
	};

	it('sends the same requests and gives the same items, failed ones included', async () => {
		const custom = await createAll();
		expect(custom.error).toBeUndefined();
		expect(custom.items).toEqual([
			[{ item: 0 }, 'ana@example.com'],
			[
				{ item: 1 },
				"'Email' is not an email address; got 'not-an-email' [item 1]. Enter an address such as nathan@example.com.",
			],
			[{ item: 2 }, 'chidi@example.com'],
			[{ item: 3 }, "BillPro rejected 'Email' has already been taken"],
		]);
		expect(custom.requests).toHaveLength(3);
		expect(await asAiTool(createAll)).toEqual(custom);
	});
});
