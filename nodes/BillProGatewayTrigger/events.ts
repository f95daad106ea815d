/**
 * What a decrypted notification means for a workflow, derived from its type, action,
 * payload.paymentType and result code with the GATEWAY table. Pending payments, risk and
 * schedule notifications, registration updates and the registration test notification are no
 * event: they are acknowledged and start nothing.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

import { GATEWAY } from './gatewayFormat';

export interface GatewayNotification {
	type: string;
	action?: string;
	payload: Record<string, unknown>;
}

export type GatewayEvent =
	| 'paymentApproved'
	| 'paymentDeclined'
	| 'preAuthorisation'
	| 'refund'
	| 'registrationCreated'
	| 'registrationDeleted';

export const EVENT_OPTIONS: Array<INodePropertyOptions & { value: GatewayEvent }> = [
	{
		name: 'Payment Approved',
		value: 'paymentApproved',
		description: 'A card payment (debit or capture) was approved',
	},
	{
		name: 'Payment Declined',
		value: 'paymentDeclined',
		description: 'A card payment (debit or capture) was declined by the bank or the gateway',
	},
	{
		name: 'Pre-Authorisation',
		value: 'preAuthorisation',
		description: "An amount was reserved on the customer's card, approved or not",
	},
	{
		name: 'Refund',
		value: 'refund',
		description: 'A payment was refunded or reversed in BillPro, approved or not',
	},
	{
		name: 'Registration Created',
		value: 'registrationCreated',
		description: "The customer's card was stored for later payments",
	},
	{
		name: 'Registration Deleted',
		value: 'registrationDeleted',
		description: 'A stored card was removed',
	},
];

export type ResultClass = keyof typeof GATEWAY.resultClasses | 'other';

/** The OPPWA class of a result code; 'other' for anything no class names (a rejection). */
export function resultClassOf(code: string | undefined): ResultClass {
	if (code === undefined) return 'other';
	const classes = Object.entries(GATEWAY.resultClasses) as Array<[ResultClass, RegExp]>;
	return classes.find(([, pattern]) => pattern.test(code))?.[0] ?? 'other';
}

/** Approved: successfully processed, manual-review codes included (the money was taken). */
export function isApproved(resultClass: ResultClass): boolean {
	return resultClass === 'successful' || resultClass === 'manualReview';
}

export function resultCodeOf(notification: GatewayNotification): string | undefined {
	const result = notification.payload.result;
	if (typeof result !== 'object' || result === null) return undefined;
	const code = (result as Record<string, unknown>).code;
	return typeof code === 'string' ? code : undefined;
}

export function eventOf(notification: GatewayNotification): GatewayEvent | undefined {
	const { types, actions, paymentTypes } = GATEWAY;
	if (notification.type === types.registration) {
		if (notification.action === actions.created) return 'registrationCreated';
		if (notification.action === actions.deleted) return 'registrationDeleted';
		return undefined;
	}
	if (notification.type !== types.payment) return undefined;
	switch (notification.payload.paymentType) {
		case paymentTypes.refund:
		case paymentTypes.reversal:
			return 'refund';
		case paymentTypes.preAuthorisation:
			return 'preAuthorisation';
		case paymentTypes.debit:
		case paymentTypes.capture: {
			const resultClass = resultClassOf(resultCodeOf(notification));
			if (resultClass === 'pending') return undefined;
			return isApproved(resultClass) ? 'paymentApproved' : 'paymentDeclined';
		}
		default:
			return undefined;
	}
}

/** The decrypted JSON as a notification, or undefined when it has no string type. */
export function parseNotification(plaintext: string): GatewayNotification | undefined {
	let parsed: unknown;
	try {
		parsed = JSON.parse(plaintext);
	} catch {
		// Authenticated but not JSON: the caller answers 400 without repeating the text.
		return undefined;
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
	const { type, action, payload } = parsed as Record<string, unknown>;
	if (typeof type !== 'string') return undefined;
	return {
		type,
		...(typeof action === 'string' && { action }),
		payload:
			typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {},
	};
}
