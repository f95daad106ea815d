/**
 * Reading and decrypting one gateway notification (GATEWAY in gatewayFormat.ts): the IV
 * and tag from their headers, the hex ciphertext from the body (plain text, or JSON-wrapped),
 * hex of either case, then AES-256-GCM with the credential's key. Nothing here logs, and no
 * message repeats the key, the body or a header value.
 */
import { createDecipheriv } from 'node:crypto';

import { GATEWAY } from './gatewayFormat';

/** What n8n hands the node: headers, the body as n8n parsed it, and the raw bytes. */
export interface WebhookRequest {
	headers: Record<string, string | string[] | undefined>;
	body?: unknown;
	rawBody?: Buffer;
}

export interface SealedNotification {
	iv: Buffer;
	tag: Buffer;
	ciphertext: Buffer;
}

const HEX = /^(?:[0-9a-fA-F]{2})+$/;

/** Why a key cannot be used, or undefined when it can. */
export function keyProblem(key: unknown): string | undefined {
	const text = typeof key === 'string' ? key.trim() : '';
	if (text.length !== GATEWAY.cipher.keyHexLength || !HEX.test(text)) {
		return `The 'Decryption Key' must be ${GATEWAY.cipher.keyHexLength} hexadecimal characters (0-9, A-F); the one saved has ${text.length} characters${text.length === GATEWAY.cipher.keyHexLength ? ' but not all are hexadecimal' : ''}`;
	}
	return undefined;
}

/** The 32-byte key; call keyProblem first. Surrounding spaces from a paste are ignored. */
export function keyBytes(key: string): Buffer {
	return Buffer.from(key.trim(), 'hex');
}

/** The notification's parts, or why the request is not a notification (answered 400). */
export function sealedNotification(
	request: WebhookRequest,
): { sealed: SealedNotification } | { problem: string } {
	const iv = hexHeader(request, GATEWAY.headers.initializationVector, GATEWAY.cipher.ivBytes);
	const tag = hexHeader(request, GATEWAY.headers.authenticationTag, GATEWAY.cipher.tagBytes);
	if (!iv || !tag) {
		return {
			problem: `A payment gateway notification needs the ${GATEWAY.headers.initializationVector} (${GATEWAY.cipher.ivBytes} bytes) and ${GATEWAY.headers.authenticationTag} (${GATEWAY.cipher.tagBytes} bytes) headers in hex`,
		};
	}
	const hex = ciphertextHex(request);
	if (hex === undefined || !HEX.test(hex)) {
		return {
			problem: `A payment gateway notification's body is hex, as text or as {"${GATEWAY.wrappedField}": "..."}`,
		};
	}
	return { sealed: { iv, tag, ciphertext: Buffer.from(hex, 'hex') } };
}

/** The plaintext, or undefined when it does not authenticate (another key, or altered). */
export function decrypt(sealed: SealedNotification, key: Buffer): string | undefined {
	try {
		const decipher = createDecipheriv(GATEWAY.cipher.algorithm, key, sealed.iv, {
			authTagLength: GATEWAY.cipher.tagBytes,
		});
		decipher.setAuthTag(sealed.tag);
		return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
	} catch {
		// GCM's final() throws on a wrong key or altered bytes: both mean "not from the gateway".
		return undefined;
	}
}

function hexHeader(request: WebhookRequest, name: string, bytes: number): Buffer | undefined {
	const value = request.headers[name.toLowerCase()];
	const text = typeof value === 'string' ? value.trim() : undefined;
	if (!text || text.length !== bytes * 2 || !HEX.test(text)) return undefined;
	return Buffer.from(text, 'hex');
}

/**
 * The raw body when n8n kept it (it does for every webhook: `rawBody`), else the body n8n
 * parsed: a string for text/plain, an object for application/json.
 */
function ciphertextHex(request: WebhookRequest): string | undefined {
	const text = Buffer.isBuffer(request.rawBody) ? request.rawBody.toString('utf8') : undefined;
	const body = text ?? request.body;
	if (typeof body === 'string') {
		const trimmed = body.trim();
		return trimmed.startsWith('{') ? wrappedHex(parseJson(trimmed)) : trimmed;
	}
	return wrappedHex(body);
}

function wrappedHex(body: unknown): string | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const hex = (body as Record<string, unknown>)[GATEWAY.wrappedField];
	return typeof hex === 'string' ? hex.trim() : undefined;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		// Not JSON after all: the caller answers that the body is not a notification.
		return undefined;
	}
}
