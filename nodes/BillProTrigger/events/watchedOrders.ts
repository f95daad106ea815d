import type { PollSource } from '../pollSource';

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
): Promise<{ read: Map<string, T>; nextStart: number }> {
	const start = startAt < orderIds.length ? startAt : 0;
	const inTurn = [...orderIds.slice(start), ...orderIds.slice(0, start)];
	const results = await Promise.all(
		// The first order in turn is always read, so every poll moves on, however small the budget.
		inTurn.map(async (orderId, index) =>
			index === 0 || source.inBudget() ? { orderId, value: await read(orderId) } : undefined,
		),
	);
	const done = new Map<string, T>();
	let firstNotRead: string | undefined;
	for (const [index, result] of results.entries()) {
		if (result) done.set(result.orderId, result.value);
		else firstNotRead ??= inTurn[index];
	}
	return { read: done, nextStart: firstNotRead === undefined ? 0 : orderIds.indexOf(firstNotRead) };
}
