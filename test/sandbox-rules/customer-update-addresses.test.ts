import { sandboxPerFile } from '../harness/sandboxPerFile';
import { ENDPOINTS, endpointPath } from '../../nodes/BillPro/shared/api';
import { type CustomerResponse } from '../../sandbox';
import { multi, sendRaw, single } from './client';

const NOT_FOUND = { id: ['not found'] };
const BILLING = {
	street: '28 Milsom St',
	city: 'Bath',
	state: 'Avon',
	country: 'GB',
	postal_code: 'BA1 1DG',
};
const SHIPPING = {
	street: '1 Broad St',
	city: 'Bath',
	state: 'Avon',
	country: 'GB',
	postal_code: 'BA1 5LJ',
};

const sandbox = sandboxPerFile();

type Json = Record<string, unknown>;
/** Seeded Ada Lovelace: profile 1, GB phone, organisation, billing and shipping addresses. */
const ada = (): CustomerResponse => sandbox().store.customers(1)[0];
const put = (id: number | string, body: unknown, api = single(sandbox())) =>
	api.put(endpointPath('updateCustomer', id), body);
const update = (id: number, customer: Json, api = single(sandbox())) => put(id, { customer }, api);
const read = async (id: number) =>
	(await single(sandbox()).get(endpointPath('getCustomer', id))).data as CustomerResponse;
const maxAddressId = () =>
	Math.max(
		...[1, 5, 7].flatMap((p) =>
			sandbox()
				.store.customers(p)
				.flatMap((c) => c.addresses.map((a) => a.id)),
		),
	);

describe('update a customer: scalar fields', () => {
	it("is a PUT on the table's path", () => {
		expect(ENDPOINTS.updateCustomer.method).toBe('PUT');
	});

	it('changes the fields sent, keeps the others, and moves updated_at only', async () => {
		const before = structuredClone(ada());
		const res = await update(before.id, {
			first_name: 'Augusta',
			addresses: { billing_address: BILLING, shipping_address: SHIPPING },
		});
		expect(res.status).toBe(200);
		const after = res.data as CustomerResponse;
		expect(after.first_name).toBe('Augusta');
		for (const field of [
			'id',
			'customer_id',
			'profile_id',
			'status',
			'last_name',
			'email',
			'phone',
			'date_of_birth',
			'organisation',
			'created_at',
		] as const) {
			expect(after[field]).toEqual(before[field]);
		}
		expect(Date.parse(after.updated_at)).toBeGreaterThan(Date.parse(before.updated_at));
		expect(await read(before.id)).toEqual(after);
	});

	it('clears optional fields sent as null or blank', async () => {
		const res = await update(ada().id, { phone: null, date_of_birth: '' });
		expect(res.status).toBe(200);
		expect([res.data.phone, res.data.date_of_birth]).toEqual([null, null]);
	});

	it('validates what is sent', async () => {
		const res = await update(ada().id, {
			first_name: '',
			email: 'nope',
			date_of_birth: '31/02/2001',
		});
		expect(res.status).toBe(422);
		expect(res.data).toEqual({
			first_name: ["can't be blank"],
			email: ['is invalid'],
			date_of_birth: ['is invalid'],
		});
	});

	it('validates the merged record: a kept GB phone no longer fits a new ES billing address', async () => {
		const res = await update(ada().id, {
			addresses: { billing_address: { ...BILLING, country: 'ES' } },
		});
		expect(res.status).toBe(422);
		expect(res.data).toEqual({ phone: ['is invalid'] });
		const fixed = await update(ada().id, {
			phone: '+34612345678',
			addresses: { billing_address: { ...BILLING, country: 'ES' } },
		});
		expect(fixed.status).toBe(200);
	});

	it('keeps email unique in the profile, except for the customer itself', async () => {
		const own = await update(ada().id, { email: 'ADA.LOVELACE@example.com' });
		expect(own.status).toBe(200);
		expect(own.data.email).toBe('ADA.LOVELACE@example.com');
		const taken = await update(ada().id, { email: 'jose.alvarez@example.es' });
		expect(taken.status).toBe(422);
		expect(taken.data).toEqual({ email: ['has already been taken'] });
		// Profile 5's Marie may take an email used in profile 1.
		const marie = sandbox().store.customers(5)[0];
		expect(
			(await update(marie.id, { email: 'jose.alvarez@example.es' }, multi(sandbox(), 5))).status,
		).toBe(200);
	});

	it('ignores status: (de)activation is not an API action', async () => {
		const inactive = sandbox().store.customers(1)[2];
		expect(inactive.status).toBe('inactive');
		const res = await update(inactive.id, { status: 'active', first_name: 'Bren' });
		expect(res.status).toBe(200);
		expect(res.data.status).toBe('inactive');
	});
});

