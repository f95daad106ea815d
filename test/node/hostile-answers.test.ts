import type { IDataObject } from 'n8n-workflow';
import { BillPro } from '../../nodes/BillPro/BillPro.node';
import { DEFAULT_MAX_RECORDS, PAGES_AHEAD } from '../../nodes/BillPro/shared/limits';
import { hostileServerPerFile, json, type SeenRequest } from '../harness/hostileServer';
import { listSearch } from '../harness/listSearch';
import { ActiveTrigger } from '../harness/poll';
import { asAiTool, runBillPro } from '../harness/workflow';

/**
 * BillPro answering with JSON that is valid but wrong: lists that never end, pages that repeat
 * or overlap, an object where a list belongs, a list where one record belongs. Every answer
 * comes from a fake BillPro (the hostile server); every request loop is bounded.
 */
const server = hostileServerPerFile();
const credentials = () => ({
	apiToken: 'hostile-answers-token',
	environment: 'custom',
	customUrl: server().baseUrl,
	profileId: '',
});

const pageNumberOf = (request: SeenRequest) =>
	Number(new URL(request.url, server().origin).searchParams.get('page'));
const pathOf = (request: SeenRequest) => new URL(request.url, server().origin).pathname;

/** The fake BillPro answers every request with `answerFor(page)` as JSON, status 200. */
function answerPages(answerFor: (page: number) => unknown) {
	server().answerWith((request, response) => json(response, 200, answerFor(pageNumberOf(request))));
}

/** Records with ids `from`, `from + 1`, … */
const records = (from: number, count: number): IDataObject[] =>
	Array.from({ length: count }, (_, index) => ({
		id: from + index,
		product_id: `P${from + index}`,
	}));
/** Page `page` of a list paged by 25. */
const page25 = (page: number) => records((page - 1) * 25 + 1, 25);

const run = (parameters: IDataObject) => runBillPro({ credentials: credentials(), parameters });
const getMany = (resource: string, extra: IDataObject = {}): IDataObject => ({
	resource,
	operation: 'getAll',
	...(resource === 'scheduledPayment' ? { orderId: '42' } : {}),
	...extra,
});
const requestedPages = () => server().requests.map(pageNumberOf);
/** A message that starts with `text` (other notes may follow it). */
const opening = (text: string) => new RegExp('^' + text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

describe('Return All is bounded by Max Records', () => {
	it('Get Many with Return All stops with a clear error when a list never ends', async () => {
		answerPages(page25);
		const { items, error } = await run(getMany('product', { returnAll: true, maxRecords: 500 }));
		expect(items).toHaveLength(0);
		expect(error?.message).toMatch(
			opening('Return All stopped at 500 records (the Max Records bound)'),
		);
		expect(error?.description).toMatch(/raise 'Max Records'/);
		// 500 records are 20 pages; the node reads one record past the bound, in batches.
		expect(server().requests.length).toBeGreaterThanOrEqual(21);
		expect(server().requests.length).toBeLessThanOrEqual(21 + PAGES_AHEAD);
	});

	it('says the default bound, 100,000, when a list never ends', async () => {
		answerPages((page) => records((page - 1) * 5000 + 1, 5000));
		const { error } = await run(getMany('customer', { returnAll: true }));
		expect(error?.message).toMatch(
			opening('Return All stopped at 100,000 records (the Max Records bound)'),
		);
		expect(server().requests.length).toBeLessThanOrEqual(21 + PAGES_AHEAD);
	}, 60_000);

	it('Get Many with Return All returns a list of exactly Max Records, without an error', async () => {
		answerPages((page) => (page <= 20 ? page25(page) : []));
		const { items, error } = await run(getMany('product', { returnAll: true, maxRecords: 500 }));
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(records(1, 500).map((record) => record.id));
	});

	it('every Get Many has a Max Records field, 100,000 by default, shown only with Return All', () => {
		const fields = new BillPro().description.properties.filter(
			(property) => property.name === 'maxRecords',
		);
		expect(fields.map((field) => field.displayOptions?.show?.resource)).toEqual(
			expect.arrayContaining([['product'], ['customer'], ['scheduledPayment']]),
		);
		for (const field of fields) {
			expect(DEFAULT_MAX_RECORDS).toBe(100_000);
			expect(field).toMatchObject({
				displayName: 'Max Records',
				type: 'number',
				default: 100_000,
				typeOptions: { minValue: 1 },
				displayOptions: { show: { operation: ['getAll'], returnAll: [true] } },
			});
		}
	});

	it('refuses a Max Records of 0 before sending anything', async () => {
		answerPages(page25);
		const { error } = await run(getMany('product', { returnAll: true, maxRecords: 0 }));
		expect(error?.message).toMatch(/^'Max Records' must be a whole number of at least 1/);
		expect(server().requests).toHaveLength(0);
	});
});

describe('Get Many stops with a clear error when pages repeat records', () => {
	it.each(['product', 'customer'])(
		'when the pages alternate (1, 2, 1, 2, …): %s',
		async (resource) => {
			answerPages((page) => page25(page % 2 === 1 ? 1 : 2));
			const { error } = await run(getMany(resource, { returnAll: true }));
			expect(error?.message).toMatch(
				opening("BillPro's list repeated records it had already sent (page 3)"),
			);
			expect(error?.description).toMatch(/the record with ID 1, already read/);
			expect(Math.max(...requestedPages())).toBeLessThanOrEqual(1 + PAGES_AHEAD);
		},
	);

	it('when pages overlap (each starts 5 records before the last one ended)', async () => {
		answerPages((page) => records((page - 1) * 20 + 1, 25));
		const { error } = await run(getMany('product', { limit: 100 }));
		expect(error?.message).toMatch(
			opening("BillPro's list repeated records it had already sent (page 2)"),
		);
		expect(error?.description).toMatch(/the record with ID 21/);
	});

	it('when records without an id repeat (they are told apart by their JSON)', async () => {
		const withoutIds = Array.from({ length: 25 }, (_, index) => ({ product_id: `X${index}` }));
		answerPages(() => withoutIds);
		const { error } = await run(getMany('product', { returnAll: true, simplify: false }));
		expect(error?.message).toMatch(
			opening("BillPro's list repeated records it had already sent (page 2)"),
		);
		expect(error?.description).toMatch(/a record without an ID/);
	});

	it('when the products list, documented as paged, answers page 1 again', async () => {
		answerPages(() => records(1, 3));
		const { error } = await run(getMany('product', { returnAll: true }));
		expect(error?.message).toMatch(
			opening("BillPro's list repeated records it had already sent (page 2)"),
		);
	});
});

describe('A list only inferred to be paged that answers page 1 again is not paged', () => {
	const payments = [1, 2, 3].map((id) => ({ id, order_id: 42, status: 'scheduled' }));

	it.each([{ returnAll: true }, { limit: 50 }])(
		'Scheduled Payment → Get Many (%o) returns its records once, without an error',
		async (mode) => {
			answerPages(() => payments);
			const { items, error } = await run(getMany('scheduledPayment', { ...mode, simplify: false }));
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json)).toEqual(payments);
			// Page 1 alone, then one batch: no further requests once page 2 repeats page 1.
			expect(server().requests.length).toBeLessThanOrEqual(1 + PAGES_AHEAD);
			expect(pathOf(server().requests[0])).toBe('/api/v1/orders/42/scheduled_payments');
		},
	);

	it('Customer → Get Many returns records without an id once, when page 2 repeats page 1', async () => {
		const withoutIds = [{ email: 'a@example.com' }, { email: 'b@example.com' }];
		answerPages(() => withoutIds);
		const { items, error } = await run(getMany('customer', { returnAll: true, simplify: false }));
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(withoutIds);
	});
});

