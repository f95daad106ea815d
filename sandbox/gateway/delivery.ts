/**
 * One HTTP delivery of a notification, as the payment gateway posts it [V]: encrypted afresh
 * (a new IV every time), the body as hex (text/plain) or wrapped in JSON, the IV and tag in
 * headers, plus the extra headers seen on real notifications.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';

import { GATEWAY } from '../../nodes/BillProGatewayTrigger/gatewayFormat';
import { encryptNotification, tampered, type TamperedPart } from './encryption';
import type { GatewaySettings } from './settings';

/** The answer to one attempt: an HTTP status, or the network error that left none. */
export type AttemptResult = { status: number } | { error: string };

export function deliveryRequest(
	settings: GatewaySettings,
	plaintext: string,
	tamper?: TamperedPart,
): { headers: Record<string, string>; body: string } {
	const sealed = encryptNotification(plaintext, settings.key);
	const { iv, tag, body: hex } = tamper ? tampered(sealed, tamper) : sealed;
	const body = settings.format === 'json' ? JSON.stringify({ [GATEWAY.wrappedField]: hex }) : hex;
	return {
		headers: {
			'Content-Type': GATEWAY.contentTypes[settings.format],
			'Content-Length': String(Buffer.byteLength(body)),
			[GATEWAY.headers.initializationVector]: iv,
			[GATEWAY.headers.authenticationTag]: tag,
			[GATEWAY.headers.requestId]: randomUUID(),
			...GATEWAY.extraHeaders,
		},
		body,
	};
}

/** POSTs once; never rejects. The answer's body is read and dropped. */
export function postOnce(
	settings: GatewaySettings,
	plaintext: string,
	signal: AbortSignal,
	tamper?: TamperedPart,
): Promise<AttemptResult> {
	const { headers, body } = deliveryRequest(settings, plaintext, tamper);
	return new Promise((resolve) => {
		const req = request(settings.url, {
			method: GATEWAY.method,
			headers,
			agent: false,
			signal,
			timeout: settings.timeoutMs,
		});
		req.on('response', (res) => {
			res.resume();
			res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
			res.on('error', () => resolve({ status: res.statusCode ?? 0 }));
		});
		req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
		req.on('error', (error: NodeJS.ErrnoException) =>
			resolve({ error: error.code ?? error.name ?? 'error' }),
		);
		req.end(body);
	});
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function wait(ms: number, signal: AbortSignal): Promise<void> {
	if (signal.aborted || ms <= 0) return Promise.resolve();
	return new Promise((resolve) => {
		const done = () => {
			clearTimeout(timer);
			signal.removeEventListener('abort', done);
			resolve();
		};
		const timer = setTimeout(done, ms);
		signal.addEventListener('abort', done);
	});
}
