/**
 * The notifications the sandbox's payment gateway sends, in OPPWA's shape [V: the payload is the
 * API's answer for the payment]; field values are the sandbox's [I]. Order and customer are named
 * as GATEWAY.orderIdField / customerIdField say.
 */
import { randomBytes } from 'node:crypto';

import { GATEWAY } from '../../nodes/BillProGatewayTrigger/gatewayFormat';
import type { PaymentOutcome, StoredCustomer, StoredOrder } from '../types';

export interface GatewayNotification {
	type: string;
	action?: string;
	payload: Record<string, unknown>;
}

/** What a processed payment tells the gateway. */
export interface PaymentFacts {
	order: StoredOrder;
	customer: StoredCustomer | undefined;
	/** The merchant profile's name, shown in the descriptor. */
	merchantName: string;
	outcome: PaymentOutcome;
	/** "92.00"; null for a card registration without a payment. */
	amount: string | null;
	at: Date;
}

/** A debit (DB) for a payment, or a card registration (RG) for an order without one. */
export function paymentNotification(facts: PaymentFacts): GatewayNotification {
	const common = {
		id: transactionId(),
		paymentBrand: 'VISA',
		[GATEWAY.orderIdField]: String(facts.order.id),
		result: { ...GATEWAY.sandboxResults[facts.outcome] },
		card: card(facts),
		customer: facts.customer && {
			givenName: facts.customer.first_name,
			surname: facts.customer.last_name,
			[GATEWAY.customerIdField]: facts.customer.customer_id,
			email: facts.customer.email,
		},
		risk: { score: '0' },
		buildNumber: 'billpro-sandbox',
		timestamp: gatewayTimestamp(facts.at),
		ndc: `${hex(16)}_${hex(16)}`,
	};
	if (facts.amount === null) {
		return {
			type: GATEWAY.types.registration,
			action: GATEWAY.actions.created,
			payload: { ...common, paymentType: GATEWAY.paymentTypes.registration },
		};
	}
	return {
		type: GATEWAY.types.payment,
		payload: {
			...common,
			paymentType: GATEWAY.paymentTypes.debit,
			amount: facts.amount,
			currency: facts.order.currency,
			descriptor: `${facts.merchantName} order ${facts.order.id}`,
		},
	};
}

/** The registration test notification [I]. */
export function testNotification(): GatewayNotification {
	return { type: GATEWAY.testNotification.type, payload: { ...GATEWAY.testNotification.payload } };
}

/** OPPWA's `2015-12-07 16:46:07+0000`, in UTC. */
export function gatewayTimestamp(at: Date): string {
	return `${at.toISOString().slice(0, 19).replace('T', ' ')}+0000`;
}

/** A payment id like the gateway's: 32 lower-case hex characters, new for every transaction. */
function transactionId(): string {
	return hex(16);
}

function hex(bytes: number): string {
	return randomBytes(bytes).toString('hex');
}

/** The customer's card: a test Visa number, valid for three more years. */
function card(facts: PaymentFacts) {
	const holder = facts.customer
		? `${facts.customer.first_name} ${facts.customer.last_name}`
		: 'Sandbox Customer';
	return {
		bin: '420000',
		last4Digits: '0000',
		holder,
		expiryMonth: '12',
		expiryYear: String(facts.at.getUTCFullYear() + 3),
	};
}
