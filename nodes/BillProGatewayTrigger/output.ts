/**
 * The item a notification starts the workflow with: the fields a workflow needs at the top, named
 * plainly, and the decrypted notification's payload as sent under `payload`. Order and customer
 * come from the payload fields GATEWAY names ([I]: BillPro's naming is not documented).
 */
import type { IDataObject } from 'n8n-workflow';

import { GATEWAY } from './gatewayFormat';
import {
	isApproved,
	resultClassOf,
	resultCodeOf,
	type GatewayEvent,
	type GatewayNotification,
} from './events';

export function outputItem(notification: GatewayNotification, event: GatewayEvent): IDataObject {
	const { payload } = notification;
	const resultCode = resultCodeOf(notification) ?? null;
	const resultClass = resultClassOf(resultCode ?? undefined);
	const amountText = text(payload.amount);
	const amount = amountText === null ? null : Number(amountText);
	return {
		event,
		approved: isApproved(resultClass),
		transactionId: text(payload.id),
		paymentType: text(payload.paymentType),
		amount: amount !== null && Number.isFinite(amount) ? amount : null,
		amountText,
		currency: text(payload.currency),
		orderId: text(payload[GATEWAY.orderIdField]),
		customerId: text(field(payload.customer, GATEWAY.customerIdField)),
		resultCode,
		resultDescription: text(field(payload.result, 'description')),
		resultClass,
		timestamp: text(payload.timestamp),
		notificationType: notification.type,
		action: notification.action ?? null,
		payload: payload as IDataObject,
	};
}

function field(object: unknown, name: string): unknown {
	return typeof object === 'object' && object !== null
		? (object as Record<string, unknown>)[name]
		: undefined;
}

/** Strings as sent; numbers as text (an id may come as a number); anything else null. */
function text(value: unknown): string | null {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return null;
}
