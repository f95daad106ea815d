/** Small HTTP helpers shared by the server, the control endpoints and the resources. */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { ERRORS, MAX_BODY_BYTES } from './config';

/** Rails-style validation errors: `{"field": ["message", ...]}`, nested fields dotted. */
export type FieldErrors = Record<string, string[]>;

/** Thrown anywhere in a handler; the server answers 422 with `errors` as the body. */
export class UnprocessableError extends Error {
	constructor(readonly errors: FieldErrors) {
		super(`Unprocessable: ${Object.keys(errors).join(', ')}`);
	}
}

/** Thrown for non-422 failures; the server answers `status` with `{"error": message}`. */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

/** Collects every field error of a request so one 422 reports them all, as Rails does. */
export class ErrorCollector {
	private readonly errors: FieldErrors = {};

	add(field: string, message: string): void {
		(this.errors[field] ??= []).push(message);
	}

	has(field: string): boolean {
		return field in this.errors;
	}

	/** Appends another collector's errors after this one's (keeps a field-order output). */
	merge(other: ErrorCollector): void {
		for (const [field, messages] of Object.entries(other.errors)) {
			for (const message of messages) this.add(field, message);
		}
	}

	/** A copy of the errors so far, `{}` when none. */
	all(): FieldErrors {
		return { ...this.errors };
	}

	throwIfAny(): void {
		if (Object.keys(this.errors).length > 0) throw new UnprocessableError(this.errors);
	}
}

/** Shorthand for a single-field 422. */
export function unprocessable(field: string, message: string): UnprocessableError {
	return new UnprocessableError({ [field]: [message] });
}

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
	sendText(res, status, JSON_CONTENT_TYPE, JSON.stringify(body));
}

/** Sends `text` as is; nothing when the connection is already gone or answered. */
export function sendText(
	res: ServerResponse,
	status: number,
	contentType: string,
	text: string,
	headers: Record<string, string> = {},
): void {
	if (res.destroyed || res.writableEnded) return;
	res.writeHead(status, {
		...headers,
		'content-type': contentType,
		'content-length': Buffer.byteLength(text),
	});
	res.end(text);
}

/** Reads the whole body as UTF-8; rejects with a 413 HttpError past MAX_BODY_BYTES. */
export function readRawBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) tooLarge = true;
			// Keep draining so the 413 can still be written on the same connection.
			if (!tooLarge) chunks.push(chunk);
		});
		req.on('end', () => {
			if (tooLarge) reject(new HttpError(413, ERRORS.tooLarge));
			else resolve(Buffer.concat(chunks).toString('utf8'));
		});
		req.on('error', reject);
	});
}

export type ParsedBody = { ok: true; value: unknown } | { ok: false };

/** An empty body parses to undefined. */
export function parseJsonBody(raw: string): ParsedBody {
	if (raw.trim() === '') return { ok: true, value: undefined };
	try {
		return { ok: true, value: JSON.parse(raw) as unknown };
	} catch {
		return { ok: false };
	}
}

/** URLSearchParams to a plain object; the last of repeated keys wins (Rails' behaviour). */
export function queryObject(params: URLSearchParams): Record<string, string> {
	const query: Record<string, string> = {};
	for (const [key, value] of params) query[key] = value;
	return query;
}

/**
 * Waits `ms`, or less if the connection closes first (close() must not wait on timers, and a
 * client that gave up is not worth waiting for) or `signal` aborts.
 */
export function delay(ms: number, res: ServerResponse, signal?: AbortSignal): Promise<void> {
	if (ms <= 0 || signal?.aborted || res.destroyed || !res.socket || res.socket.destroyed)
		return Promise.resolve();
	return new Promise((resolve) => {
		const done = () => {
			clearTimeout(timer);
			res.off('close', done);
			signal?.removeEventListener('abort', done);
			resolve();
		};
		const timer = setTimeout(done, ms);
		res.on('close', done);
		signal?.addEventListener('abort', done);
	});
}