describe('A list answered with something other than a list fails clearly', () => {
	const notAList =
		/^BillPro answered a list request with something other than a list \(HTTP 200\)$/;

	it.each([{ returnAll: true }, { limit: 10 }])(
		'Get Many (%o) answered with an object fails on page 1, without a retry',
		async (mode) => {
			answerPages(() => ({ data: page25(1), meta: { page: 1 } }));
			const { items, error } = await run(getMany('product', mode));
			expect(items).toHaveLength(0);
			expect(error?.message).toMatch(notAList);
			expect(error?.description).toMatch(
				/expected a JSON array of records and got a single JSON object/,
			);
			expect(error?.description).toMatch(/Check that the base URL/);
			expect(requestedPages()).toEqual([1]);
		},
	);

	it('Scheduled Payment → Get Many answered with one object fails, not one item', async () => {
		answerPages(() => ({ id: 1, status: 'scheduled' }));
		const { items, error } = await run(getMany('scheduledPayment', { returnAll: true }));
		expect(items).toHaveLength(0);
		expect(error?.message).toMatch(notAList);
	});

	it('a "From List" picker answered with an object fails with the same error', async () => {
		answerPages(() => ({ id: 1, first_name: 'Not', last_name: 'Alist' }));
		await expect(listSearch('searchCustomers', credentials())).rejects.toThrow(notAList);
		expect(server().requests).toHaveLength(1);
	});

	it('a "From List" search whose pages repeat stops at the first repeat', async () => {
		answerPages(() => page25(1));
		await expect(listSearch('searchProducts', credentials(), 'no such product')).rejects.toThrow(
			/^BillPro's list repeated records it had already sent \(page 2\)/,
		);
		expect(requestedPages()).toEqual([1, 2]);
	});

	it('a "From List" picker answered with a list still lists it', async () => {
		answerPages((page) => (page === 1 ? records(1, 2) : []));
		const { results } = await listSearch('searchProducts', credentials());
		expect(results.map((result) => result.value)).toEqual(['1', '2']);
	});
});

