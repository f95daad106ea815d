/**
 * The gateway delivers a notification again until it gets a 200, so the same one can arrive
 * twice, also at the same moment; and the same payment id legitimately arrives again with new
 * content (pending, then approved). A notification is therefore known by its type, action,
 * payload.id and result code.
 *
 * Two memories of the notifications that started a workflow, each bounded to the latest
 * MAX_REMEMBERED of the last REMEMBER_FOR_SECONDS:
 * - this n8n process's, per trigger (workflow id and node id), checked and written in one
 *   synchronous step: of copies arriving together at one process, the first starts the workflow
 *   and every other one is a duplicate;
 * - the workflow's static data (this node's part), which n8n saves in its database when the
 *   webhook call is answered (the node answers itself so that this happens: replies.ts start).
 *   It carries the memory across restarts and to n8n's other processes. n8n reads it before the
 *   node runs and keeps the last save, so each notification merges what it holds into the
 *   process's memory and writes the whole back: notifications handled together do not erase
 *   each other.
 * Saved compactly (recentNotifications.ts) because n8n writes the whole static data after each
 * notification; its size and cost: bench/README.md.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { resultCodeOf, type GatewayNotification } from './events';
import {
	FINGERPRINT_LENGTH,
	REMEMBER_FOR_SECONDS,
	RecentNotifications,
} from './recentNotifications';

/** The static-data fields: the saved memory, and which process saved it. */
export const MEMORY_FIELD = 'startedNotifications';
export const WRITER_FIELD = 'startedNotificationsBy';

/** Names this process in what it saves: its own saves hold nothing it does not know already. */
const THIS_PROCESS = randomBytes(9).toString('base64url');

/** Undefined when the notification has no payload id: it cannot be told apart, so it always runs. */
export function notificationKey(notification: GatewayNotification): string | undefined {
	const id = notification.payload.id;
	if (typeof id !== 'string' || id === '') return undefined;
	return [notification.type, notification.action ?? '', id, resultCodeOf(notification) ?? ''].join(
		'|',
	);
}

/**
 * True when `key` started this trigger's workflow already; otherwise remembers it and returns
 * false, with no await between the check and the record. `trigger` names the trigger in this
 * process (workflow id and node id). The static-data field is replaced, never changed in place:
 * n8n saves static data only when it sees a write.
 */
export function seenBefore(
	staticData: IDataObject,
	trigger: string,
	key: string,
	nowMs: number,
): boolean {
	const now = Math.floor(nowMs / 1000);
	const memory = memoryOf(trigger, now);
	const saved = staticData[MEMORY_FIELD];
	const writer = String(staticData[WRITER_FIELD] ?? '');
	const savedElsewhere = typeof saved === 'string' && writer !== THIS_PROCESS;
	if (savedElsewhere) memory.merge(saved, writer, now);
	const seen = !memory.claim(fingerprintOf(key), now);
	if (!seen || savedElsewhere) {
		staticData[MEMORY_FIELD] = memory.toString();
		staticData[WRITER_FIELD] = THIS_PROCESS;
	}
	return seen;
}

function fingerprintOf(key: string): string {
	return createHash('sha256').update(key).digest('base64url').slice(0, FINGERPRINT_LENGTH);
}

/** This process's memories, by trigger. One unused for the whole window is dropped. */
const memories = new Map<string, RecentNotifications>();

function memoryOf(trigger: string, now: number): RecentNotifications {
	for (const [name, memory] of memories) {
		if (now - memory.lastUsed > REMEMBER_FOR_SECONDS) memories.delete(name);
	}
	let memory = memories.get(trigger);
	if (!memory) {
		memory = new RecentNotifications();
		memories.set(trigger, memory);
	}
	memory.lastUsed = now;
	return memory;
}
