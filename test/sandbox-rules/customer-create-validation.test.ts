import { sandboxPerFile } from '../harness/sandboxPerFile';
import { endpointPath } from '../../nodes/BillPro/shared/api';
import { ddmmyyyy, multi, sendRaw, single, uniqueEmail } from './client';

const BLANK = ["can't be blank"];
const INVALID = ['is invalid'];
const BAD_COUNTRY = ['is not a valid ISO 3166-1 alpha-2 country code'];
const TOO_LONG = ['is too long (maximum is 255 characters)'];

const sandbox = sandboxPerFile();

type Json = Record<string, unknown>;
const path = endpointPath('createCustomer');

/** A valid minimal customer with a fresh email, plus overrides. */
function customer(overrides: Json = {}): Json {
	return { first_name: 'Dana', last_name: 'Borys', email: uniqueEmail('dana'), ...overrides };
}
const create = (body: Json, api = single(sandbox())) => api.post(path, { customer: body });

/** The guide's example body (its email is obfuscated in the stored copy, so ours differs). */
function guideExample(): Json {
	const address = {
		street: '28 Milsom St',
		city: 'Bath',
		state: 'Avon',
		country: 'GB',
		postal_code: 'BA1 1DG',
	};
	return {
		first_name: 'Dana',
		last_name: 'Borys',
		date_of_birth: '12/05/1995',
		email: uniqueEmail('dana.borys'),
		phone: '+44770000000000',
		organisation: {
			name: 'TEST1',
			registration_number: '081234567',
			web_url: 'https://staging.billing.gg',
			vat: 'GB0123456789',
			description: 'Mutual society',
		},
		addresses: { billing_address: { ...address }, shipping_address: { ...address } },
	};
}

describe('create a customer', () => {
	it('answers 422 {"phone":["is invalid"]} for the guide\'s example (+44 with 12 national digits)', async () => {
		const res = await create(guideExample());
		expect(res.status).toBe(422);
		expect(res.data).toEqual({ phone: INVALID });
	});

	it("creates the guide's example with a valid GB number, answering the GET format", async () => {
		const body: Json = { ...guideExample(), phone: '+447700900123' };
		const before = Date.now();
		const res = await create(body);
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
		const created = res.data;
		const at = created.created_at as string;
		expect(Date.parse(at)).toBeGreaterThanOrEqual(before - 1000);
		const maxSeededId = Math.max(
			...[1, 5, 7]
				.flatMap((p) =>
					sandbox()
						.store.customers(p)
						.map((c) => c.id),
				)
				.filter((id) => id !== created.id),
		);
		expect(created.id).toBeGreaterThan(maxSeededId);
		expect(created).toEqual({
			id: expect.any(Number),
			customer_id: expect.stringMatching(/^[A-Z0-9]{10}$/),
			profile_id: 1,
			status: 'active',
			first_name: 'Dana',
			last_name: 'Borys',
			email: body.email,
			phone: '+447700900123',
			date_of_birth: '12/05/1995',
			organisation: {
				id: expect.any(Number),
				name: 'TEST1',
				registration_number: '081234567',
				web_url: 'https://staging.billing.gg',
				vat: 'GB0123456789',
				description: 'Mutual society',
				created_at: at,
				updated_at: at,
			},
			addresses: ['billing_address', 'shipping_address'].map((address_type) => ({
				id: expect.any(Number),
				address_type,
				street: '28 Milsom St',
				city: 'Bath',
				state: 'Avon',
				country: 'GB',
				postal_code: 'BA1 1DG',
				created_at: at,
				updated_at: at,
			})),
			created_at: at,
			updated_at: at,
		});
		expect(created.addresses[1].id).toBeGreaterThan(created.addresses[0].id);

		const read = await single(sandbox()).get(endpointPath('getCustomer', created.id));
		expect(read.data).toEqual(created);
		const listed = await single(sandbox()).get(endpointPath('listCustomers'), {
			params: { customer_id: created.customer_id },
		});
		expect(listed.data).toEqual([created]);
	});

	it('stores optional fields as null when absent or blank', async () => {
		const res = await create(
			customer({ phone: '', date_of_birth: null, organisation: null, addresses: null }),
		);
		expect(res.status).toBe(200);
		expect(res.data).toMatchObject({
			phone: null,
			date_of_birth: null,
			organisation: null,
			addresses: [],
		});
	});

	it('ignores customer_id, status and unknown keys', async () => {
		const res = await create(
			customer({ customer_id: 'MYOWNID123', status: 'inactive', favourite_colour: 'teal' }),
		);
		expect(res.status).toBe(200);
		expect(res.data.customer_id).not.toBe('MYOWNID123');
		expect(res.data.customer_id).toMatch(/^[A-Z0-9]{10}$/);
		expect(res.data.status).toBe('active');
		expect(res.data).not.toHaveProperty('favourite_colour');
	});

	it('accepts Unicode names', async () => {
		const res = await create(
			customer({ first_name: 'Zoë Łucja', last_name: '山田 Ó Súilleabháin' }),
		);
		expect(res.status).toBe(200);
		expect([res.data.first_name, res.data.last_name]).toEqual(['Zoë Łucja', '山田 Ó Súilleabháin']);
	});
});

