import type { IDataObject } from 'n8n-workflow';
import { testCredential } from '../harness/credentialTest';
import { listSearch } from '../harness/listSearch';
import { ActiveTrigger } from '../harness/poll';
import { asAiTool, runBillPro, type BillProCredentials } from '../harness/workflow';

/**
 * Every way the package sends a request to BillPro, for tests of what holds on all of them: a
 * routed read (Customer → Get), a custom operation (Customer → Create), the same create as an
 * AI tool (RoutingNode), the read before Customer → Update, a list search, the BillPro
 * Trigger's poll and the credential test.
 */
export const getCustomer = (extra: IDataObject = {}): IDataObject => ({
	resource: 'customer',
	operation: 'get',
	customer: { __rl: true, mode: 'id', value: '7' },
	...extra,
});
export const createCustomer = (extra: IDataObject = {}): IDataObject => ({
	resource: 'customer',
	operation: 'create',
	firstName: 'Ada',
	lastName: 'Lovelace',
	email: 'ada@example.com',
	...extra,
});
export const updateCustomer: IDataObject = {
	resource: 'customer',
	operation: 'update',
	customer: { __rl: true, mode: 'id', value: '7' },
	updateFields: { phone: '+447700900123' },
};

/** Each request path, run once, with what it ended in: an error message (or none). */
export const EVERY_REQUEST_PATH: Array<
	[string, (creds: BillProCredentials) => Promise<string | undefined>]
> = [
	[
		'Customer → Get (routed)',
		async (creds) =>
			(await runBillPro({ credentials: creds, parameters: getCustomer() })).error?.message,
	],
	[
		'Customer → Create (custom operation)',
		async (creds) =>
			(await runBillPro({ credentials: creds, parameters: createCustomer() })).error?.message,
	],
	[
		'Customer → Create as an AI tool (routed)',
		async (creds) =>
			(
				await asAiTool(
					async () => await runBillPro({ credentials: creds, parameters: createCustomer() }),
				)
			).error?.message,
	],
	[
		'Customer → Update (reads the customer first)',
		async (creds) =>
			(await runBillPro({ credentials: creds, parameters: updateCustomer })).error?.message,
	],
	[
		'a list search',
		async (creds) => {
			try {
				await listSearch('searchCustomers', creds);
				return undefined;
			} catch (error) {
				return (error as Error).message;
			}
		},
	],
	[
		"the BillPro Trigger's poll",
		async (creds) => {
			try {
				await new ActiveTrigger(creds, { events: ['newCustomer'] }).poll();
				return undefined;
			} catch (error) {
				return (error as Error).message;
			}
		},
	],
	[
		'the credential test',
		async (creds) => {
			const result = await testCredential(creds);
			return result.status === 'OK' ? undefined : result.message;
		},
	],
];
