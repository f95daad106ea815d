import type { ILoadOptionsFunctions, JsonObject } from 'n8n-workflow';
import type { ItemContext } from '../shared/itemContext';
import { NodeApiError, sleep } from 'n8n-workflow';
import { isBlockedByN8n } from './blockedByN8n';
import { redactSecrets, secretsOf } from './redaction';

/**
 * Retries, bounded. A read (GET) is retried on any passing fault: 408, 429, 5xx, a dropped
 * connection, a timeout (the whole request's deadline, policy.ts), an answer that is not
 * JSON. A write (POST, PUT) is retried only when it certainly never reached BillPro: a refused
 * connection or a host that does not resolve. Any other failed write may have been carried out,
 * so it is reported, never sent again. That includes a 429: BillPro's docs say nothing of rate
 * limits, and a proxy or gateway in front of it can answer 429 after passing the request on.
 */
export const RETRY = {
	/** Attempts in all, the first included. */
	attempts: 4,
	/** Backoff without Retry-After: 300 ms, 600 ms, 1.2 s. */
	baseDelayMs: 300,
	/** A Retry-After longer than this is not waited for: the item fails and says so. */
	maxWaitMs: 30_000,
} as const;

const NOT_DELIVERED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
/** What n8n's HTTP helper reports for a request whose deadline (its abort signal) passed. */
const DEADLINE_PASSED = 'ERR_CANCELED';
const TRANSIENT_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const TRANSIENT_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
]);

interface Failure {
	status?: number;
	code?: string;
	retryAfterMs?: number;
	notJson?: boolean;
	/** n8n refused to send it (blockedByN8n.ts): asking again gets the same refusal. */
	blockedByN8n?: boolean;
}

/** What went wrong, from our own NodeApiErrors (errors.ts) or n8n's network errors. */
export function failureOf(error: NodeApiError): Failure {
	const context = (error.context ?? {}) as Record<string, unknown>;
	const httpCode = String(error.httpCode ?? '');
	const code =
		(error.cause as { code?: string } | undefined)?.code ??
		(/^[A-Z_]+$/.test(httpCode) ? httpCode : undefined) ??
		[...TRANSIENT_CODES].find((candidate) => error.message?.includes(candidate));
	const timedOut = code === DEADLINE_PASSED || (!code && /timeout/i.test(error.message ?? ''));
	return {
		status: /^\d{3}$/.test(httpCode) ? Number(httpCode) : undefined,
		code: timedOut ? 'ETIMEDOUT' : code,
		retryAfterMs: typeof context.retryAfterMs === 'number' ? context.retryAfterMs : undefined,
		notJson: context.notJson === true,
		blockedByN8n: isBlockedByN8n(error),
	};
}

function isRetryable(failure: Failure, method: string): boolean {
	if (failure.blockedByN8n) return false;
	if (failure.code && NOT_DELIVERED.has(failure.code)) return true;
	if (method !== 'GET') return false;
	if (failure.status === 429) return true;
	return (
		failure.notJson ||
		(failure.status !== undefined && TRANSIENT_STATUS.has(failure.status)) ||
		(failure.code !== undefined && TRANSIENT_CODES.has(failure.code))
	);
}

/**
 * Whether a failed write may still have been carried out by BillPro: all but a request that
 * certainly never left, a redirect (never followed) and a refusal BillPro answered (a 4xx, but a
 * 408 or a 429, which a proxy in front of it may answer after passing the request on). A 2xx
 * whose body the node cannot read counts: BillPro did it.
 */
function mayHaveActed(failure: Failure, method: string): boolean {
	if (method === 'GET' || failure.blockedByN8n) return false;
	if (failure.code && NOT_DELIVERED.has(failure.code)) return false;
	const { status } = failure;
	if (status === undefined || status === 408 || status === 429) return true;
	return status < 300 || status >= 500;
}

/** mayHaveActed for a failed write's error: only a NodeApiError comes from a request sent. */
export function mayHaveReachedBillPro(error: Error, method: string): boolean {
	return error instanceof NodeApiError && mayHaveActed(failureOf(error), method);
}

// A 2xx the node cannot read explains itself (errors.ts wrongShapeError).
const answeredOk = (failure: Failure) =>
	failure.status !== undefined && failure.status < 300 && !failure.notJson;

/** Says, in the error, how often it was tried and whether BillPro may have acted anyway. */
function explainGivingUp(
	error: NodeApiError,
	failure: Failure,
	method: string,
	attempts: number,
	record: string,
): NodeApiError {
	const notes: string[] = [];
	if (attempts > 1) notes.push(`The node tried ${attempts} times.`);
	if (failure.retryAfterMs !== undefined && failure.retryAfterMs > RETRY.maxWaitMs) {
		notes.push(
			`BillPro asked to wait ${Math.round(failure.retryAfterMs / 1000)} s; run the item again later.`,
		);
	}
	if (failure.status === 429 && method !== 'GET') {
		notes.push(
			`The node does not send a ${method} again after a 429: the answer cannot prove BillPro did nothing. Check the ${record} in BillPro before sending this item again (n8n's retries do not send it again), and lower Max Concurrent Requests under Request Options.`,
		);
	} else if (mayHaveActed(failure, method) && !answeredOk(failure)) {
		notes.push(
			`BillPro may have carried out this ${method} before the answer was lost, so the node did not send it again, and n8n's retries do not either. Check the ${record} in BillPro before sending this item again, so nothing is created twice.`,
		);
	}
	if (failure.code && !failure.status) {
		error.message = `BillPro could not be reached or did not answer (${failure.code})`;
		notes.unshift(
			failure.code === 'ETIMEDOUT' || failure.code === 'ECONNABORTED'
				? "BillPro did not answer in time. The node's timeout is under Options → Timeout."
				: 'Check the network, and the environment or Custom URL in the BillPro credential.',
		);
	}
	if (notes.length) error.description = [error.description, ...notes].filter(Boolean).join(' ');
	return error;
}

/**
 * Runs `send` (one HTTP request to BillPro) and retries it as described above. `record` names
 * what a write was about, for the message when it may have been carried out.
 */
export async function withRetries<T>(
	context: ItemContext | ILoadOptionsFunctions,
	method: string,
	record: string,
	send: () => Promise<T>,
): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await send();
		} catch (caught) {
			const error =
				caught instanceof NodeApiError
					? caught
					: new NodeApiError(context.getNode(), caught as JsonObject);
			const failure = failureOf(error);
			const wait = failure.retryAfterMs ?? RETRY.baseDelayMs * 2 ** (attempt - 1);
			if (attempt >= RETRY.attempts || !isRetryable(failure, method) || wait > RETRY.maxWaitMs) {
				const explained = explainGivingUp(error, failure, method, attempt, record);
				throw redactSecrets(explained, await secretsOf(context));
			}
			await sleep(wait);
		}
	}
}
