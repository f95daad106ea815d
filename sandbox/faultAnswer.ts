/**
 * How a request that a fault matched is processed, logged and answered; the order of the four
 * steps is what tests rely on.
 */
import type { ServerResponse } from 'node:http';

import {
	FAULT_DEFAULTS,
	MALFORMED_JSON_BODY,
	NO_ANSWER_STATUS,
	faultErrorText,
	faultHtmlPage,
} from './config';
import type { PendingFault } from './faults';
import { JSON_CONTENT_TYPE, delay, sendJson, sendText } from './http';

/** What proxies send with their error pages (no charset). */
export const HTML_CONTENT_TYPE = 'text/html';

/** The request, as the server hands it over. */
export interface FaultedRequest {
	/** Runs the handler (changes the store); returns the real answer. */
	process(): { status: number; body: unknown };
	/** Writes the request log entry with this status. */
	log(status: number): void;
	/** Fires when store.reset() is called while the request waits. */
	aborted: AbortSignal;
	/** The sandbox's latencyMs, applied to every /api/v1 answer. */
	latencyMs: number;
}

export async function answerWithFault(
	fault: PendingFault,
	res: ServerResponse,
	request: FaultedRequest,
): Promise<void> {
	if (fault.kind === 'slow') {
		// A client that gives up cuts the wait short; the request is processed all the same.
		await delay(fault.delayMs ?? FAULT_DEFAULTS.slowDelayMs, res, request.aborted);
		// A request from before a reset must not touch the new seed: drop it unprocessed, unlogged.
		if (request.aborted.aborted) return resetConnection(res);
		const result = request.process();
		request.log(result.status);
		await delay(request.latencyMs, res);
		return sendJson(res, result.status, result.body);
	}
	if (fault.when === 'after') request.process();
	const answer = fault.kind === 'reset' ? undefined : faultAnswer(fault);
	request.log(answer?.status ?? NO_ANSWER_STATUS);
	await delay(request.latencyMs + (fault.delayMs ?? 0), res, request.aborted);
	if (!answer) resetConnection(res);
	else sendText(res, answer.status, answer.contentType, answer.text, answer.headers);
}

/** RST rather than FIN: the client sees ECONNRESET, a connection reset, not a clean close. */
function resetConnection(res: ServerResponse): void {
	if (res.socket && !res.socket.destroyed) res.socket.resetAndDestroy();
}

interface FaultAnswer {
	status: number;
	contentType: string;
	text: string;
	headers: Record<string, string>;
}

function faultAnswer(fault: PendingFault): FaultAnswer {
	const headers: Record<string, string> =
		fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) };
	if (fault.kind === 'html') {
		const status = fault.status ?? FAULT_DEFAULTS.answerStatus;
		const text = fault.body ?? faultHtmlPage(status);
		return { status, contentType: HTML_CONTENT_TYPE, text, headers };
	}
	if (fault.kind === 'malformedJson') {
		const status = fault.status ?? FAULT_DEFAULTS.answerStatus;
		return {
			status,
			contentType: JSON_CONTENT_TYPE,
			text: fault.body ?? MALFORMED_JSON_BODY,
			headers,
		};
	}
	const status = fault.status ?? FAULT_DEFAULTS.errorStatus;
	const text = fault.body ?? JSON.stringify({ error: faultErrorText(status) });
	return { status, contentType: JSON_CONTENT_TYPE, text, headers };
}
