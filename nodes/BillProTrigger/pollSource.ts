import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { ENDPOINTS, type EndpointName } from '../BillPro/shared/api';
import { DEFAULT_MAX_RECORDS } from '../BillPro/shared/limits';
import {
	pagedList,
	pollRequests,
	walkPages,
	type PollRequest,
	type WalkedPages,
} from '../BillPro/transport';
import { accountKey } from './account';

type ListEndpoint = 'listCustomers' | 'listProducts' | 'listScheduledPayments';

/** The part of n8n's poll budget a poll uses before it stops starting requests. */
const BUDGET_SHARE = 0.8;
/** A list whose last page lies further than this is not a BillPro list (galloping bound). */
const MAX_PAGES = 2 ** 20;

/** What a read of a list gave: its records, where it ended, a full page's length if seen. */
export type ListRead = WalkedPages;

/** What one poll of one event reads BillPro with. */
export interface PollSource {
	poll: IPollFunctions;
	request: PollRequest;
	/** The account read (base URL and Profile ID), as accountKey gives it. */
	account: string;
	/** False once the poll has used its share of n8n's poll budget: start no more requests. */
	inBudget: () => boolean;
	/**
	 * A list read from `firstPage` on, one page at a time: a page shorter than `pageSize` (a full
	 * page's length, once learned) ends it without asking for the next. Stops early when out of
	 * budget.
	 */
	readList: (
		endpoint: ListEndpoint,
		options?: { id?: string; firstPage?: number; pageSize?: number },
	) => Promise<ListRead>;
	/**
	 * The last page that holds records, found in about 2·log₂(pages) requests, and a full page's
	 * length when the list has more than one page.
	 */
	lastPage: (
		endpoint: ListEndpoint,
	) => Promise<{ page: number; records: IDataObject[]; pageSize?: number }>;
}

/** n8n 2.41 gives a poll a time budget; n8n before it has none (then the poll is unbounded). */
function budgetOf(poll: IPollFunctions): number | undefined {
	const withBudget = poll as IPollFunctions & { getPollBudgetMs?: () => number };
	return typeof withBudget.getPollBudgetMs === 'function'
		? withBudget.getPollBudgetMs()
		: undefined;
}

function notAList(poll: IPollFunctions, endpoint: ListEndpoint): NodeOperationError {
	return new NodeOperationError(
		poll.getNode(),
		`BillPro's ${ENDPOINTS[endpoint].path} list never ends`,
		{
			description:
				'Past a million pages every page still held records. Check that the base URL in the BillPro credential points at the BillPro API.',
		},
	);
}

const sameIds = (page: IDataObject[], other: IDataObject[]) =>
	page.length === other.length && page.every((record, index) => record.id === other[index].id);

export async function pollSource(poll: IPollFunctions): Promise<PollSource> {
	const { request, account } = await pollRequests(poll);
	const budget = budgetOf(poll);
	const deadline = budget === undefined ? Infinity : Date.now() + budget * BUDGET_SHARE;
	const inBudget = () => Date.now() < deadline;
	const resource = (endpoint: EndpointName) =>
		endpoint === 'listCustomers' ? 'customer' : endpoint === 'listProducts' ? 'product' : 'order';
	const listOf = (endpoint: ListEndpoint, id?: string) =>
		pagedList(request, endpoint, { id, resource: resource(endpoint) });

	// One page at a time: a poll asks for a page only once the one before it was full.
	const readList: PollSource['readList'] = async (endpoint, options = {}) =>
		await walkPages({
			node: poll.getNode(),
			list: listOf(endpoint, options.id),
			pagesAtOnce: 1,
			limit: DEFAULT_MAX_RECORDS,
			firstPage: options.firstPage,
			pageSize: options.pageSize,
			keepGoing: inBudget,
		});

	const lastPage: PollSource['lastPage'] = async (endpoint) => {
		const list = listOf(endpoint);
		const read = list.readPage;
		const first = await read(1);
		const size = first.length;
		if (size === 0) return { page: 1, records: [] };
		// Gallop: 2, 4, 8… until a page is not full; then halve the gap to the last full page.
		let full = { page: 1, records: first };
		let beyond = 2;
		for (;;) {
			if (beyond > MAX_PAGES) throw notAList(poll, endpoint);
			const records = await read(beyond);
			// A list only inferred to be paged whose page 2 repeats page 1 is not paged (api.ts).
			if (beyond === 2 && list.mayBeUnpaged && sameIds(records, first)) return full;
			if (records.length > 0 && records.length < size) {
				return { page: beyond, records, pageSize: size };
			}
			if (records.length === 0) break;
			full = { page: beyond, records };
			beyond *= 2;
		}
		while (beyond - full.page > 1) {
			const middle = Math.floor((full.page + beyond) / 2);
			const records = await read(middle);
			if (records.length > 0 && records.length < size) {
				return { page: middle, records, pageSize: size };
			}
			if (records.length === 0) beyond = middle;
			else full = { page: middle, records };
		}
		// Page 1 is full when a later page holds records.
		return full.page > 1 ? { ...full, pageSize: size } : full;
	};

	return { poll, request, account: accountKey(account), inBudget, readList, lastPage };
}
