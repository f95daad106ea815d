import { createHash } from 'node:crypto';
import type { PolledAccount } from '../BillPro/transport';

/** The base URL as one spelling: a host in capitals is the same BillPro. */
function sameSpelling(baseUrl: string): string {
	try {
		const url = new URL(baseUrl);
		return `${url.protocol}//${url.host}${url.pathname}`;
	} catch {
		return baseUrl;
	}
}

/**
 * Which BillPro account a poll read, as a short hash kept beside each event's state: what the
 * trigger remembers only holds for the account it was read from. A hash, not the URL: the
 * workflow's static data travels with exports and should not name internal hosts.
 */
export function accountKey(account: PolledAccount): string {
	return createHash('sha256')
		.update(JSON.stringify([sameSpelling(account.baseUrl), account.profileId]))
		.digest('hex')
		.slice(0, 16);
}
