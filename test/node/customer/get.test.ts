import { runBillPro } from '../../harness/workflow';
import { useSandbox } from '../sandboxFixture';

describe('Getting a customer', () => {
	const billPro = useSandbox();

	it('gets one customer, simplified to 10 fields', async () => {
		const customer = billPro.sandbox.store
			.customers(1)
			.find((candidate) => candidate.addresses.length > 0 && candidate.organisation);
		expect(customer).toBeDefined();
		const { items } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: {
				resource: 'customer',
				operation: 'get',
				customer: { __rl: true, mode: 'list', value: String(customer?.id) },
			},
		});
		expect(items[0].json).toEqual({
			id: customer?.id,
			customer_id: customer?.customer_id,
			first_name: customer?.first_name,
			last_name: customer?.last_name,
			email: customer?.email,
			phone: customer?.phone ?? null,
			status: customer?.status,
			organisation_name: customer?.organisation?.name ?? null,
			billing_country:
				customer?.addresses.find((entry) => entry.address_type === 'billing_address')?.country ??
				null,
			created_at: customer?.created_at,
		});
	});

	it('does not find a customer of another merchant profile', async () => {
		const [ofProfile7] = billPro.sandbox.store.customers(7);
		const { error } = await runBillPro({
			credentials: billPro.multiProfile('5'),
			parameters: {
				resource: 'customer',
				operation: 'get',
				customer: { __rl: true, mode: 'id', value: String(ofProfile7.id) },
			},
		});
		expect(error?.message).toBe(
			"The customer was not found in BillPro. Check the ID. Use the customer's 'id', a whole number, from the answer of Get many customers or Get a customer (not its merchant 'customer_id').",
		);
	});
});
