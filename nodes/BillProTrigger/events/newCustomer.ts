import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { PollSource } from '../pollSource';
import { idOf, isRecord, isWholeNumber, type TriggerEvent } from './event';

/**
 * Where the customer list was read to: the last page that held customers, and the highest id
 * seen. BillPro lists oldest first (api.ts LIST_ORDER), so new customers appear on that page or
 * after it, with higher ids. Two numbers, whatever the account's size.
 */
export interface CustomerCursor {
	page: number;
	maxId: number;
}

const newCustomer = (customer: IDataObject) => ({ event: 'newCustomer', ...customer });

function cursorAfter(records: IDataObject[], page: number, maxId: number): CustomerCursor {
	return { page, maxId: Math.max(maxId, ...records.map(idOf).filter(Number.isFinite)) };
}

async function readOn(source: PollSource, cursor: CustomerCursor) {
	const walked = await source.readList('listCustomers', { firstPage: cursor.page });
	const found = walked.entries.filter((customer) => idOf(customer) > cursor.maxId);
	// The page the cursor was on is empty now: read the list again from its start next time.
	const page = walked.lastPageEntries.length ? walked.lastPage : 1;
	return { found, next: cursorAfter(walked.entries, page, cursor.maxId) };
}

export const newCustomerEvent: TriggerEvent<CustomerCursor> = {
	option: {
		name: 'New Customer',
		value: 'newCustomer',
		description: 'A customer was added to BillPro',
	},
	async poll(source, settings, cursor) {
		if (!cursor && settings.includeExisting) {
			const { found, next } = await readOn(source, { page: 1, maxId: 0 });
			return { events: found.map(newCustomer), state: next };
		}
		if (!cursor) {
			const last = await source.lastPage('listCustomers');
			return { events: [], state: cursorAfter(last.records, last.page, 0) };
		}
		const { found, next } = await readOn(source, cursor);
		return { events: found.map(newCustomer), state: next };
	},
	isState: (kept): kept is CustomerCursor =>
		isRecord(kept) && isWholeNumber(kept.page) && kept.page >= 1 && isWholeNumber(kept.maxId),
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
