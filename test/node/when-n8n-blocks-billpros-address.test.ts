import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { blockedByN8nError } from '../../nodes/BillPro/transport/blockedByN8n';
import { testCredential } from '../harness/credentialTest';
import { SsrfBlockedIpError, ssrfProtectionOn } from '../harness/ssrfProtection';
import { runBillPro } from '../harness/workflow';
import { createCustomer, EVERY_REQUEST_PATH } from './everyRequestPath';
import { useSandbox } from './sandboxFixture';

/**
 * n8n with SSRF protection on (N8N_SSRF_PROTECTION_ENABLED=true, as n8n 3.0 users will run it):
 * its default blocked ranges include 127.0.0.0/8, where a local BillPro or the sandbox answers.
 * n8n refuses the request before sending it; the node's error names the setting and the value
 * that allows the address, on every request path, and nothing is retried as if BillPro were down.
 */
const billPro = useSandbox();
// Nothing listens there: n8n refuses the request before it is sent.
const blockedAddress = { customUrl: 'http://127.0.0.2:8787/api/v1' };

let protection: ReturnType<typeof ssrfProtectionOn>;
afterEach(() => protection?.off());

describe('A BillPro address that n8n blocks', () => {
	const requestPaths = EVERY_REQUEST_PATH.filter(([path]) => path !== 'the credential test');

	it.each(requestPaths)(
		'%s: the error names N8N_SSRF_ALLOWED_IP_RANGES and the address; n8n is asked once',
		async (_path, run) => {
			protection = ssrfProtectionOn();
			const message = await run(billPro.singleProfile(blockedAddress));
			expect(message).toBe(
				"n8n's SSRF protection blocked the request to 127.0.0.2: allow BillPro's address with N8N_SSRF_ALLOWED_IP_RANGES=127.0.0.2/32",
			);
			expect(protection.blocked).toHaveLength(1);
			expect(billPro.requests()).toHaveLength(0);
		},
	);

	it('a blocked create says nothing was sent and how to allow it, never that BillPro may have acted', async () => {
		protection = ssrfProtectionOn();
		const { error } = await runBillPro({
			credentials: billPro.singleProfile(blockedAddress),
			parameters: createCustomer(),
		});
		expect(error?.description).toContain('N8N_SSRF_PROTECTION_ENABLED=true');
		expect(error?.description).toContain('Nothing was sent to BillPro');
		expect(error?.description).toContain('restart n8n');
		expect(error?.description).not.toMatch(/may have carried out|tried \d+ times/);
	});

	it('a host name on the blocked list names N8N_SSRF_ALLOWED_HOSTNAMES', async () => {
		protection = ssrfProtectionOn({ blockedHostnames: ['billpro.internal'] });
		const { error } = await runBillPro({
			credentials: billPro.singleProfile({ customUrl: 'http://billpro.internal:8787/api/v1' }),
			parameters: createCustomer(),
		});
		expect(error?.message).toBe(
			"n8n's SSRF protection blocked the request to billpro.internal: allow BillPro's address with N8N_SSRF_ALLOWED_HOSTNAMES=billpro.internal",
		);
		expect(error?.description).toContain('N8N_SSRF_BLOCKED_HOSTNAMES');
	});

	it("the credential test shows n8n's own message: n8n sends the credential's test request itself", async () => {
		protection = ssrfProtectionOn();
		const result = await testCredential(billPro.singleProfile(blockedAddress));
		expect(result).toEqual({
			status: 'Error',
			message: 'The request was blocked because it resolves to a restricted IP address',
		});
	});

	it('with the sandbox allowed (N8N_SSRF_ALLOWED_IP_RANGES=127.0.0.1/32), a create goes through', async () => {
		protection = ssrfProtectionOn({ allowedIps: ['127.0.0.1'] });
		const { error, items } = await runBillPro({
			credentials: billPro.singleProfile(),
			parameters: createCustomer(),
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(protection.blocked).toHaveLength(0);
	});
});

describe("n8n 2.41's error, with its cause kept", () => {
	const node = { name: 'BillPro' } as INode;
	// As n8n-core 2.41 wraps it; n8n-workflow 2.41 keeps the cause, 2.11 (here) drops it.
	const wrapped = (cause: Error) => {
		const error = new NodeApiError(node, cause as unknown as JsonObject);
		Object.defineProperty(error, 'cause', { value: cause });
		return error;
	};

	it('a host name that resolves to a blocked IP names both settings', () => {
		const error = blockedByN8nError(
			node,
			wrapped(new SsrfBlockedIpError('10.1.2.3')),
			'billpro.internal',
			0,
		);
		expect(error?.message).toBe(
			"n8n's SSRF protection blocked the request to billpro.internal (10.1.2.3): allow BillPro's address with N8N_SSRF_ALLOWED_HOSTNAMES=billpro.internal or N8N_SSRF_ALLOWED_IP_RANGES=10.1.2.3/32",
		);
	});

	it('an IPv6 loopback gets a /128 range', () => {
		const error = blockedByN8nError(node, wrapped(new SsrfBlockedIpError('::1')), '[::1]', 0);
		expect(error?.message).toContain('N8N_SSRF_ALLOWED_IP_RANGES=::1/128');
	});

	it('any other failure is left as it is', () => {
		const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
		expect(blockedByN8nError(node, wrapped(refused), '127.0.0.1', 0)).toBeUndefined();
	});
});
