import type { ServerResponse } from 'node:http';
import {
	json,
	redirect,
	silentAfterHeaders,
	startHostileServer,
	trickle,
	type HostileServer,
	type SeenRequest,
} from '../harness/hostileServer';
import { listSearch } from '../harness/listSearch';
import { ActiveTrigger } from '../harness/poll';
import { placesContaining } from '../harness/secrets';
import { asAiTool, runBillPro, type BillProCredentials } from '../harness/workflow';
import {
	createCustomer,
	EVERY_REQUEST_PATH,
	getCustomer,
	updateCustomer,
} from './everyRequestPath';
import { useSandbox } from './sandboxFixture';
import { acceptedIn, itemsIn } from './stoppedRun';

/**
 * BillPro behind a hostile network or a careless set-up: redirects, answers that trickle in or
 * stop, bodies that echo the token, a Custom URL with a password in it. Every request path is
 * tried: a routed read (Customer → Get), a custom operation (Customer → Create), the same create
 * as an AI tool (RoutingNode), the read before Customer → Update, a list search, the BillPro
 * Trigger's poll and the credential test.
 */
const TOKEN = 'tok_live_4f1c9e2d7a';

let billProServer: HostileServer;
let elsewhere: HostileServer;
beforeAll(async () => {
	billProServer = await startHostileServer();
	elsewhere = await startHostileServer((_request, response) => json(response, 200, []));
});
beforeEach(() => {
	billProServer.requests.splice(0);
	elsewhere.requests.splice(0);
});
afterAll(async () => {
	await billProServer.close();
	await elsewhere.close();
});

const credentials = (overrides: Partial<BillProCredentials> = {}): BillProCredentials => ({
	apiToken: TOKEN,
	environment: 'custom',
	customUrl: billProServer.baseUrl,
	profileId: '',
	...overrides,
});

const authorizationOf = (request: SeenRequest) => request.headers.authorization;

