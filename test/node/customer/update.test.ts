import type { IDataObject } from 'n8n-workflow';
import { runBillPro } from '../../harness/workflow';
import { useSandbox } from '../sandboxFixture';

const bath = { street: '28 Milsom St', city: 'Bath', country: 'GB', postalCode: 'BA1 1DG' };
const leeds = { street: '2 Park Row', city: 'Leeds', country: 'GB', postalCode: 'LS1 5HD' };

describe('Updating a customer', () => {
	const billPro = useSandbox();

	/** A customer with both addresses, created through the node. */
	async function customerWithTwoAddresses(): Promise<IDataObject> {
		const { items, error } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: {
				resource: 'customer',
				operation: 'create',
				firstName: 'Dana',
				lastName: 'Borys',
				email: 'dana@example.com',
				additionalFields: {
					billingAddress: { address: bath },
					shippingAddress: { address: leeds },
				},
			},
		});
		expect(error).toBeUndefined();
		billPro.sandbox.store.resetRequests();
		return items[0].json;
	}

	const update = (customer: IDataObject, parameters: IDataObject) =>
		runBillPro({
			credentials: billPro.singleProfile(),
			parameters: {
				resource: 'customer',
				operation: 'update',
				customer: { __rl: true, mode: 'id', value: String(customer.id) },
				...parameters,
			},
		});

	const addressesOf = (customer: IDataObject) =>
		(customer.addresses as IDataObject[]).map(({ address_type, city }) => ({ address_type, city }));

	it('keeps both addresses when only the phone changes', async () => {
		const customer = await customerWithTwoAddresses();
		const { items, error } = await update(customer, { updateFields: { phone: '+447700900123' } });
		expect(error).toBeUndefined();
		expect(items[0].json.phone).toBe('+447700900123');
		expect(addressesOf(items[0].json)).toEqual([
			{ address_type: 'billing_address', city: 'Bath' },
			{ address_type: 'shipping_address', city: 'Leeds' },
		]);
		// It read the customer first, then sent the addresses back in BillPro's PUT format.
		const [read, write] = billPro.requests();
		expect([read.method, write.method]).toEqual(['GET', 'PUT']);
		expect(write.body).toEqual({
			customer: {
				phone: '+447700900123',
				addresses: {
					billing_address: {
						street: '28 Milsom St',
						city: 'Bath',
						country: 'GB',
						postal_code: 'BA1 1DG',
					},
					shipping_address: {
						street: '2 Park Row',
						city: 'Leeds',
						country: 'GB',
						postal_code: 'LS1 5HD',
					},
				},
			},
		});
	});

	it('replaces only the address that is set, keeping the other', async () => {
		const customer = await customerWithTwoAddresses();
		const { items } = await update(customer, {
			updateFields: {
				billingAddress: { address: { ...bath, city: 'Bristol', street: '1 Corn St' } },
			},
		});
		expect(addressesOf(items[0].json)).toEqual([
			{ address_type: 'billing_address', city: 'Bristol' },
			{ address_type: 'shipping_address', city: 'Leeds' },
		]);
	});

	it('sends only the given addresses when asked to replace them', async () => {
		const customer = await customerWithTwoAddresses();
		const { items } = await update(customer, {
			addressHandling: 'replace',
			updateFields: { shippingAddress: { address: leeds } },
		});
		expect(addressesOf(items[0].json)).toEqual([
			{ address_type: 'shipping_address', city: 'Leeds' },
		]);
		expect(billPro.requests().map((request) => request.method)).toEqual(['PUT']);
	});

	it('removes every address when asked to replace them with none', async () => {
		const customer = await customerWithTwoAddresses();
		const { items } = await update(customer, { addressHandling: 'replace' });
		expect(items[0].json.addresses).toEqual([]);
	});

	it('changes names and email, leaving what was not set', async () => {
		const customer = await customerWithTwoAddresses();
		const { items } = await update(customer, {
			updateFields: { firstName: 'Daniela', email: 'daniela@example.com' },
		});
		expect(items[0].json).toMatchObject({
			first_name: 'Daniela',
			last_name: 'Borys',
			email: 'daniela@example.com',
			customer_id: customer.customer_id,
		});
	});

	it('refuses an update with nothing to update', async () => {
		const customer = await customerWithTwoAddresses();
		const { error } = await update(customer, {});
		expect(error?.message).toMatch(/^'Update Fields' is empty/);
		expect(billPro.requests()).toHaveLength(0);
	});

	it('says the customer was not found, without sending the update', async () => {
		const { error } = await update({ id: 987654 }, { updateFields: { lastName: 'X' } });
		expect(error).toMatchObject({
			httpCode: '422',
			message:
				"The customer was not found in BillPro. Check the ID. Use the customer's 'id', a whole number, from the answer of Get many customers or Get a customer (not its merchant 'customer_id').",
		});
		expect(billPro.requests().map((request) => request.method)).toEqual(['GET']);
	});
});