describe('customer_id cannot be changed', () => {
	it('accepts the current value', async () => {
		const res = await update(ada().id, { customer_id: ada().customer_id, last_name: 'King' });
		expect(res.status).toBe(200);
		expect(res.data.last_name).toBe('King');
	});

	it.each(['ZZZZZZZZZZ', '', null, 42])(
		'refuses %j, alongside other errors',
		async (customer_id) => {
			const before = structuredClone(ada());
			const res = await update(before.id, { customer_id, email: '' });
			expect(res.status).toBe(422);
			expect(res.data).toEqual({
				email: ["can't be blank"],
				customer_id: ['cannot be changed through the API'],
			});
			expect(ada()).toEqual(before);
		},
	);
});

describe('addresses: sent ones are saved anew, missing ones are removed', () => {
	it('removes every address when the PUT has no addresses key', async () => {
		const res = await update(ada().id, { first_name: 'Ada' });
		expect(res.status).toBe(200);
		expect(res.data.addresses).toEqual([]);
	});

	it('removes every address for an empty or null addresses value', async () => {
		expect((await update(ada().id, { addresses: {} })).data.addresses).toEqual([]);
		sandbox().store.reset();
		expect((await update(ada().id, { addresses: null })).data.addresses).toEqual([]);
	});

	it('keeps only the types sent: billing only removes shipping', async () => {
		const highest = maxAddressId();
		const res = await update(ada().id, {
			addresses: { billing_address: { ...BILLING, street: '2 New St' } },
		});
		expect(res.status).toBe(200);
		expect(res.data.addresses).toEqual([
			{
				id: highest + 1,
				address_type: 'billing_address',
				street: '2 New St',
				city: 'Bath',
				state: 'Avon',
				country: 'GB',
				postal_code: 'BA1 1DG',
				created_at: res.data.updated_at,
				updated_at: res.data.updated_at,
			},
		]);
	});

	it('saves identical addresses again with new ids', async () => {
		const before = structuredClone(ada());
		const resend = Object.fromEntries(
			before.addresses.map(({ address_type, street, city, state, country, postal_code }) => [
				address_type,
				{ street, city, state, country, postal_code },
			]),
		);
		const res = await update(before.id, { addresses: resend });
		expect(res.status).toBe(200);
		const after = res.data as CustomerResponse;
		const content = (c: CustomerResponse) =>
			c.addresses.map(({ address_type, street, city, state, country, postal_code }) => ({
				address_type,
				street,
				city,
				state,
				country,
				postal_code,
			}));
		expect(content(after)).toEqual(content(before));
		const oldIds = before.addresses.map((a) => a.id);
		for (const address of after.addresses) {
			expect(oldIds).not.toContain(address.id);
			expect(address.id).toBeGreaterThan(Math.max(...oldIds));
		}
		// Again: new ids once more.
		const again = await update(before.id, { addresses: resend });
		expect(again.data.addresses.map((a: { id: number }) => a.id)).toEqual(
			after.addresses.map((a) => a.id + 2),
		);
	});

	it('adds a shipping address to a customer that had none', async () => {
		const marie = sandbox().store.customers(5)[0];
		const res = await update(
			marie.id,
			{
				addresses: {
					billing_address: { ...BILLING, country: 'FR' },
					shipping_address: { ...SHIPPING, country: 'FR' },
				},
			},
			multi(sandbox(), 5),
		);
		expect(res.status).toBe(200);
		expect(res.data.addresses.map((a: { address_type: string }) => a.address_type)).toEqual([
			'billing_address',
			'shipping_address',
		]);
	});

	it('refuses the GET format (an array) and changes nothing', async () => {
		const before = structuredClone(ada());
		const res = await update(before.id, { addresses: before.addresses });
		expect(res.status).toBe(422);
		expect(res.data).toEqual({ addresses: ['is invalid'] });
		expect(await read(before.id)).toEqual(before);
	});

	it('validates each address sent', async () => {
		const res = await update(ada().id, {
			addresses: { shipping_address: { street: 'x', city: '', country: 'gb' } },
		});
		expect(res.data).toEqual({
			'addresses.shipping_address.city': ["can't be blank"],
			'addresses.shipping_address.country': ['is not a valid ISO 3166-1 alpha-2 country code'],
		});
	});
});