describe('A redirect from the BillPro address', () => {
	describe.each([301, 302, 303, 307, 308])('HTTP %i to another server', (status) => {
		it.each(EVERY_REQUEST_PATH)(
			'%s: the token never reaches the other server, and the run fails clearly',
			async (_path, run) => {
				billProServer.answerWith((request, response) =>
					redirect(response, status, `${elsewhere.origin}${request.url}`),
				);
				const message = await run(credentials());
				expect(elsewhere.requests).toEqual([]);
				expect(billProServer.requests.length).toBeGreaterThan(0);
				expect(
					billProServer.requests.every((request) => authorizationOf(request) === `Bearer ${TOKEN}`),
				).toBe(true);
				expect(message).toMatch(/redirect/i);
				expect(message).not.toContain(TOKEN);
			},
		);
	});

	it('an http:// Custom URL redirected to https:// fails the create and says which URL to use; nothing is read instead', async () => {
		billProServer.answerWith((request, response) =>
			redirect(response, 301, `https://billing.example.com${request.url}`),
		);
		const { items, error } = await runBillPro({
			credentials: credentials(),
			parameters: createCustomer(),
		});
		expect(items).toEqual([]);
		expect(error?.message).toMatch(
			/redirected the request to https:\/\/billing\.example\.com\/api\/v1\/customers \(HTTP 301\)/,
		);
		expect(error?.message).toMatch(/Custom URL/);
		expect(error?.description).toMatch(/not processed/);
		expect(billProServer.requests.map((request) => request.method)).toEqual(['POST']);
	});

	it('a redirected create with Continue On Fail gives one failed item, paired with its input, never "created" records', async () => {
		billProServer.answerWith((request, response) =>
			redirect(response, 303, `${elsewhere.origin}${request.url}`),
		);
		const { items, error } = await runBillPro({
			credentials: credentials(),
			parameters: createCustomer(),
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({ error: expect.stringMatching(/redirect/i) });
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(elsewhere.requests).toEqual([]);
	});

	it('a redirect is not retried: a read asks once', async () => {
		billProServer.answerWith((request, response) =>
			redirect(response, 302, `${elsewhere.origin}${request.url}`),
		);
		await runBillPro({ credentials: credentials(), parameters: getCustomer() });
		expect(billProServer.requests).toHaveLength(1);
	});
});

describe('The Timeout bounds the whole request', () => {
	const timeout = { requestOptions: { timeout: 1000 } };

	it('a Get whose answer trickles in for 15 s stops at the Timeout, and is retried like any timeout', async () => {
		billProServer.answerWith((_request, response) => trickle(response, 200, 15_000));
		const started = Date.now();
		const { error } = await runBillPro({
			credentials: credentials(),
			parameters: getCustomer(timeout),
		});
		// 4 attempts of 1 s, with 0.3 + 0.6 + 1.2 s between them.
		expect(Date.now() - started).toBeLessThan(9_000);
		expect(billProServer.requests).toHaveLength(4);
		expect(error?.message).toMatch(/did not answer \(ETIMEDOUT\)/);
		expect(error?.description).toMatch(/did not answer in time.*Timeout/);
	}, 20_000);

	it('a Create whose answer trickles in stops at the Timeout and is not sent again', async () => {
		billProServer.answerWith((_request, response) => trickle(response, 200, 15_000));
		const started = Date.now();
		const { error } = await runBillPro({
			credentials: credentials(),
			parameters: createCustomer(timeout),
		});
		expect(Date.now() - started).toBeLessThan(3_000);
		expect(billProServer.requests).toHaveLength(1);
		expect(error?.message).toMatch(/ETIMEDOUT/);
		expect(error?.description).toMatch(/may have carried out this POST/);
	});

	it('a read that goes silent after its headers is a timeout, and is retried', async () => {
		billProServer.answerWith((request, response) => {
			if (billProServer.requests.length < 3) return silentAfterHeaders(response);
			json(response, 200, { id: 7, customer_id: 'C7', first_name: 'Ada' });
		});
		const { items, error } = await runBillPro({
			credentials: credentials(),
			parameters: getCustomer(timeout),
		});
		expect(error).toBeUndefined();
		expect(items[0].json.id).toBe(7);
		expect(billProServer.requests).toHaveLength(3);
	}, 15_000);
});

describe('Secrets in error answers', () => {
	/** An answer that quotes the request's headers back, as some proxies and debug pages do. */
	const echoHeaders = (status: number) => (request: SeenRequest, response: ServerResponse) =>
		json(response, status, {
			error: 'bad request',
			received_headers: request.headers,
			hint: `token=${TOKEN}`,
		});

	it.each([400, 403, 422, 500])(
		'HTTP %i echoing the headers: the token is in no message, description, item or log',
		async (status) => {
			billProServer.answerWith(echoHeaders(status));
			for (const parameters of [getCustomer(), createCustomer(), updateCustomer]) {
				const result = await runBillPro({ credentials: credentials(), parameters });
				expect(result.error).toBeDefined();
				expect(placesContaining(TOKEN, result)).toEqual([]);
				expect(JSON.stringify(result.run.data.resultData)).not.toMatch(/Bearer [^\s[]/);
				const kept = await runBillPro({
					credentials: credentials(),
					parameters,
					continueOnFail: true,
				});
				expect(kept.items).toHaveLength(1);
				expect(placesContaining(TOKEN, kept)).toEqual([]);
			}
		},
	);

	it('a trigger poll whose error echoes the headers does not show the token', async () => {
		billProServer.answerWith(echoHeaders(500));
		const error = await new ActiveTrigger(credentials(), { events: ['newCustomer'] })
			.poll()
			.catch((caught: Error) => caught);
		expect(error).toBeInstanceOf(Error);
		expect(
			JSON.stringify({ ...(error as object), message: (error as Error).message }),
		).not.toContain(TOKEN);
	});

	it('a list search whose error echoes the headers does not show the token', async () => {
		billProServer.answerWith(echoHeaders(500));
		const error = await listSearch('searchCustomers', credentials()).catch(
			(caught: Error) => caught,
		);
		expect(error).toBeInstanceOf(Error);
		expect(
			JSON.stringify({ ...(error as object), message: (error as Error).message }),
		).not.toContain(TOKEN);
	});
});

describe('A Custom URL the node refuses, before any request', () => {
	const CASES: Array<[string, (origin: string) => string, RegExp]> = [
		[
			'a user name and password',
			(origin) => origin.replace('http://', 'http://admin:hunter2pass@') + '/api/v1',
			/user name or password/,
		],
		['a fragment', (origin) => `${origin}/api/v1#section`, /fragment/],
		['a query', (origin) => `${origin}/api/v1?debug=1`, /query/],
		[
			'no http(s) scheme',
			(origin) => origin.replace('http://', 'ftp://') + '/api/v1',
			/http:\/\/ or https:\/\//,
		],
	];

	describe.each(CASES)('with %s', (_case, urlFrom, problem) => {
		it.each(EVERY_REQUEST_PATH)(
			'%s says what is wrong, sends nothing, and never echoes the URL',
			async (_path, run) => {
				const customUrl = urlFrom(billProServer.origin);
				const message = await run(credentials({ customUrl }));
				expect(message).toMatch(problem);
				expect(message).not.toContain('hunter2pass');
				expect(message).not.toContain(customUrl);
				expect(billProServer.requests).toEqual([]);
			},
		);
	});
});

describe('A create answered with 429', () => {
	it('is not sent again: a gateway may answer 429 after BillPro created the order', async () => {
		billProServer.answerWith((_request, response) => json(response, 429, { error: 'slow down' }));
		const { error } = await runBillPro({
			credentials: credentials(),
			parameters: createCustomer(),
		});
		expect(billProServer.requests).toHaveLength(1);
		expect(error?.message).toMatch(/HTTP 429/);
		expect(error?.description).toMatch(
			/does not send a POST again after a 429.*Check the customer in BillPro/,
		);
	});

	it('a read answered with 429 is still retried', async () => {
		billProServer.answerWith((request, response) => {
			if (billProServer.requests.length < 2) return json(response, 429, {});
			json(response, 200, { id: 7, customer_id: 'C7' });
		});
		const { error } = await runBillPro({ credentials: credentials(), parameters: getCustomer() });
		expect(error).toBeUndefined();
		expect(billProServer.requests).toHaveLength(2);
	});
});

describe('A bulk create that fails part-way, Continue On Fail off', () => {
	const billPro = useSandbox({ latencyMs: 20 });
	// Row 6 repeats a customer that exists: BillPro refuses its email (422).
	const rows = Array.from({ length: 60 }, (_, index) => ({
		mail: index === 6 ? 'ada.lovelace@example.com' : `stop${index}@example.com`,
	}));
	const parameters = createCustomer({ email: '={{ $json.mail }}', lastName: 'Stop' });
	const created = () =>
		billPro.sandbox.store.customers(1).filter((customer) => customer.last_name === 'Stop');

	it.each([
		['as a workflow step (custom operation)', <T>(run: () => Promise<T>) => run()],
		['as an AI tool (routed)', asAiTool],
	])(
		'%s: no new request starts after the failed item, and the error says what BillPro received',
		async (_path, how) => {
			const { items, error } = await how(() =>
				runBillPro({ credentials: billPro.singleProfile(), items: rows, parameters }),
			);
			expect(items).toEqual([]);
			expect(error?.message).toMatch(/'Email' has already been taken/);
			expect(error?.message).toMatch(
				/The run stopped at item 6: BillPro accepted \d+ items, \d+ items were not sent\./,
			);
			// At most the 5 requests in flight beside it went on; 60 would have gone out before.
			const posts = billPro.requests().filter((request) => request.method === 'POST');
			expect(posts.length).toBeLessThanOrEqual(6 + 1 + 5);
			expect(created().length).toBe(posts.length - 1);
			// The error names every row BillPro created, with its ID, and the rows not sent.
			const named = acceptedIn(error?.description);
			expect([...named].map(([item, id]) => [rows[item].mail, id]).sort()).toEqual(
				created()
					.map((customer) => [customer.email, String(customer.id)])
					.sort(),
			);
			expect(itemsIn(error?.description, 'Failed:')).toEqual([6]);
			expect(itemsIn(error?.description, 'Not sent:')).toEqual(
				rows.map((_, item) => item).filter((item) => item !== 6 && !named.has(item)),
			);
		},
	);

	it('with Continue On Fail on, every row is still sent and the failed one stays paired', async () => {
		const { items, error } = await runBillPro({
			credentials: billPro.singleProfile(),
			items: rows,
			parameters,
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(60);
		expect(items[6].json.error).toMatch(/already been taken/);
		expect(items[6].pairedItem).toEqual({ item: 6 });
		expect(created()).toHaveLength(59);
	});
});
