/**
 * The credential's Test button, run by n8n itself (POST /rest/credentials/test, what the editor
 * calls): it passes with the sandbox token and fails with the credential's own messages. n8n 1.x
 * shows its generic text for the HTTP status instead: its errors drop the response that the
 * credential's rules are matched against.
 */
import { BillProApi } from '../../credentials/BillProApi.credentials';
import { MULTI_PROFILE_TOKEN, SINGLE_PROFILE_TOKEN } from '../../sandbox';
import { redirect, startHostileServer, type HostileServer } from '../harness/hostileServer';
import { e2e, n8nRest, perN8nLine, sandbox } from './support/context';

/** The message the credential's `responseCode` rule gives for an HTTP status. */
function ruleMessage(status: number): string {
	const rule = new BillProApi().test.rules?.find(
		(candidate) => candidate.type === 'responseCode' && candidate.properties.value === status,
	);
	if (!rule || rule.type !== 'responseCode') throw new Error(`No responseCode rule for ${status}`);
	return rule.properties.message;
}

/** n8n 1.x's own text for a failed request with that status. */
const N8N_1X_TEXT: Record<number, string> = {
	401: 'Authorization failed - please check your credentials',
	422: 'Your request is invalid or could not be processed by the service',
	404: 'The resource you are requesting could not be found',
	302: 'Request failed with status code 302',
};

/** What the test shows when BillPro answers `status`, on the n8n line that runs. */
function shownMessage(status: number): string {
	return perN8nLine({ '2.41': ruleMessage(status), '1.123': N8N_1X_TEXT[status] });
}

async function testCredential(data: Record<string, string>) {
	const rest = await n8nRest();
	const { id, name, type } = e2e().credential;
	return await rest.data<{ status: string; message: string }>('POST', '/rest/credentials/test', {
		credentials: {
			id,
			name,
			type,
			data: { environment: 'custom', customUrl: e2e().sandboxBaseUrl, profileId: '', ...data },
		},
	});
}

describe("The credential's Test, run by n8n", () => {
	beforeEach(() => sandbox.reset());

	it('passes with the sandbox token', async () => {
		await expect(testCredential({ apiToken: SINGLE_PROFILE_TOKEN })).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		// n8n applied the credential's authenticate: one authorized products request, no profile_id.
		expect(await sandbox.requests()).toEqual([
			expect.objectContaining({
				method: 'GET',
				path: '/api/v1/products',
				query: { page: '1' },
				authorized: true,
				status: 200,
			}),
		]);
	});

	it('fails with a clear message for a token BillPro does not accept (401)', async () => {
		await expect(testCredential({ apiToken: 'not-a-billpro-token' })).resolves.toEqual({
			status: 'Error',
			message: shownMessage(401),
		});
		// n8n (2.41 and 1.123) sends a request that got a 401 once more (after its
		// pre-authentication hook, which this credential does not have): BillPro sees the test twice.
		const requests = await sandbox.requests();
		expect(requests.map((request) => [request.path, request.authorized, request.status])).toEqual([
			['/api/v1/products', false, 401],
			['/api/v1/products', false, 401],
		]);
	});

	it('fails with a clear message when a multi-profile token has no Profile ID (422)', async () => {
		await expect(testCredential({ apiToken: MULTI_PROFILE_TOKEN })).resolves.toEqual({
			status: 'Error',
			message: shownMessage(422),
		});
	});

	it('passes with a multi-profile token and one of its profiles, sent as profile_id', async () => {
		await expect(
			testCredential({ apiToken: MULTI_PROFILE_TOKEN, profileId: '5' }),
		).resolves.toMatchObject({
			status: 'OK',
		});
		expect(await sandbox.requests()).toEqual([
			expect.objectContaining({
				query: { page: '1', profile_id: '5' },
				profileId: '5',
				status: 200,
			}),
		]);
	});

	it('says when no BillPro API answers at the Custom URL (404)', async () => {
		await expect(
			testCredential({
				apiToken: SINGLE_PROFILE_TOKEN,
				customUrl: `${e2e().sandboxUrl}/not-the-api`,
			}),
		).resolves.toEqual({ status: 'Error', message: shownMessage(404) });
	});
});

describe("The credential's Test, run by n8n, against a hostile address", () => {
	let billProAddress: HostileServer;
	let elsewhere: HostileServer;
	beforeAll(async () => {
		elsewhere = await startHostileServer();
		billProAddress = await startHostileServer((request, response) =>
			redirect(response, 302, `${elsewhere.origin}${request.url}`),
		);
	});
	afterAll(async () => {
		await billProAddress.close();
		await elsewhere.close();
	});

	it('does not follow a redirect: the token never reaches the other server', async () => {
		await expect(
			testCredential({ apiToken: SINGLE_PROFILE_TOKEN, customUrl: billProAddress.baseUrl }),
		).resolves.toEqual({ status: 'Error', message: shownMessage(302) });
		expect(billProAddress.requests).toHaveLength(1);
		expect(billProAddress.requests[0].headers.authorization).toBe(`Bearer ${SINGLE_PROFILE_TOKEN}`);
		expect(elsewhere.requests).toEqual([]);
	});

	it('refuses a Custom URL with a user name and password, without sending or repeating it', async () => {
		const customUrl = billProAddress.baseUrl.replace('http://', 'http://admin:hunter2pass@');
		const result = await testCredential({ apiToken: SINGLE_PROFILE_TOKEN, customUrl });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/must not contain a user name or password/);
		expect(result.message).not.toContain('hunter2pass');
		expect(billProAddress.requests).toHaveLength(1); // only the earlier test's
	});
});
