/**
 * The order's payment link, served (sandbox only; BillPro's real link opens its 3DS checkout):
 *   GET  <sandbox>/pay/<order id>-<code>                    -> the order and three buttons
 *   POST <sandbox>/pay/<order id>-<code>  outcome=approve   -> processes the payment exactly as
 *        POST /__sandbox/orders/{id}/payments does (store.processPayment: the same state changes
 *        and gateway notification), then shows the result and the order again
 * A link that is not an order's (an unknown id or a wrong code) gets 404. Never logged as an API
 * request, never delayed, never faulted.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { CONTROL_MESSAGES } from '../config';
import { HttpError, UnprocessableError, readRawBody, sendText } from '../http';
import { amountDue } from '../gateway/paymentFacts';
import type { SandboxStore } from '../store';
import type { PaymentOutcome, StoredOrder } from '../types';
import { BUTTONS, notFoundHtml, paymentPageHtml, type PageResult } from './html';

const HTML = 'text/html; charset=utf-8';

export async function handlePaymentPage(
	req: IncomingMessage,
	res: ServerResponse,
	store: SandboxStore,
	path: string,
): Promise<void> {
	let raw: string;
	try {
		raw = await readRawBody(req);
	} catch (error) {
		if (!(error instanceof HttpError)) throw error;
		return sendText(res, error.status, 'text/plain; charset=utf-8', error.message);
	}
	const order = orderAtLink(store, path);
	const method = req.method ?? 'GET';
	if (!order || (method !== 'GET' && method !== 'POST'))
		return sendText(res, 404, HTML, notFoundHtml());
	if (method === 'GET') return sendText(res, 200, HTML, page(store, order));

	const outcome = new URLSearchParams(raw).get('outcome');
	if (!BUTTONS.some((button) => button.outcome === outcome)) {
		return sendText(
			res,
			422,
			HTML,
			page(store, order, { refused: `outcome ${CONTROL_MESSAGES.badOutcome}` }),
		);
	}
	try {
		store.processPayment(order.profile_id, order.id, outcome as PaymentOutcome);
	} catch (error) {
		if (!(error instanceof UnprocessableError)) throw error;
		const refused = Object.values(error.errors).flat().join('; ');
		return sendText(
			res,
			422,
			HTML,
			page(store, order, { outcome: outcome as PaymentOutcome, refused }),
		);
	}
	const updated = store.orderRecord(order.profile_id, order.id) ?? order;
	return sendText(res, 200, HTML, page(store, updated, { outcome: outcome as PaymentOutcome }));
}

function page(store: SandboxStore, order: StoredOrder, result?: PageResult): string {
	return paymentPageHtml({
		order,
		customer: store.customer(order.profile_id, order.customer_id),
		amount: amountDue(store, order),
		result,
	});
}

/** The order whose payment_link has exactly this path; ids are unique across profiles. */
function orderAtLink(store: SandboxStore, path: string): StoredOrder | undefined {
	const id = /^\/[^/]+\/(\d+)-[A-Z0-9]+$/.exec(path)?.[1];
	if (!id) return undefined;
	for (const profileId of store.profileIds()) {
		const order = store.orderRecord(profileId, Number(id));
		if (order && new URL(order.payment_link).pathname === path) return order;
	}
	return undefined;
}
