/**
 * The gateway delivers a notification again until it gets a 200, so the same one can arrive
 * twice; and the same payment id legitimately arrives again with new content (pending, then
 * approved). A notification is therefore known by its type, action, payload.id and result code.
 *
 * The keys of the notifications that started a workflow are kept in the workflow's static data
 * (this node's part), which n8n saves with the workflow when the webhook call is answered (the
 * node answers itself so that this happens: replies.ts start): the memory survives restarts. It
 * is bounded: the latest MAX_REMEMBERED, none older than REMEMBER_FOR_MS. While listening for a
 * test event n8n saves no static data, so test runs do not add to it.
 */
import type { IDataObject } from 'n8n-workflow';

import { resultCodeOf, type GatewayNotification } from './events';

export const MAX_REMEMBERED = 1000;
export const REMEMBER_FOR_MS = 7 * 24 * 3_600_000;

/** The static-data field: {key, at (ms)} records, oldest first. */
export const MEMORY_FIELD = 'startedNotifications';

interface Remembered extends IDataObject {
	key: string;
	at: number;
}

/** Undefined when the notification has no payload id: it cannot be told apart, so it always runs. */
export function notificationKey(notification: GatewayNotification): string | undefined {
	const id = notification.payload.id;
	if (typeof id !== 'string' || id === '') return undefined;
	return [notification.type, notification.action ?? '', id, resultCodeOf(notification) ?? ''].join(
		'|',
	);
}

/**
 * True when `key` started a workflow already; otherwise remembers it and returns false. The
 * field is replaced, never changed in place: n8n saves static data only when it sees a write.
 */
export function seenBefore(staticData: IDataObject, key: string, now: number): boolean {
	const remembered = rememberedIn(staticData).filter((entry) => now - entry.at < REMEMBER_FOR_MS);
	if (remembered.some((entry) => entry.key === key)) return true;
	const entry: Remembered = { key, at: now };
	staticData[MEMORY_FIELD] = [...remembered, entry].slice(-MAX_REMEMBERED);
	return false;
}

function rememberedIn(staticData: IDataObject): Remembered[] {
	const value = staticData[MEMORY_FIELD];
	if (!Array.isArray(value)) return [];
	return (value as unknown[]).filter(
		(entry): entry is Remembered =>
			typeof entry === 'object' &&
			entry !== null &&
			typeof (entry as Remembered).key === 'string' &&
			typeof (entry as Remembered).at === 'number',
	);
}
