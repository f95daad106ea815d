// The payment gateway's webhook format: every fact the trigger and the sandbox share.
//
// BillPro's only push channel is its payment gateway's webhook, for CardCorp merchants; BillPro
// Merchant Support registers the URL and hands out the key [V: docs.bill.pro billpro-payment-
// gateway-webhook]. CardCorp runs on ACI's Open Payment Platform (OPPWA), whose resellers
// document the webhook format (docs/billpro-api.md names the pages). [V] a gateway or BillPro
// page states it; [I] inferred. The BillPro Payment Gateway Trigger reads notifications with this
// table and the sandbox (sandbox/gateway) writes them with it, so the two cannot drift. It is
// the gateway's table as nodes/BillPro/shared/api.ts is BillPro's API's: every fact tagged.

/** A payment gateway answer the sandbox simulates: its result code and description. */
export interface GatewayResult {
	code: string;
	description: string;
}

export const GATEWAY = {
	/** [V] an HTTP POST to the registered URL. */
	method: 'POST',
	/** [V] header names, as the gateway spells them (HTTP header names ignore case). */
	headers: {
		/** [V] the 12-byte IV as hex. */
		initializationVector: 'X-Initialization-Vector',
		/** [V] the 16-byte GCM authentication tag as hex; never appended to the body. */
		authenticationTag: 'X-Authentication-Tag',
		/** [V] seen on real notifications; the values below are what was seen. */
		requestId: 'X-Request-Id',
	},
	/**
	 * [V] other headers seen on a real notification. `Content-Encoding: UTF-8` is not an HTTP
	 * content coding: a receiver must read the body as is (n8n does, see the trigger's README text).
	 */
	extraHeaders: { 'Content-Encoding': 'UTF-8', 'Accept-Encoding': 'gzip' },
	/** [V] AES-256-GCM, no padding, no additional authenticated data. */
	cipher: {
		algorithm: 'aes-256-gcm',
		/** [V] the listener's secret: 64 hex characters (32 bytes). */
		keyHexLength: 64,
		ivBytes: 12,
		tagBytes: 16,
	},
	/** [V] the two formats merchants choose from: hex as plain text, or hex wrapped in JSON. */
	contentTypes: { hex: 'text/plain', json: 'application/json; charset=UTF-8' },
	/** [I] the wrapped format's field (only third-party code names it: hyperswitch's Peach connector). */
	wrappedField: 'encryptedBody',
	/** [V] top-level `type`; BillPro processes PAYMENT and REGISTRATION [V]. */
	types: { payment: 'PAYMENT', registration: 'REGISTRATION', risk: 'RISK', schedule: 'SCHEDULE' },
	/** [V] `action`, present on registrations only. */
	actions: { created: 'CREATED', updated: 'UPDATED', deleted: 'DELETED' },
	/**
	 * [V] payload.paymentType codes (BillPro processes DB, RF, RG and PA [V]; the spelled-out
	 * names are [I], used the same way on BillPro's pages).
	 */
	paymentTypes: {
		debit: 'DB',
		preAuthorisation: 'PA',
		capture: 'CP',
		refund: 'RF',
		reversal: 'RV',
		registration: 'RG',
	},
	/** [V] BillPro: "000.000.000" means approved. */
	approvedCode: '000.000.000',
	/**
	 * [V] OPPWA's result-code classes (PrimeiroPay and SIBS result-code pages); `pending` joins
	 * OPPWA's pending and long-pending classes.
	 */
	resultClasses: {
		successful: /^(000\.000\.|000\.100\.1|000\.[36]|000\.400\.[1][12]0)/,
		manualReview: /^(000\.400\.0[^3]|000\.400\.100)/,
		pending: /^(000\.200|800\.400\.5|100\.400\.500)/,
		rejectedByBank: /^(800\.[17]00|800\.800\.[123])/,
		rejectedByValidation: /^(100\.100|100\.2[01])/,
	},
	/**
	 * [I] the answers the sandbox's three outcomes get. The codes are OPPWA's [V]; "soft" (may
	 * succeed on a retry, like insufficient funds) versus "hard" is card-industry convention [I].
	 */
	sandboxResults: {
		approve: { code: '000.000.000', description: 'Transaction succeeded' },
		soft_decline: {
			code: '800.100.155',
			description: 'transaction declined (amount exceeds credit)',
		},
		hard_decline: { code: '800.100.151', description: 'transaction declined (invalid card)' },
	} satisfies Record<string, GatewayResult>,
	/**
	 * [I] how BillPro names its records in a payload (not documented): `merchantTransactionId` is
	 * the BillPro order's system id (its order number, what Order → Get takes) and
	 * `customer.merchantCustomerId` the customer's 10-character merchant customer_id. A refund
	 * carries the original payment's merchantTransactionId [V].
	 */
	orderIdField: 'merchantTransactionId',
	customerIdField: 'merchantCustomerId',
	/** [V] payload.timestamp, e.g. 2015-12-07 16:46:07+0000 (UTC). */
	timestampPattern: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\+0000$/,
	/**
	 * [I] the notification sent when the webhook is registered: it must get a 200 [V], its content
	 * is not documented. The sandbox sends this; the trigger answers 200 to any notification that
	 * decrypts but is not a payment or registration, and starts nothing for it.
	 */
	testNotification: { type: 'TEST', payload: {} },
} as const;
