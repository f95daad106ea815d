import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { PollSource } from '../pollSource';
import {
	highestIdOf,
	idOf,
	isPageSize,
	isRecord,
	isWholeNumber,
	type Polled,
	type TriggerEvent,
} from './event';

/**
 * Where the customer list was read to: the last page that held customers, and the highest id
 * seen. BillPro lists oldest first (api.ts LIST_ORDER), so new customers appear on that page or
 * after it, with higher ids. With them, a full page's length once a poll saw one, so a poll
 * reads the next page only when that page is full. At most three numbers, whatever the
 * account's size (a cursor kept before page sizes were kept has two, and still holds).
 */
export interface CustomerCursor {
	page: number;
	maxId: number;
	pageSize?: number;
}

const newCustomer = (customer: IDataObject) => ({ event: 'newCustomer', ...customer });

function cursorAfter(
	records: IDataObject[],
	page: number,
	maxId: number,
	pageSize: number | undefined,
): CustomerCursor {
	const cursor = { page, maxId: Math.max(maxId, highestIdOf(records)) };
	return pageSize === undefined ? cursor : { ...cursor, pageSize };
}

/**
 * BillPro lists no customer up to the highest id the trigger saw: the newest were deleted, or the
 * ids started again (a reset test environment). Customers added since with ids up to `highestId`
 * cannot be told from the others: report it, and start over from here.
 */
function wentBackwards(
	highestId: number,
	page: number,
	cursor: CustomerCursor,
	pageSize = cursor.pageSize,
): Polled<CustomerCursor> {
	return {
		events: [],
		state: cursorAfter([], page, highestId, pageSize),
		findings: [
			{
				kind: 'listWentBackwards' as const,
				list: 'customer' as const,
				highestId,
				seenUpTo: cursor.maxId,
			},
		],
	};
}

/** The page the cursor was on holds no customer now: the list got shorter. */
async function pastTheEnd(
	source: PollSource,
	cursor: CustomerCursor,
): Promise<Polled<CustomerCursor>> {
	const last = await source.lastPage('listCustomers');
	const pageSize = last.pageSize ?? cursor.pageSize;
	const highestId = highestIdOf(last.records);
	if (highestId < cursor.maxId) return wentBackwards(highestId, last.page, cursor, pageSize);
	if (highestId === cursor.maxId) {
		return { events: [], state: cursorAfter([], last.page, cursor.maxId, pageSize) };
	}
	// Customers were deleted and others added: the new ones may span pages, so read from the start.
	return await readOn(source, { ...cursor, page: 1, pageSize });
}

async function readOn(source: PollSource, cursor: CustomerCursor): Promise<Polled<CustomerCursor>> {
	const walked = await source.readList('listCustomers', {
		firstPage: cursor.page,
		pageSize: cursor.pageSize,
	});
	if (!walked.records.length) return await pastTheEnd(source, cursor);
	const highestId = highestIdOf(walked.records);
	if (walked.ended && highestId < cursor.maxId) {
		return wentBackwards(highestId, walked.lastPage, cursor, walked.pageSize);
	}
	const found = walked.records.filter((customer) => idOf(customer) > cursor.maxId);
	return {
		events: found.map(newCustomer),
		state: cursorAfter(walked.records, walked.lastPage, cursor.maxId, walked.pageSize),
	};
}

export const newCustomerEvent: TriggerEvent<CustomerCursor> = {
	option: {
		name: 'New Customer',
		value: 'newCustomer',
		description: 'A customer was added to BillPro',
	},
	async poll(source, settings, cursor) {
		if (!cursor && settings.includeExisting) return await readOn(source, { page: 1, maxId: 0 });
		if (!cursor) {
			const last = await source.lastPage('listCustomers');
			return { events: [], state: cursorAfter(last.records, last.page, 0, last.pageSize) };
		}
		return await readOn(source, cursor);
	},
	isState: (kept): kept is CustomerCursor =>
		isRecord(kept) &&
		isWholeNumber(kept.page) &&
		kept.page >= 1 &&
		isWholeNumber(kept.maxId) &&
		isPageSize(kept.pageSize),
	async sample(source) {
		const { records } = await source.lastPage('listCustomers');
		const latest = records.at(-1);
		if (!latest) {
			throw new NodeOperationError(source.poll.getNode(), 'BillPro has no customer to show yet', {
				description:
					'Create a customer in BillPro (or with the BillPro node), then fetch a test event again.',
			});
		}
		return [newCustomer(latest)];
	},
};
