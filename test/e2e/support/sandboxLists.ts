/**
 * What each From List list of the BillPro node should show, read from the sandbox's API with the
 * token of the "BillPro Sandbox" credential: the records, how a user recognises one in the list,
 * and a search term with the records it should leave. Keyed by the node's list search method, so
 * a new list search fails the editor test until it says what its list shows.
 */
import { sandbox } from './context';

type SandboxRecord = Record<string, unknown>;

export interface ListExpectation {
	/** The records the list shows before the user types (at least these). */
	shown: SandboxRecord[];
	/** Text that identifies a record in the list. */
	key(record: SandboxRecord): string;
	/** A search term, and every record the search should leave. */
	search: { term: string; matches: SandboxRecord[] };
	/** A field the user fills in first, as the list depends on it (parameter name → value). */
	needs?: Record<string, string>;
}

const text = (...values: unknown[]) => values.map((value) => String(value ?? '')).join(' ');
const containing = (records: SandboxRecord[], term: string, of: (r: SandboxRecord) => string) =>
	records.filter((record) => of(record).toLowerCase().includes(term.toLowerCase()));

/** Customers: by name and email; searched by a last name (name, email or merchant ID match). */
async function customers(): Promise<ListExpectation> {
	const all = await sandbox.records('listCustomers');
	const searchable = (c: SandboxRecord) => text(c.first_name, c.last_name, c.email, c.customer_id);
	const term = String(all[all.length - 1].last_name);
	return {
		shown: all,
		key: (customer) => String(customer.email),
		search: { term, matches: containing(all, term, searchable) },
	};
}

/**
 * Products: by merchant product ID; the first page is shown at once; searched by the ID of the
 * last product, which is on a later page, so the search reads on until it finds it.
 */
async function products(): Promise<ListExpectation> {
	const all = await sandbox.records('listProducts');
	const term = String(all[all.length - 1].product_id);
	return {
		shown: await sandbox.page('listProducts', 1),
		key: (product) => String(product.product_id),
		search: { term, matches: containing(all, term, (p) => text(p.product_id)) },
	};
}

/** An order's scheduled payments, once its Order ID is filled in; searched by a payment's date. */
async function scheduledPayments(orderId: number): Promise<ListExpectation> {
	const all = await sandbox.records('listScheduledPayments', orderId);
	const term = String(all[all.length - 1].scheduled_at);
	return {
		shown: all,
		key: (payment) => `#${payment.id} `,
		search: { term, matches: containing(all, term, (p) => text(p.scheduled_at)) },
		needs: { orderId: String(orderId) },
	};
}

/** Each list search method of the node → what its list should show. */
export async function listExpectations(
	orderWithPayments: number,
): Promise<Record<string, ListExpectation>> {
	return {
		searchCustomers: await customers(),
		searchProducts: await products(),
		searchScheduledPayments: await scheduledPayments(orderWithPayments),
	};
}
