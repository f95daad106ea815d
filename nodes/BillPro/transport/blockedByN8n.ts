import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/**
 * n8n's SSRF protection (N8N_SSRF_PROTECTION_ENABLED, n8n 2.41 on; 3.0 widens it) refuses a
 * request before it is sent: the address is in its blocked IP ranges (127.0.0.0/8 and the
 * private ranges by default) or its blocked host names. n8n-core hands the node a NodeApiError
 * whose cause is one of these errors; n8n's own text says only "ask your administrator", so
 * the node's error names the setting and the value that lets BillPro's address through.
 */
const N8N_BLOCKS = {
	SsrfBlockedIpError: 'The request was blocked because it resolves to a restricted IP address',
	SsrfBlockedHostnameError:
		'The request was blocked because the destination hostname is restricted',
} as const;

type BlockName = keyof typeof N8N_BLOCKS;

interface Block {
	name: BlockName;
	ip?: string;
	hostname?: string;
}

const isBlockName = (name: unknown): name is BlockName =>
	typeof name === 'string' && Object.keys(N8N_BLOCKS).includes(name);

const isIpAddress = (host: string) => /^[\d.]+$|:/.test(host);

/**
 * What n8n blocked: the address from its error (an IP error names the IP only, also when a host
 * name resolved to it), the request's host otherwise. An n8n-workflow that drops an Error cause
 * (2.11, in the jest suite) still keeps n8n's message.
 */
function blockOf(error: unknown, requestHost: string): Block | undefined {
	const { cause, message } = (error ?? {}) as { cause?: unknown; message?: unknown };
	const thrown = [error, cause].find((candidate) =>
		isBlockName((candidate as { name?: unknown } | undefined)?.name),
	) as { name: BlockName; ip?: unknown; hostname?: unknown } | undefined;
	const name =
		thrown?.name ??
		(Object.keys(N8N_BLOCKS) as BlockName[]).find((key) => N8N_BLOCKS[key] === message);
	if (!name) return undefined;
	const host = requestHost.replace(/^\[|\]$/g, '');
	const ip = typeof thrown?.ip === 'string' ? thrown.ip : isIpAddress(host) ? host : undefined;
	const hostname =
		typeof thrown?.hostname === 'string' ? thrown.hostname : isIpAddress(host) ? undefined : host;
	return { name, ip, hostname };
}

const ipRange = (ip: string) => `${ip}/${ip.includes(':') ? 128 : 32}`;

function explainBlock({ name, ip, hostname }: Block) {
	const target = hostname && ip ? `${hostname} (${ip})` : (hostname ?? ip ?? 'this address');
	const allow = [
		hostname ? `N8N_SSRF_ALLOWED_HOSTNAMES=${hostname}` : undefined,
		ip ? `N8N_SSRF_ALLOWED_IP_RANGES=${ipRange(ip)}` : undefined,
	].filter(Boolean);
	const why =
		name === 'SsrfBlockedHostnameError'
			? `${target} is in its blocked host names (N8N_SSRF_BLOCKED_HOSTNAMES)`
			: `${target} is in its blocked IP ranges (N8N_SSRF_BLOCKED_IP_RANGES: loopback 127.0.0.0/8 and the private ranges by default)`;
	const setting = allow.join(' or ');
	return {
		message: `n8n's SSRF protection blocked the request to ${target}: allow BillPro's address with ${setting}`,
		description: `n8n runs with SSRF protection on (N8N_SSRF_PROTECTION_ENABLED=true) and ${why}. Nothing was sent to BillPro. If this is your BillPro's address (a self-hosted BillPro, the local sandbox), ask the n8n administrator to set ${setting} in n8n's environment (comma-separated, with any value already there) and restart n8n; otherwise check the environment or Custom URL in the BillPro credential.`,
	};
}

/**
 * The node's error for a request n8n's SSRF protection refused, or undefined for any other
 * failure. `context.blockedByN8n` tells retries.ts it never left n8n: not retried, and a write
 * was certainly not carried out.
 */
export function blockedByN8nError(
	node: INode,
	error: unknown,
	requestHost: string,
	itemIndex: number,
): NodeApiError | undefined {
	const block = blockOf(error, requestHost);
	if (!block) return undefined;
	const blocked = new NodeApiError(node, { blockedBy: block.name } as JsonObject, {
		...explainBlock(block),
		itemIndex,
	});
	blocked.context.blockedByN8n = true;
	return blocked;
}

export function isBlockedByN8n(error: { context?: Record<string, unknown> }): boolean {
	return error.context?.blockedByN8n === true;
}
