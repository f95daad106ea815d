import type { IHttpRequestOptions } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';
import { checkOutbound } from './credentialsHelper';

/**
 * n8n 2.41's SSRF protection (N8N_SSRF_PROTECTION_ENABLED=true), as the node meets it. n8n-core
 * 2.11, which these tests run, has none. In n8n 2.41 (@n8n/backend-network ssrf/) the check runs
 * inside httpRequestWithAuthentication, after the credential's authenticate and before anything
 * is sent, and throws one of these two errors, which n8n-core wraps in a NodeApiError; the
 * harness throws them at the same place (credentialsHelper.ts).
 */
export class SsrfBlockedIpError extends UserError {
	constructor(
		readonly ip: string,
		readonly hostname?: string,
	) {
		const target = hostname ? `'${hostname}' (${ip})` : ip;
		super('The request was blocked because it resolves to a restricted IP address', {
			description:
				`The target ${target} is not allowed. ` +
				'This is a security measure to prevent Server-Side Request Forgery (SSRF). ' +
				'If you need to access internal resources, ask your n8n administrator to allowlist ' +
				'the hostname or IP range in the environment configuration.',
			extra: { ip, hostname },
		});
		this.name = 'SsrfBlockedIpError';
	}
}

export class SsrfBlockedHostnameError extends UserError {
	constructor(readonly hostname: string) {
		super('The request was blocked because the destination hostname is restricted', {
			description:
				`The hostname '${hostname}' is on the configured deny-list. ` +
				'If you need to reach this destination, ask your n8n administrator to remove it from ' +
				'the blocked hostnames or add it to the allowed hostnames in the environment configuration.',
			extra: { hostname },
		});
		this.name = 'SsrfBlockedHostnameError';
	}
}

/**
 * SSRF protection on, with n8n's default blocked ranges' loopback part (127.0.0.0/8) and the
 * given blocked host names; `allowedIps` as N8N_SSRF_ALLOWED_IP_RANGES (single addresses).
 * Returns the requests it blocked and the undo.
 */
export function ssrfProtectionOn(
	options: { allowedIps?: string[]; blockedHostnames?: string[] } = {},
): { blocked: string[]; off: () => void } {
	const blocked: string[] = [];
	const off = checkOutbound((request: IHttpRequestOptions) => {
		const url = new URL(request.url, request.baseURL);
		const host = url.hostname;
		if (options.blockedHostnames?.includes(host)) {
			blocked.push(url.href);
			throw new SsrfBlockedHostnameError(host);
		}
		if (host.startsWith('127.') && !options.allowedIps?.includes(host)) {
			blocked.push(url.href);
			throw new SsrfBlockedIpError(host);
		}
	});
	return { blocked, off };
}