describe('the customer wrapper', () => {
	it.each([
		['an empty object', {}],
		['customer as a string', { customer: 'Dana' }],
		['customer as an array', { customer: [] }],
		['customer null', { customer: null }],
		[
			'fields without the wrapper',
			{ first_name: 'Dana', last_name: 'Borys', email: 'dana@example.com' },
		],
	])('answers 422 {"customer":["is required"]} for %s', async (_label, body) => {
		const res = await single(sandbox()).post(path, body);
		expect(res.status).toBe(422);
		expect(res.data).toEqual({ customer: ['is required'] });
	});

	it('answers the same for an empty body', async () => {
		const res = await single(sandbox()).post(path);
		expect(res.status).toBe(422);
		expect(res.data).toEqual({ customer: ['is required'] });
	});

	it('answers 400 for a body that is not JSON', async () => {
		const res = await sendRaw(single(sandbox()), 'post', path, '{"customer": {');
		expect(res.status).toBe(400);
		expect(res.data).toEqual({ error: 'Malformed JSON body' });
	});
});

describe('field errors are collected into one 422', () => {
	it('reports every invalid field at once, nested ones with dotted keys', async () => {
		const res = await create({
			first_name: '',
			email: 'not-an-email',
			phone: '12345',
			date_of_birth: '31/02/1990',
			organisation: { web_url: 'ftp://example.com' },
			addresses: {
				billing_address: { country: 'gb' },
				shipping_address: { street: 'x', city: 'y', country: 'XX' },
			},
		});
		expect(res.status).toBe(422);
		// Keys in field order, nested ones last (as a Rails model lists them).
		expect(Object.keys(res.data).slice(0, 5)).toEqual([
			'first_name',
			'last_name',
			'email',
			'phone',
			'date_of_birth',
		]);
		expect(res.data).toEqual({
			first_name: BLANK,
			last_name: BLANK,
			email: INVALID,
			phone: INVALID,
			date_of_birth: INVALID,
			'organisation.name': BLANK,
			'organisation.web_url': INVALID,
			'addresses.billing_address.street': BLANK,
			'addresses.billing_address.city': BLANK,
			'addresses.billing_address.country': BAD_COUNTRY,
			'addresses.shipping_address.country': BAD_COUNTRY,
		});
	});

	it('requires first_name, last_name and email', async () => {
		const res = await create({ first_name: '   ', last_name: null });
		expect(res.data).toEqual({ first_name: BLANK, last_name: BLANK, email: BLANK });
	});

	it('stores nothing when the body is invalid', async () => {
		const before = sandbox().store.customers(1).length;
		await create(customer({ phone: 'nope' }));
		expect(sandbox().store.customers(1)).toHaveLength(before);
	});
});

describe('email', () => {
	it.each([
		'plainaddress',
		'a@b',
		'a b@example.com',
		'@example.com',
		'a@.com',
		'a@example..com',
		'dana@example.com ',
	])('refuses %j', async (email) => {
		const res = await create(customer({ email }));
		expect(res.status).toBe(422);
		expect(res.data).toEqual({ email: INVALID });
	});

	it('must be unique in the profile, ignoring case', async () => {
		for (const email of ['ada.lovelace@example.com', 'ADA.Lovelace@Example.COM']) {
			const res = await create(customer({ email }));
			expect(res.status).toBe(422);
			expect(res.data).toEqual({ email: ['has already been taken'] });
		}
	});

	it('may repeat in another profile, and is then unique there', async () => {
		const first = await create(
			customer({ email: 'ada.lovelace@example.com' }),
			multi(sandbox(), 5),
		);
		expect(first.status).toBe(200);
		expect(first.data.profile_id).toBe(5);
		const again = await create(
			customer({ email: 'Ada.Lovelace@example.com' }),
			multi(sandbox(), 5),
		);
		expect(again.status).toBe(422);
		expect(again.data).toEqual({ email: ['has already been taken'] });
	});
});