describe('A record answered with a list fails clearly', () => {
	const getCustomer = {
		resource: 'customer',
		operation: 'get',
		customer: { __rl: true, mode: 'id', value: '1' },
	};
	const createCustomer = {
		resource: 'customer',
		operation: 'create',
		firstName: 'Only',
		lastName: 'Once',
		email: 'once@example.com',
	};
	const twoCustomers = [
		{ id: 1, email: 'a@example.com' },
		{ id: 2, email: 'b@example.com' },
	];

	it('Customer → Get answered [] fails instead of giving no item', async () => {
		answerPages(() => []);
		const { items, error } = await run(getCustomer);
		expect(items).toHaveLength(0);
		expect(error?.message).toMatch(
			opening('BillPro answered with an empty list where one customer was expected (HTTP 200)'),
		);
		expect(server().requests).toHaveLength(1);
	});

	it('Customer → Update whose read of the customer is answered [] sends no PUT', async () => {
		answerPages(() => []);
		const { items, error } = await run({
			resource: 'customer',
			operation: 'update',
			customer: { __rl: true, mode: 'id', value: '7' },
			updateFields: { phone: '+447700900123' },
		});
		expect(items).toHaveLength(0);
		expect(error?.message).toMatch(
			opening('BillPro answered with an empty list where one customer was expected (HTTP 200)'),
		);
		expect(server().requests.map((request) => request.method)).toEqual(['GET']);
	});

	it('Customer → Get answered with two records fails, without a retry', async () => {
		answerPages(() => twoCustomers);
		const { items, error } = await run(getCustomer);
		expect(items).toHaveLength(0);
		expect(error?.message).toMatch(
			opening(
				'BillPro answered with a list of 2 records where one customer was expected (HTTP 200)',
			),
		);
		expect(error?.description).not.toMatch(/may have carried out/);
		expect(server().requests).toHaveLength(1);
	});

	it.each([
		['as a workflow step (custom operation)', <T>(go: () => Promise<T>) => go()],
		['as an AI tool (routing)', asAiTool],
	])(
		'Customer → Create answered with two records fails, is not sent again, says BillPro may have acted: %s',
		async (_path, runAs) => {
			answerPages(() => twoCustomers);
			const { items, error } = await runAs(() => run(createCustomer));
			expect(items).toHaveLength(0);
			expect(error?.message).toMatch(
				opening(
					'BillPro answered with a list of 2 records where one customer was expected (HTTP 200)',
				),
			);
			expect(error?.description).toMatch(
				/may have carried out this POST.*Check the customer in BillPro before sending this item again/,
			);
			expect(server().requests.map((request) => request.method)).toEqual(['POST']);
		},
	);
});

describe("The BillPro Trigger's polls are bounded whatever BillPro answers", () => {
	const poll = (parameters: IDataObject) =>
		new ActiveTrigger(credentials(), parameters).poll().catch((error: Error) => error);

	it('a customer list that never ends fails the first poll clearly, after a bounded number of requests', async () => {
		answerPages(page25);
		const error = await poll({ events: ['newCustomer'] });
		expect((error as Error).message).toMatch(/list never ends/);
		expect(server().requests.length).toBeLessThanOrEqual(22);
	});

	it('a product list that repeats its pages fails the poll instead of reading forever', async () => {
		answerPages(() => page25(1));
		const error = await poll({ events: ['newOrChangedProduct'] });
		expect((error as Error).message).toMatch(/repeated records/);
	});

	it('a watched order answered with a list fails the poll and names the problem', async () => {
		answerPages(() => [{ id: 1, status: 'active' }]);
		const error = await poll({ events: ['orderStatusChanged'], watchedOrderIds: '1' });
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toMatch(
			/^BillPro answered with .* where one order was expected/,
		);
	});
});

describe('Request Options → Pages Read at Once', () => {
	// 30 records in pages of 25: page 1, then one batch of pages, of which only page 2 holds records.
	const thirtyRecords = () =>
		answerPages((page) => (page === 1 ? page25(1) : page === 2 ? records(26, 5) : []));

	it.each([
		[undefined, 1 + PAGES_AHEAD],
		[1, 2],
		[10, 11],
	])(
		'set to %s, a Get Many asks for that many pages at once after page 1',
		async (pagesAtOnce, requests) => {
			thirtyRecords();
			const { items, error } = await run(
				getMany('product', {
					returnAll: true,
					...(pagesAtOnce === undefined
						? {}
						: { requestOptions: { pagesAtOnce, maxConcurrency: 20 } }),
				}),
			);
			expect(error).toBeUndefined();
			expect(items).toHaveLength(30);
			expect(server().requests).toHaveLength(requests);
		},
	);

	it.each([0, 21, 2.5, 'many'])(
		'refuses %p before any request, naming the field',
		async (pagesAtOnce) => {
			thirtyRecords();
			const { error } = await run(
				getMany('product', { returnAll: true, requestOptions: { pagesAtOnce } }),
			);
			expect(error?.message).toMatch(/^'Pages Read at Once' must be/);
			expect(server().requests).toEqual([]);
		},
	);
});
