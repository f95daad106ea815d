/**
 * examples/bulk-import-customers.json, run by n8n: five customers from items, four created in
 * BillPro, one refused by BillPro (its phone number does not fit its country) without stopping
 * the import.
 */
import { readFileSync } from 'node:fs';

import { SINGLE_PROFILE_TOKEN } from '../../sandbox';
import { example, executeWorkflow, sandbox } from './support/context';

interface Row {
	first_name: string;
	last_name: string;
	email: string;
	phone: string;
	date_of_birth: string;
	street: string;
	city: string;
	country: string;
	postal_code: string;
}

/** The sample rows, read from the workflow itself. */
function sampleRows(): Row[] {
	const workflow = JSON.parse(readFileSync(example('bulk-import-customers').file, 'utf8')) as {
		nodes: Array<{ name: string; parameters: { jsonOutput?: string } }>;
	};
	const source = workflow.nodes.find((node) => node.name === 'Customers to import');
	return (JSON.parse(source?.parameters.jsonOutput ?? '{}') as { customers: Row[] }).customers;
}

describe('Example: bulk import customers', () => {
	const rows = sampleRows();
	const accepted = rows.slice(0, 4);
	const refused = rows[4];

	beforeAll(() => sandbox.reset());

	it('creates every valid customer and reports the one BillPro refuses', async () => {
		const { code, run, items } = await executeWorkflow(example('bulk-import-customers').id);
		expect(run.data.resultData.error).toBeUndefined();
		expect(code).toBe(0);

		const imported = items('Imported');
		expect(imported.map((item) => item.email)).toEqual(accepted.map((row) => row.email));
		for (const item of imported) {
			expect(item).toEqual({
				email: expect.any(String),
				imported: true,
				billpro_id: expect.any(Number),
				customer_id: expect.stringMatching(/^[A-Z0-9]{10}$/),
				reason: '',
			});
		}
		expect(items('Not imported')).toEqual([
			{
				email: refused.email,
				imported: false,
				billpro_id: null,
				customer_id: '',
				reason: "BillPro rejected 'Phone' is invalid",
			},
		]);

		// What BillPro received: one create per row, each authorized, the refused one answered 422.
		const creates = (await sandbox.requests()).filter(
			(request) => request.method === 'POST' && request.path === '/api/v1/customers',
		);
		expect(creates.map((request) => [request.authorized, request.status])).toEqual([
			[true, 200],
			[true, 200],
			[true, 200],
			[true, 200],
			[true, 422],
		]);
		expect(creates[0].body).toEqual({
			customer: {
				first_name: accepted[0].first_name,
				last_name: accepted[0].last_name,
				email: accepted[0].email,
				phone: accepted[0].phone,
				date_of_birth: accepted[0].date_of_birth,
				addresses: {
					billing_address: {
						street: accepted[0].street,
						city: accepted[0].city,
						country: accepted[0].country,
						postal_code: accepted[0].postal_code,
					},
				},
			},
		});

		// And what BillPro now holds: the four customers, with their billing addresses.
		const { status, body } = await sandbox.api<Array<Record<string, unknown>>>(
			SINGLE_PROFILE_TOKEN,
			'GET',
			'/customers?page=1',
		);
		expect(status).toBe(200);
		for (const row of accepted) {
			const customer = body.find((candidate) => candidate.email === row.email);
			expect(customer).toMatchObject({
				first_name: row.first_name,
				last_name: row.last_name,
				phone: row.phone,
				date_of_birth: row.date_of_birth,
				status: 'active',
				addresses: [
					expect.objectContaining({
						address_type: 'billing_address',
						street: row.street,
						city: row.city,
						country: row.country,
						postal_code: row.postal_code,
					}),
				],
			});
			expect(imported.find((item) => item.email === row.email)?.billpro_id).toBe(customer?.id);
		}
		expect(body.some((candidate) => candidate.email === refused.email)).toBe(false);
	});
});
