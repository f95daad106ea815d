/**
 * How the payment gateway encrypts a notification [V]: AES-256-GCM with the listener's 32-byte
 * key, a 12-byte IV and a 16-byte tag, no additional authenticated data; IV, tag and ciphertext
 * travel as upper-case hex (every published sample is upper case).
 */
import { createCipheriv, randomBytes } from 'node:crypto';

import { GATEWAY } from '../../nodes/BillProGatewayTrigger/gatewayFormat';

export interface EncryptedNotification {
	/** X-Initialization-Vector */
	iv: string;
	/** X-Authentication-Tag */
	tag: string;
	/** The body: the ciphertext of the UTF-8 JSON. */
	body: string;
}

/** `iv` is for the known-answer test only: every delivery needs a fresh random one. */
export function encryptNotification(
	plaintext: string,
	keyHex: string,
	iv: Buffer = randomBytes(GATEWAY.cipher.ivBytes),
): EncryptedNotification {
	const cipher = createCipheriv(GATEWAY.cipher.algorithm, Buffer.from(keyHex, 'hex'), iv, {
		authTagLength: GATEWAY.cipher.tagBytes,
	});
	const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
	return {
		iv: iv.toString('hex').toUpperCase(),
		tag: cipher.getAuthTag().toString('hex').toUpperCase(),
		body: body.toString('hex').toUpperCase(),
	};
}

/** Which part of a notification a tampered delivery alters. */
export type TamperedPart = 'body' | 'tag';
export const TAMPERED_PARTS: readonly TamperedPart[] = ['body', 'tag'];

/** The same notification with one hex digit of `part` changed: it must fail authentication. */
export function tampered(notification: EncryptedNotification, part: TamperedPart) {
	const hex = notification[part];
	const last = hex.slice(-1);
	const changed = hex.slice(0, -1) + (last === '0' ? '1' : '0');
	return { ...notification, [part]: changed };
}
