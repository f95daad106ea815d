import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { isNotFound } from '../../BillPro/transport';
import type { PollSource } from '../pollSource';
import type { Finding } from '../reports';

/** What one poll read of the watched orders. */
export interface WatchedRead<T> {
	read: Map<string, T>;
	/** The orders BillPro answered "not found" for: they stop no other order's events. */
	notFound: Set<string>;
	nextStart: number;
}

const NOT_FOUND = Symbol('not found');

/**
 * Runs `read` for each watched order, as many at a time as the request slots allow, starting
 * where the last poll stopped: once the poll's budget is spent no further order is started, and the next
 * poll begins with the first order not read, so every order is read in turn however long the list.
 */
export async function readWatchedOrders<T>(
	source: PollSource,
	orderIds: string[],
	startAt: number,
	read: (orderId: string) => Promise<T>,
): Promise<WatchedRead<T>> {
	const start = startAt < orderIds.length ? startAt : 0;
	const inTurn = [...orderIds.slice(start), ...orderIds.slice(0, start)];
	const readOrNotFound = async (orderId: string): Promise<T | typeof NOT_FOUND> => {
		try {
			return await read(orderId);
		} catch (caught) {
			if (isNotFound(caught)) return NOT_FOUND;
			// Any other failure fails the poll, which then keeps the old state: nothing is lost.
			const error =
				caught instanceof NodeApiError || caught instanceof NodeOperationError
					? caught
					: new NodeOperationError(source.poll.getNode(), caught as Error);
			throw error;
		}
	};
	const results = await Promise.all(
		// The first order in turn is always read, so every poll moves on, however small the budget.
		inTurn.map(async (orderId, index) =>
			index === 0 || source.inBudget()
				? { orderId, value: await readOrNotFound(orderId) }
				: undefined,
		),
	);
	const done = new Map<string, T>();
	const notFound = new Set<string>();
	let firstNotRead: string | undefined;
	for (const [index, result] of results.entries()) {
		if (!result) firstNotRead ??= inTurn[index];
		else if (result.value === NOT_FOUND) notFound.add(result.orderId);
		else done.set(result.orderId, result.value as T);
	}
	return {
		read: done,
		notFound,
		nextStart: firstNotRead === undefined ? 0 : orderIds.indexOf(firstNotRead),
	};
}

/**
 * The watched orders to keep as missing: those not found now, and those missing before and not
 * read this poll. Each newly missing one is reported once. A missing order keeps no status, so
 * when BillPro has it again its status then is its baseline.
 */
export function missingAfter(
	orderIds: string[],
	polled: WatchedRead<unknown>,
	before: string[] = [],
): { missing: Set<string>; findings: Finding[] } {
	const wasMissing = new Set(before);
	const missing = new Set(
		orderIds.filter(
			(id) => polled.notFound.has(id) || (wasMissing.has(id) && !polled.read.has(id)),
		),
	);
	const newlyMissing = orderIds.filter((id) => polled.notFound.has(id) && !wasMissing.has(id));
	return {
		missing,
		findings: newlyMissing.length ? [{ kind: 'ordersNotFound', orderIds: newlyMissing }] : [],
	};
}

/** A kept list of missing orders: absent in states kept before it existed. */
export const isMissingList = (kept: Record<string, unknown>): boolean =>
	kept.missing === undefined ||
	(Array.isArray(kept.missing) && kept.missing.every((id) => typeof id === 'string'));