describe('phone, checked against the billing country, else the shipping country', () => {
	const at = (country: string) => ({ street: '1 Main St', city: 'Town', country });

	it.each([
		// [phone, billing country, shipping country, valid]
		['+447700900123', 'GB', undefined, true],
		['+44 7700 900123', 'GB', undefined, true],
		['+44-7700-900.123', 'GB', undefined, true],
		['+44 (7700) 900123', 'GB', undefined, true],
		['+44 (0)7700 900123', 'GB', undefined, false],
		['+44770000000000', 'GB', undefined, false],
		['+4477009001', 'GB', undefined, false],
		['447700900123', 'GB', undefined, false],
		['+34612345678', 'GB', undefined, false],
		['+353851234567', 'IE', undefined, true],
		['+3531234567', 'IE', undefined, true],
		['+3531234567890', 'IE', undefined, false],
		['+34612345678', 'ES', undefined, true],
		['+3461234567', 'ES', undefined, false],
		['+33612345678', 'FR', undefined, true],
		['+49301234567', 'DE', undefined, true],
		['+4930123', 'DE', undefined, false],
		['+390612345678', 'IT', undefined, true],
		['+31612345678', 'NL', undefined, true],
		['+351912345678', 'PT', undefined, true],
		['+3221234567', 'BE', undefined, true],
		['+12025550123', 'US', undefined, true],
		['+1202555012', 'US', undefined, false],
		['+442025550123', 'US', undefined, false],
		['+16135550123', 'CA', undefined, true],
		['+61412345678', 'AU', undefined, true],
		['+48123456789', 'PL', undefined, true],
		['+46701234567', 'SE', undefined, true],
		['+41791234567', 'CH', undefined, true],
		['+431234', 'AT', undefined, true],
		['+43123', 'AT', undefined, false],
		// No billing address: the shipping address decides.
		['+34612345678', undefined, 'GB', false],
		['+34612345678', undefined, 'ES', true],
		// Billing wins over shipping.
		['+34612345678', 'ES', 'GB', true],
		['+447700900123', 'ES', 'GB', false],
		// A country outside the table, or no address: any E.164 number.
		['+819012345678', 'JP', undefined, true],
		['+1234567', 'JP', undefined, true],
		['+819012345678', undefined, undefined, true],
		['+123456', undefined, undefined, false],
		['+1234567890123456', undefined, undefined, false],
		['+0123456789', undefined, undefined, false],
		['0044 7700 900123', undefined, undefined, false],
		['+44 7700 900abc', undefined, undefined, false],
	])('%s with billing %s, shipping %s: valid=%s', async (phone, billing, shipping, valid) => {
		const addresses: Json = {};
		if (billing) addresses.billing_address = at(billing);
		if (shipping) addresses.shipping_address = at(shipping);
		const res = await create(customer({ phone, addresses }));
		if (valid) {
			expect(res.status).toBe(200);
			expect(res.data.phone).toBe(phone);
		} else {
			expect(res.status).toBe(422);
			expect(res.data).toEqual({ phone: INVALID });
		}
	});

	it('refuses a phone that is not a string', async () => {
		const res = await create(customer({ phone: 447700900123 }));
		expect(res.data).toEqual({ phone: INVALID });
	});
});

describe('date_of_birth (DD/MM/YYYY)', () => {
	const nextYear = new Date().getUTCFullYear() + 1;
	const tomorrow = ddmmyyyy(new Date(Date.now() + 36 * 3_600_000));

	it.each(['12/05/1995', '29/02/2000', '01/01/1900', '31/12/1999'])(
		'accepts %s',
		async (date_of_birth) => {
			const res = await create(customer({ date_of_birth }));
			expect(res.status).toBe(200);
			expect(res.data.date_of_birth).toBe(date_of_birth);
		},
	);

	it.each([
		'31/02/1990',
		'29/02/1900',
		'29/02/2023',
		'31/04/2001',
		'00/01/1990',
		'32/01/1990',
		'12/13/1990',
		'31/12/1899',
		`01/01/${nextYear}`,
		tomorrow,
		'1990-05-12',
		'12/5/1990',
		'12.05.1990',
		'12/05/90',
	])('refuses %s', async (date_of_birth) => {
		const res = await create(customer({ date_of_birth }));
		expect(res.status).toBe(422);
		expect(res.data).toEqual({ date_of_birth: INVALID });
	});
});

