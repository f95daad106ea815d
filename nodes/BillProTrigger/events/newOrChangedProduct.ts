import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { ListRead, PollSource } from '../pollSource';
import { highestIdOf, highestOf, idOf, isPageSize, isRecord, type TriggerEvent } from './event';

/** The fields whose change is an event, as the product list answers them. */
const WATCHED_FIELDS = ['price', 'product_status', 'product_type'] as const;

/**
 * Each product's watched fields, by id: one short entry per product of the account; and a full
 * page's length once a poll saw one, so a poll stops at a short page without asking for the next.
 */
export interface ProductSnapshot {
	products: Record<string, Array<IDataObject[keyof IDataObject]>>;
	pageSize?: number;
}

const snapshotOf = (product: IDataObject) => WATCHED_FIELDS.map((field) => product[field] ?? null);

function changesOf(before: unknown[], product: IDataObject): IDataObject {
	const now = snapshotOf(product);
	const changes: IDataObject = {};
	WATCHED_FIELDS.forEach((field, index) => {
		if (JSON.stringify(before[index]) !== JSON.stringify(now[index])) {
			changes[field] = { from: before[index] as IDataObject[string], to: now[index] };
		}
	});
	return changes;
}

/**
 * BillPro lists no product up to the highest id the trigger saw: the newest were deleted in
 * BillPro's UI, or the ids started again, and a product may now stand under another's id.
 */
function wentBackwards(products: IDataObject[], snapshot: ProductSnapshot) {
	const seenUpTo = highestOf(Object.keys(snapshot.products).map(Number));
	const highestId = highestIdOf(products);
	return highestId < seenUpTo
		? [{ kind: 'listWentBackwards' as const, list: 'product' as const, highestId, seenUpTo }]
		: [];
}

async function wholeList(source: PollSource, pageSize?: number): Promise<ListRead> {
	const walked = await source.readList('listProducts', { pageSize });
	if (!walked.ended) {
		throw new NodeOperationError(
			source.poll.getNode(),
			"The product list could not be read to its end within n8n's poll budget",
			{
				description:
					'Nothing was lost: the next poll reads it again. If it keeps happening, poll less often than the list takes to read, or ask your n8n admin about the poll timeout.',
			},
		);
	}
	return walked;
}

export const newOrChangedProductEvent: TriggerEvent<ProductSnapshot> = {
	option: {
		name: 'New or Changed Product',
		value: 'newOrChangedProduct',
		description:
			"A product was added, or its price, status or type changed (products are made in BillPro's UI)",
	},
	async poll(source, settings, snapshot) {
		const walked = await wholeList(source, snapshot?.pageSize);
		const products = walked.records;
		const state: ProductSnapshot = {
			products: Object.fromEntries(
				products.map((product) => [String(idOf(product)), snapshotOf(product)]),
			),
			...(walked.pageSize === undefined ? {} : { pageSize: walked.pageSize }),
		};
		if (!snapshot && !settings.includeExisting) return { events: [], state };
		// Compared as usual all the same: a product deleted in BillPro's UI loses no other's change.
		const findings = snapshot ? wentBackwards(products, snapshot) : [];
		const events: IDataObject[] = [];
		for (const product of products) {
			const before = snapshot?.products[String(idOf(product))];
			if (!before) {
				events.push({ event: 'newProduct', changes: {}, ...product });
				continue;
			}
			const changes = changesOf(before, product);
			if (Object.keys(changes).length)
				events.push({ event: 'productChanged', changes, ...product });
		}
		return { events, state, findings };
	},
	isState: (kept): kept is ProductSnapshot =>
		isRecord(kept) &&
		isRecord(kept.products) &&
		isPageSize(kept.pageSize) &&
		Object.values(kept.products).every(
			(fields) => Array.isArray(fields) && fields.length === WATCHED_FIELDS.length,
		),
	async sample(source) {
		const { records } = await source.lastPage('listProducts');
		const latest = records.at(-1);
		if (!latest) {
			throw new NodeOperationError(source.poll.getNode(), 'BillPro has no product to show yet', {
				description: "Create a product in BillPro's UI, then fetch a test event again.",
			});
		}
		return [{ event: 'newProduct', changes: {}, ...latest }];
	},
};
