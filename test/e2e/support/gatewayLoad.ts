/**
 * Payment notifications sent straight to a Production URL as the payment gateway sends them
 * (encrypted afresh for each delivery, with its headers; sandbox/gateway/delivery.ts), many
 * at once: copies of one notification at the same moment, or distinct notifications with
 * duplicates among them, a fixed number in flight. The e2e and queue suites and bench:n8n use it.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';

import { GATEWAY } from '../../../nodes/BillProGatewayTrigger/gatewayFormat';
import {
	gatewaySettingsOrThrow,
	SANDBOX_GATEWAY_KEY,
	type GatewayNotification,
} from '../../../sandbox';
import { deliveryRequest } from '../../../sandbox/gateway/delivery';

export interface DeliveryAnswer {
	status: number;
	text: string;
	/** From sending the request to the end of the answer. */
	ms: number;
}

/** An approved card payment of order `orderId`, with a payment id of its own. */
export function approvedPayment(orderId: number): GatewayNotification {
	return {
		type: GATEWAY.types.payment,
		payload: {
			id: randomBytes(16).toString('hex'),
			paymentType: GATEWAY.paymentTypes.debit,
			paymentBrand: 'VISA',
			amount: '53.99',
			currency: 'GBP',
			[GATEWAY.orderIdField]: String(orderId),
			result: { ...GATEWAY.sandboxResults.approve },
		},
	};
}

/**
 * `distinct` notifications with `duplicates` copies among them, spread evenly: each copy right
 * after its notification, so at any concurrency above 1 both are in flight together.
 */
export function withDuplicates(
	make: () => GatewayNotification,
	distinct: number,
	duplicates: number,
): GatewayNotification[] {
	const every = Math.floor(distinct / duplicates);
	return Array.from({ length: distinct }, make).flatMap((notification, n) =>
		n % every === every - 1 && n < every * duplicates
			? [notification, notification]
			: [notification],
	);
}

/**
 * POSTs every notification to `url` (or to `url(n)` for the n-th), `inFlight` at a time; the
 * answers in the list's order.
 */
export async function deliverAll(
	url: string | ((index: number) => string),
	notifications: GatewayNotification[],
	inFlight: number,
): Promise<DeliveryAnswer[]> {
	const urlOf = typeof url === 'string' ? () => url : url;
	const settings = gatewaySettingsOrThrow({ url: urlOf(0), key: SANDBOX_GATEWAY_KEY });
	const answers: DeliveryAnswer[] = new Array(notifications.length);
	let next = 0;
	const worker = async () => {
		while (next < notifications.length) {
			const index = next++;
			answers[index] = await post(
				urlOf(index),
				deliveryRequest(settings, JSON.stringify(notifications[index])),
			);
		}
	};
	await Promise.all(Array.from({ length: Math.min(inFlight, notifications.length) }, worker));
	return answers;
}

/** How the BillPro Payment Gateway Trigger answered: started, duplicate, or something else. */
export function answerKind(answer: DeliveryAnswer): 'started' | 'duplicate' | 'other' {
	if (answer.status !== 200) return 'other';
	try {
		const body = JSON.parse(answer.text) as { workflowStarted?: boolean; reason?: string };
		if (body.workflowStarted === true) return 'started';
		if (body.reason?.startsWith('duplicate')) return 'duplicate';
	} catch {
		// not the trigger's answer
	}
	return 'other';
}

/** One POST on a new connection, as the gateway sends; never rejects (status 0: no answer). */
function post(
	url: string,
	{ headers, body }: { headers: Record<string, string>; body: string },
): Promise<DeliveryAnswer> {
	const startedAt = performance.now();
	return new Promise((resolve) => {
		const req = request(url, { method: 'POST', headers, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () =>
				resolve({
					status: res.statusCode ?? 0,
					text: Buffer.concat(chunks).toString('utf8'),
					ms: performance.now() - startedAt,
				}),
			);
		});
		req.on('error', (error) =>
			resolve({ status: 0, text: error.message, ms: performance.now() - startedAt }),
		);
		req.end(body);
	});
}
