/**
 * A webhook receiver for tests: a node:http server on 127.0.0.1 that keeps every request the
 * sandbox's payment gateway POSTs (headers and body byte for byte) and answers with the status
 * the test chooses. `decryptCaptured` is the tests' own AES-256-GCM, independent of the sandbox's
 * and of the trigger node's code.
 */
import { createDecipheriv, randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedRequest {
	method: string;
	path: string;
	/** Lower-cased names, as node:http gives them. */
	headers: IncomingHttpHeaders;
	body: Buffer;
	/** The body as UTF-8. */
	text: string;
	/** When it arrived (Date.now()). */
	at: number;
}

/** The status to answer the n-th request (1-based) with; may wait first. */
export type Answer = (request: CapturedRequest, n: number) => number | Promise<number>;

export interface GatewayReceiver {
	url: string;
	requests: CapturedRequest[];
	/** Changes the answer for the requests still to come. Default: 200. */
	answerWith(answer: Answer): void;
	/** Resolves once `count` requests have arrived; fails after timeoutMs. */
	waitForRequests(count: number, timeoutMs?: number): Promise<CapturedRequest[]>;
	close(): Promise<void>;
}

export async function startGatewayReceiver(answer: Answer = () => 200): Promise<GatewayReceiver> {
	const requests: CapturedRequest[] = [];
	let current = answer;
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			const captured: CapturedRequest = {
				method: req.method ?? '',
				path: req.url ?? '',
				headers: req.headers,
				body,
				text: body.toString('utf8'),
				at: Date.now(),
			};
			requests.push(captured);
			void Promise.resolve(current(captured, requests.length)).then((status) => {
				if (res.destroyed) return;
				res.writeHead(status, { 'content-type': 'text/plain' });
				res.end(String(status));
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook`,
		requests,
		answerWith: (next) => {
			current = next;
		},
		async waitForRequests(count, timeoutMs = 5000) {
			const deadline = Date.now() + timeoutMs;
			while (requests.length < count) {
				if (Date.now() > deadline)
					throw new Error(`Expected ${count} gateway requests, got ${requests.length}`);
				await new Promise((resolve) => setTimeout(resolve, 5));
			}
			return requests.slice(0, count);
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

/** A fresh random 64-hex-character key for one test file (upper case, as Merchant Support shows it). */
export function randomGatewayKey(): string {
	return randomBytes(32).toString('hex').toUpperCase();
}

/** The hex ciphertext of a captured request: the text/plain body, or the JSON-wrapped field. */
export function ciphertextHex(request: CapturedRequest): string {
	const type = String(request.headers['content-type'] ?? '');
	if (type.startsWith('application/json')) {
		return (JSON.parse(request.text) as { encryptedBody: string }).encryptedBody;
	}
	return request.text;
}

/** Decrypts and authenticates a captured notification; throws when it does not authenticate. */
export function decryptCaptured(request: CapturedRequest, keyHex: string): string {
	const iv = Buffer.from(String(request.headers['x-initialization-vector']), 'hex');
	const tag = Buffer.from(String(request.headers['x-authentication-tag']), 'hex');
	const decipher = createDecipheriv('aes-256-gcm', Buffer.from(keyHex, 'hex'), iv, {
		authTagLength: 16,
	});
	decipher.setAuthTag(tag);
	const plain = Buffer.concat([
		decipher.update(Buffer.from(ciphertextHex(request), 'hex')),
		decipher.final(),
	]);
	return plain.toString('utf8');
}

/** decryptCaptured, parsed. */
export function notificationIn(request: CapturedRequest, keyHex: string): NotificationJson {
	return JSON.parse(decryptCaptured(request, keyHex)) as NotificationJson;
}

export interface NotificationJson {
	type: string;
	action?: string;
	/** Tests read any field of it. */
	payload: Record<string, any>;
}

export interface Replayed {
	status: number;
	text: string;
}

/**
 * Sends a captured request again, to `url`, byte for byte unless `edit` changes its headers or
 * body (Content-Length follows the body). How the tests feed real deliveries to the trigger.
 */
export function replay(
	request: CapturedRequest,
	url: string,
	edit: { headers?: Record<string, string | undefined>; body?: string | Buffer } = {},
): Promise<Replayed> {
	const body = edit.body === undefined ? request.body : Buffer.from(edit.body);
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries({ ...request.headers, ...edit.headers })) {
		if (value !== undefined && name !== 'host' && name !== 'connection')
			headers[name] = String(value);
	}
	headers['content-length'] = String(body.length);
	return new Promise((resolve, reject) => {
		const req = httpRequest(url, { method: request.method, headers, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () =>
				resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
			);
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(body);
	});
}