describe('organisation', () => {
	it('requires a name when sent', async () => {
		const res = await create(customer({ organisation: { vat: 'GB1' } }));
		expect(res.data).toEqual({ 'organisation.name': BLANK });
	});

	it.each(['not a url', 'ftp://example.com', 'example.com', 'https://', 'https://exa mple.com'])(
		'refuses web_url %j',
		async (web_url) => {
			const res = await create(customer({ organisation: { name: 'Acme', web_url } }));
			expect(res.data).toEqual({ 'organisation.web_url': INVALID });
		},
	);

	it('accepts http(s) URLs and keeps optional fields null', async () => {
		const res = await create(
			customer({ organisation: { name: 'Acme', web_url: 'http://acme.example.com/about?x=1' } }),
		);
		expect(res.status).toBe(200);
		expect(res.data.organisation).toMatchObject({
			name: 'Acme',
			web_url: 'http://acme.example.com/about?x=1',
			registration_number: null,
			vat: null,
			description: null,
		});
	});

	it('refuses an organisation that is not an object', async () => {
		const res = await create(customer({ organisation: 'Acme' }));
		expect(res.data).toEqual({ organisation: INVALID });
	});
});

describe('addresses', () => {
	it('requires street, city and country in each address sent', async () => {
		const res = await create(
			customer({ addresses: { shipping_address: { state: 'Avon', postal_code: 'BA1' } } }),
		);
		expect(res.data).toEqual({
			'addresses.shipping_address.street': BLANK,
			'addresses.shipping_address.city': BLANK,
			'addresses.shipping_address.country': BLANK,
		});
	});

	it.each(['gb', 'GBR', 'XX', 'UK', 'EU', 'G'])('refuses country %j', async (country) => {
		const res = await create(
			customer({ addresses: { billing_address: { street: 'a', city: 'b', country } } }),
		);
		expect(res.data).toEqual({ 'addresses.billing_address.country': BAD_COUNTRY });
	});

	it.each(['IE', 'AX', 'ZW', 'SS', 'CW'])(
		'accepts ISO 3166-1 alpha-2 %s, state and postal_code optional',
		async (country) => {
			const res = await create(
				customer({ addresses: { billing_address: { street: 'a', city: 'b', country } } }),
			);
			expect(res.status).toBe(200);
			expect(res.data.addresses).toEqual([
				expect.objectContaining({
					address_type: 'billing_address',
					country,
					state: null,
					postal_code: null,
				}),
			]);
		},
	);

	it('refuses the GET array format and non-object addresses', async () => {
		const array = await create(
			customer({
				addresses: [{ address_type: 'billing_address', street: 'a', city: 'b', country: 'GB' }],
			}),
		);
		expect(array.data).toEqual({ addresses: INVALID });
		const text = await create(customer({ addresses: { billing_address: '28 Milsom St, Bath' } }));
		expect(text.data).toEqual({ 'addresses.billing_address': INVALID });
	});

	it('ignores unknown address types', async () => {
		const res = await create(customer({ addresses: { postal_address: { street: 'a' } } }));
		expect(res.status).toBe(200);
		expect(res.data.addresses).toEqual([]);
	});
});

describe('string values', () => {
	it('refuses more than 255 characters, counting characters not UTF-16 units', async () => {
		expect((await create(customer({ first_name: 'a'.repeat(255) }))).status).toBe(200);
		expect((await create(customer({ first_name: '😀'.repeat(255) }))).status).toBe(200);
		const long = await create(
			customer({ first_name: 'a'.repeat(256), organisation: { name: 'é'.repeat(256) } }),
		);
		expect(long.data).toEqual({ first_name: TOO_LONG, 'organisation.name': TOO_LONG });
	});

	it('refuses non-string values for string fields', async () => {
		const res = await create(
			customer({
				first_name: 123,
				email: true,
				addresses: {
					billing_address: { street: ['a'], city: 'b', country: 'GB', postal_code: 12345 },
				},
			}),
		);
		expect(res.data).toEqual({
			first_name: INVALID,
			email: INVALID,
			'addresses.billing_address.street': INVALID,
			'addresses.billing_address.postal_code': INVALID,
		});
	});
});

describe('generated ids', () => {
	it('gives each new customer the next platform-wide id and a distinct customer_id', async () => {
		const a = await create(customer(), multi(sandbox(), 7));
		const b = await create(customer());
		expect(b.data.id).toBe(a.data.id + 1);
		expect(b.data.customer_id).not.toBe(a.data.customer_id);
		// Stored in its own profile only.
		expect(sandbox().store.customer(7, a.data.id)?.email).toBe(a.data.email);
		expect(sandbox().store.customer(1, a.data.id)).toBeUndefined();
	});
});
