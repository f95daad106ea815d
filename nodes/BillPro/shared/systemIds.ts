/** The kinds of record a system id names. */
export type SystemIdRecord = 'customer' | 'product' | 'order' | 'scheduledPayment';

/**
 * Where each kind of id is found, named by the operations' actions: an AI agent sees those as
 * its tools' descriptions ("Get many customers in BillPro"), and sees nothing of an error but
 * its message. A merchant ID is the record's other identifier, the one most often given instead.
 */
export const SYSTEM_ID_SOURCES: Record<
	SystemIdRecord,
	{ noun: string; from: string; merchantId?: string }
> = {
	customer: {
		noun: 'customer',
		from: 'Get many customers or Get a customer',
		merchantId: 'customer_id',
	},
	product: {
		noun: 'product',
		from: 'Get many products or Get a product',
		merchantId: 'product_id',
	},
	order: { noun: 'order', from: 'Create an order or Get an order' },
	scheduledPayment: { noun: 'scheduled payment', from: 'Get many scheduled payments' },
};

/** Where the right id of a record is found, as one sentence for an error's message. */
export function systemIdFix(record: SystemIdRecord): string {
	const { noun, from, merchantId } = SYSTEM_ID_SOURCES[record];
	const notMerchant = merchantId ? ` (not its merchant '${merchantId}')` : '';
	return `Use the ${noun}'s 'id', a whole number, from the answer of ${from}${notMerchant}.`;
}

/** The kind of record a noun names ('scheduled payment'), if it is one with a system id. */
export function systemIdRecordNamed(noun: string): SystemIdRecord | undefined {
	return (Object.keys(SYSTEM_ID_SOURCES) as SystemIdRecord[]).find(
		(record) => SYSTEM_ID_SOURCES[record].noun === noun,
	);
}