describe('organisation on update', () => {
	it('is kept as it is (same id and timestamps) when not sent', async () => {
		const before = structuredClone(ada().organisation);
		const res = await update(ada().id, { last_name: 'Byron' });
		expect(res.data.organisation).toEqual(before);
	});

	it('is replaced by a new record when sent', async () => {
		const before = structuredClone(ada().organisation)!;
		const res = await update(ada().id, { organisation: { name: 'Difference Engines plc' } });
		expect(res.status).toBe(200);
		expect(res.data.organisation).toEqual({
			id: expect.any(Number),
			name: 'Difference Engines plc',
			registration_number: null,
			web_url: null,
			vat: null,
			description: null,
			created_at: res.data.updated_at,
			updated_at: res.data.updated_at,
		});
		expect(res.data.organisation.id).not.toBe(before.id);
	});

	it('is removed when sent as null, and validated when sent', async () => {
		const invalid = await update(ada().id, { organisation: { web_url: 'nope' } });
		expect(invalid.data).toEqual({
			'organisation.name': ["can't be blank"],
			'organisation.web_url': ['is invalid'],
		});
		const removed = await update(ada().id, { organisation: null });
		expect(removed.data.organisation).toBeNull();
	});
});

describe('update: not found and malformed requests', () => {
	it.each(['999999', 'abc', '1.5'])('answers 422 {"id":["not found"]} for id %j', async (id) => {
		const res = await put(id, { customer: { first_name: 'X' } });
		expect(res.status).toBe(422);
		expect(res.data).toEqual(NOT_FOUND);
	});

	it("answers not found for another profile's customer, before looking at the body", async () => {
		const marie = sandbox().store.customers(5)[0];
		const res = await put(marie.id, { customer: { email: 'invalid' } });
		expect(res.data).toEqual(NOT_FOUND);
		const get = await single(sandbox()).get(endpointPath('getCustomer', marie.id));
		expect(get.status).toBe(422);
		expect(get.data).toEqual(NOT_FOUND);
	});

	it('requires the customer wrapper', async () => {
		const res = await put(ada().id, { first_name: 'Ada' });
		expect(res.status).toBe(422);
		expect(res.data).toEqual({ customer: ['is required'] });
	});

	it('answers 400 for a body that is not JSON', async () => {
		const res = await sendRaw(
			single(sandbox()),
			'put',
			endpointPath('updateCustomer', ada().id),
			'customer[first_name]=Ada',
		);
		expect(res.status).toBe(400);
		expect(res.data).toEqual({ error: 'Malformed JSON body' });
	});
});
