/** Calendar arithmetic in UTC for schedules: DD/MM/YYYY start dates and ISO 8601 collection times. */
import type { ScheduledUnit } from './types';

export const DAY_MS = 86_400_000;

/** A real calendar date in DD/MM/YYYY, as a UTC midnight timestamp; undefined otherwise. */
export function parseDayMonthYear(value: string): number | undefined {
	const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
	if (!match) return undefined;
	const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
	if (year < 1000 || month < 1 || month > 12 || day < 1) return undefined;
	const ms = Date.UTC(year, month - 1, day);
	// Date.UTC rolls 31/02 over into March: a changed month means the day does not exist.
	return new Date(ms).getUTCMonth() === month - 1 ? ms : undefined;
}

/** DD/MM/YYYY of a timestamp, in UTC. */
export function formatDayMonthYear(ms: number): string {
	const date = new Date(ms);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
}

/** Midnight UTC of the day of `ms`. */
export function startOfUtcDay(ms: number): number {
	return Math.floor(ms / DAY_MS) * DAY_MS;
}

/**
 * `ms` plus `count` units. Months and years keep the day of the month, clamped to the month's last
 * day (31/01 + 1 MONTH = 28 or 29/02). NaN when the result is outside what Date can hold.
 */
export function addInterval(ms: number, count: number, unit: ScheduledUnit): number {
	if (unit === 'DAY') return ms + count * DAY_MS;
	if (unit === 'WEEK') return ms + count * 7 * DAY_MS;
	const date = new Date(ms);
	const months = date.getUTCMonth() + (unit === 'MONTH' ? count : count * 12);
	const year = date.getUTCFullYear() + Math.floor(months / 12);
	const month = ((months % 12) + 12) % 12;
	const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
	return Date.UTC(
		year,
		month,
		Math.min(date.getUTCDate(), lastDay),
		date.getUTCHours(),
		date.getUTCMinutes(),
		date.getUTCSeconds(),
		date.getUTCMilliseconds(),
	);
}

/** True when `ms` is a usable schedule time: a number no later than the end of `lastYear`. */
export function isWithinYear(ms: number, lastYear: number): boolean {
	return Number.isFinite(ms) && ms <= Date.UTC(lastYear, 11, 31, 23, 59, 59, 999);
}

const ISO_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/;

/**
 * An ISO 8601 date and time WITH a time zone ('Z' or an offset), a real date and time; the
 * timestamp, or undefined. '2026-12-24T09:00:00' (no zone) is refused: the UTC rule must be explicit.
 */
export function parseIsoDateTime(value: string): number | undefined {
	const match = ISO_DATE_TIME.exec(value);
	if (!match) return undefined;
	const [year, month, day, hour, minute, second] = match
		.slice(1, 7)
		.map((part) => Number(part ?? 0));
	if (year < 1000 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59)
		return undefined;
	const local = Date.UTC(year, month - 1, day);
	if (new Date(local).getUTCMonth() !== month - 1) return undefined;
	const fraction = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
	const zone = match[8];
	let offsetMinutes = 0;
	if (zone !== 'Z') {
		const hours = Number(zone.slice(1, 3));
		const minutes = Number(zone.slice(3).replace(':', '') || 0);
		if (hours > 23 || minutes > 59) return undefined;
		offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
	}
	const ms =
		Date.UTC(year, month - 1, day, hour, minute, second, fraction) - offsetMinutes * 60_000;
	return Number.isNaN(ms) ? undefined : ms;
}
