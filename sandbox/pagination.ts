/** `?page=N` paging: fixed PAGE_SIZE, bare JSON arrays, empty past the last page. */
import { QUERY } from '../nodes/BillPro/shared/api';
import { MESSAGES, PAGE_SIZE } from './config';
import { unprocessable } from './http';

/** Missing page means 1; anything but a positive integer (including `page=`) is a 422. */
export function parsePage(query: Record<string, string>): number {
	const raw = query[QUERY.page];
	if (raw === undefined) return 1;
	if (!/^\d+$/.test(raw) || Number(raw) < 1) throw unprocessable(QUERY.page, MESSAGES.badPage);
	return Number(raw);
}

/** O(page size): callers keep their arrays sorted by id, so a page is a slice. */
export function pageOf<T>(items: readonly T[], page: number): T[] {
	const start = (page - 1) * PAGE_SIZE;
	return start >= items.length ? [] : items.slice(start, start + PAGE_SIZE);
}
