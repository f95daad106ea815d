import { testCredential } from '../harness/credentialTest';
import { useSandbox } from './sandboxFixture';

describe('Connecting a BillPro account (the credential test)', () => {
	const billPro = useSandbox();

	it('passes with a single-profile API token and sends only the Bearer token', async () => {
		await expect(testCredential(billPro.singleProfile())).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		const [request] = billPro.requests();
		expect(request).toMatchObject({ method: 'GET', path: '/api/v1/products', authorized: true });
		expect(request.query).toEqual({ page: '1' });
	});

	it('passes with a multi-profile API token once the Profile ID is set', async () => {
		await expect(testCredential(billPro.multiProfile('7'))).resolves.toMatchObject({
			status: 'OK',
		});
		expect(billPro.requests()[0].query).toEqual({ page: '1', profile_id: '7' });
	});

	it('says the token was not accepted, and where to copy it from', async () => {
		const result = await testCredential(billPro.singleProfile({ apiToken: 'not-a-real-token' }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/did not accept the API token.*User Details/);
		expect(result.message).not.toContain('not-a-real-token');
	});

	it('says a Profile ID is needed when the token has several profiles', async () => {
		const result = await testCredential(billPro.multiProfile(''));
		expect(result).toEqual({
			status: 'Error',
			message: expect.stringMatching(/needs a valid Profile ID.*Merchants/),
		});
	});

	it("says the Profile ID is wrong when it is not one of the API user's profiles", async () => {
		const result = await testCredential(billPro.multiProfile('999'));
		expect(result.message).toMatch(/Profile ID/);
	});

	it('says no BillPro API answers when the Custom URL misses /api/v1', async () => {
		const result = await testCredential(
			billPro.singleProfile({ customUrl: billPro.sandbox.url + '/api/v2' }),
		);
		expect(result.message).toMatch(/No BillPro API answers at this URL.*\/api\/v1/);
	});

	it('says the connection was refused when nothing listens at the URL', async () => {
		const result = await testCredential(
			billPro.singleProfile({ customUrl: 'http://127.0.0.1:9/api/v1' }),
		);
		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});

	it('accepts a Custom URL with a trailing slash', async () => {
		const result = await testCredential(
			billPro.singleProfile({ customUrl: billPro.sandbox.baseUrl + '/' }),
		);
		expect(result.status).toBe('OK');
		expect(billPro.requests()[0].path).toBe('/api/v1/products');
	});
});
