/**
 * One trigger's memory of the notifications that started its workflow, in one n8n process:
 * bounded to the latest MAX_REMEMBERED of the last REMEMBER_FOR_SECONDS, oldest first, and kept
 * along with its saved form (see duplicates.ts), so saving after each notification costs a copy
 * of a string, not a join of thousands.
 *
 * An entry is a notification's fingerprint (FINGERPRINT_LENGTH characters) followed by the
 * second it started the workflow, in base 36; the saved form joins the entries with spaces.
 */
export const MAX_REMEMBERED = 10_000;
/** Longer than the gateway delivers a notification again (hourly, for up to 30 days). */
export const REMEMBER_FOR_SECONDS = 31 * 24 * 3600;
/** 72 bits of SHA-256 in base64url: a new key matches one of 10,000 others with a chance of 2 in 10^18. */
export const FINGERPRINT_LENGTH = 12;

const SEPARATOR = ' ';
/** Another process's entries this much older than the newest here are still simply appended. */
const APPEND_SLACK_SECONDS = 60;
/** How many other processes' last merged saves are known (each needs one entry). */
const KNOWN_WRITERS = 16;

export class RecentNotifications {
	/** Fingerprint → entry, oldest first. */
	private entries = new Map<string, string>();

	/** The entries joined, oldest first. */
	private text = '';

	/** Per process that saved what was merged here: the newest entry of its last save. */
	private readonly mergedUpTo = new Map<string, string>();

	lastUsed = 0;

	/** True when `fingerprint` is new (or forgotten) and is now remembered. */
	claim(fingerprint: string, now: number): boolean {
		this.forgetOld(now);
		const known = this.entries.get(fingerprint);
		if (known !== undefined && !expired(known, now)) return false;
		if (known !== undefined) this.replaceAll([...this.entries.values()].filter((e) => e !== known));
		this.append(fingerprint + now.toString(36));
		this.forgetOld(now);
		return true;
	}

	/**
	 * Adds the entries of `saved`, written by process `writer`, that are missing here. A process
	 * adds its entries at the end, so only what follows the newest entry merged from its last
	 * save is read.
	 */
	merge(saved: string, writer: string, now: number): void {
		const marker = this.mergedUpTo.get(writer);
		const at = marker === undefined ? -1 : entryIndex(saved, marker);
		const unread = at < 0 ? saved : saved.slice(at + (marker ?? '').length);
		this.noteMerged(writer, saved);
		const newest = this.newest();
		// When full, an entry older than the oldest kept would be dropped again at once.
		const floor = this.entries.size >= MAX_REMEMBERED ? secondOf(this.oldest()) : -Infinity;
		const missing = unread
			.split(SEPARATOR)
			.filter(
				(entry) =>
					isEntry(entry) &&
					secondOf(entry) >= floor &&
					!expired(entry, now) &&
					!this.entries.has(entry.slice(0, FINGERPRINT_LENGTH)),
			);
		if (missing.length === 0) return;
		if (newest === '' || secondOf(missing[0]) >= secondOf(newest) - APPEND_SLACK_SECONDS) {
			for (const entry of missing) this.append(entry);
		} else {
			this.replaceAll(mergeByTime([...this.entries.values()], missing));
		}
		this.forgetOld(now);
	}

	toString(): string {
		return this.text;
	}

	private append(entry: string): void {
		this.entries.set(entry.slice(0, FINGERPRINT_LENGTH), entry);
		this.text = this.text === '' ? entry : this.text + SEPARATOR + entry;
	}

	private replaceAll(entries: string[]): void {
		this.entries = new Map(entries.map((entry) => [entry.slice(0, FINGERPRINT_LENGTH), entry]));
		this.text = [...this.entries.values()].join(SEPARATOR);
	}

	private oldest(): string {
		return this.entries.values().next().value ?? '';
	}

	private newest(): string {
		return this.text.slice(this.text.lastIndexOf(SEPARATOR) + 1);
	}

	private noteMerged(writer: string, saved: string): void {
		this.mergedUpTo.delete(writer);
		this.mergedUpTo.set(writer, saved.slice(saved.lastIndexOf(SEPARATOR) + 1));
		if (this.mergedUpTo.size > KNOWN_WRITERS) {
			this.mergedUpTo.delete(this.mergedUpTo.keys().next().value as string);
		}
	}

	/** Drops the oldest entries past the window or beyond MAX_REMEMBERED (the text's first). */
	private forgetOld(now: number): void {
		for (const [fingerprint, entry] of this.entries) {
			if (this.entries.size <= MAX_REMEMBERED && !expired(entry, now)) return;
			this.entries.delete(fingerprint);
			this.text = this.text.slice(entry.length + SEPARATOR.length);
		}
	}
}

/** Where `entry` stands in `saved` as a whole entry (the last place), or -1. */
function entryIndex(saved: string, entry: string): number {
	const at = saved.lastIndexOf(entry);
	if (at < 0) return -1;
	const end = at + entry.length;
	const whole =
		(at === 0 || saved[at - 1] === SEPARATOR) && (end === saved.length || saved[end] === SEPARATOR);
	return whole ? at : -1;
}

/** Two lists of entries, each oldest first, as one. */
function mergeByTime(mine: string[], theirs: string[]): string[] {
	const merged: string[] = [];
	let m = 0;
	let t = 0;
	while (m < mine.length || t < theirs.length) {
		const takeMine =
			t >= theirs.length || (m < mine.length && secondOf(mine[m]) <= secondOf(theirs[t]));
		merged.push(takeMine ? mine[m++] : theirs[t++]);
	}
	return merged;
}

function secondOf(entry: string): number {
	return parseInt(entry.slice(FINGERPRINT_LENGTH), 36);
}

function expired(entry: string, now: number): boolean {
	return now - secondOf(entry) >= REMEMBER_FOR_SECONDS;
}

function isEntry(entry: string): boolean {
	return entry.length > FINGERPRINT_LENGTH && Number.isFinite(secondOf(entry));
}
