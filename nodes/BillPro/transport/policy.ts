import type { IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { invalidInput } from '../shared/validation';
import type { ItemContext } from '../shared/itemContext';

/**
 * The rules every request that carries the BillPro credential follows, applied where n8n adds
 * the token (the credential's `authenticate`), so they hold on every path: routed operations,
 * custom operations, list searches, the credential test and any node added later.
 *   - Redirects are not followed: BillPro answers 200 for every success, so a redirect is a
 *     misconfigured URL or a hostile network. Following it would send the token to another
 *     origin, or replay a POST as a GET and report a read as a write.
 *   - The timeout bounds the whole request, not only the wait between two bytes: an answer that
 *     trickles in is cut off at the same deadline as one that never starts.
 */
export const CREDENTIAL_TYPE = 'billProApi';

/** n8n's own default for a node's Request Options → Timeout. */
export const DEFAULT_TIMEOUT_MS = 300_000;

export function withRequestPolicy(requestOptions: IHttpRequestOptions): IHttpRequestOptions {
	// The last guard before the token is added, for every request that carries it (the node's own
	// requests refuse a bad URL earlier, in send.ts, naming the item).
	const wrongUrl = baseUrlProblem(requestOptions.baseURL);
	if (wrongUrl) throw new Error(baseUrlMessage(wrongUrl));
	const timeout =
		typeof requestOptions.timeout === 'number' && requestOptions.timeout > 0
			? requestOptions.timeout
			: DEFAULT_TIMEOUT_MS;
	const deadline = AbortSignal.timeout(timeout);
	const given = requestOptions.abortSignal as AbortSignal | undefined;
	return {
		...requestOptions,
		timeout,
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		abortSignal: given ? AbortSignal.any([given, deadline]) : deadline,
	};
}

export interface BaseUrlProblem {
	/** What is wrong, never quoting the URL (it may carry a password). */
	problem: string;
	howToFix: string;
}

/** The problem as one sentence with its fix, for a place that has no item to name. */
export function baseUrlMessage({ problem, howToFix }: BaseUrlProblem): string {
	return `The BillPro credential's Custom URL ${problem}. ${howToFix}`;
}

/**
 * The one check of a base URL: an http(s) URL with a host, and nothing the node would have to
 * drop or that would change how it authenticates. A user:password@ part would replace the API
 * token with Basic auth; a ?query breaks every endpoint path added after it; a #fragment drops
 * them.
 */
export function baseUrlProblem(url: unknown): BaseUrlProblem | undefined {
	const example = 'such as https://app.bill.pro/api/v1';
	if (typeof url !== 'string' || url.trim() === '') {
		return { problem: 'is empty', howToFix: `Enter the API base URL, ${example}.` };
	}
	let parsed: URL | undefined;
	try {
		parsed = /\s/.test(url) ? undefined : new URL(url);
	} catch {
		parsed = undefined;
	}
	if (!parsed || !/^https?:$/.test(parsed.protocol) || !parsed.hostname) {
		return {
			problem: 'must start with http:// or https:// and name a host',
			howToFix: `Enter the API base URL, ${example}.`,
		};
	}
	if (parsed.username || parsed.password || url.includes('@')) {
		return {
			problem: 'must not contain a user name or password (user:password@)',
			howToFix: 'BillPro authenticates with the API token only: remove the part up to the @.',
		};
	}
	if (url.includes('?')) {
		return {
			problem: 'must not contain a query (?…)',
			howToFix: `Remove everything from the ?: the node adds each endpoint's path and query, ${example}.`,
		};
	}
	if (url.includes('#')) {
		return {
			problem: 'must not contain a fragment (#…)',
			howToFix: `Remove everything from the #, ${example}.`,
		};
	}
	return undefined;
}

/**
 * Refuses a wrong base URL before anything is sent, naming the field and its fix: with the
 * item's number when there is an item, as one sentence when there is none (a list search, a
 * trigger's poll).
 */
export function requireBaseUrl(
	context: ItemContext | Pick<ILoadOptionsFunctions, 'getNode'>,
	baseURL: unknown,
) {
	const wrongUrl = baseUrlProblem(baseURL);
	if (!wrongUrl) return;
	if (!('getItemIndex' in context)) {
		throw new NodeOperationError(context.getNode(), baseUrlMessage(wrongUrl), {
			description: wrongUrl.howToFix,
		});
	}
	throw invalidInput(
		context,
		'Custom URL',
		`of the BillPro credential ${wrongUrl.problem}`,
		`Open the BillPro credential, or pick an environment. ${wrongUrl.howToFix}`,
	);
}
