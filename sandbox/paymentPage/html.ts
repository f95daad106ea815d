/**
 * The payment page's HTML: one self-contained document (inline CSS, no scripts, no external
 * assets). Element ids are stable for browser tests: order-id, order-amount, order-currency,
 * order-customer, order-status, the buttons pay-approve, pay-soft-decline and pay-hard-decline,
 * and payment-result (with data-result) after a button was pressed.
 */
import { GATEWAY } from '../../nodes/BillProGatewayTrigger/gatewayFormat';
import type { PaymentOutcome, StoredCustomer, StoredOrder } from '../types';

export interface PageResult {
	/** The button pressed; undefined when the outcome itself was not valid. */
	outcome?: PaymentOutcome;
	/** Why the payment was not processed (the control endpoint's 422 messages). */
	refused?: string;
}

export interface PageView {
	order: StoredOrder;
	customer: StoredCustomer | undefined;
	/** "92.00"; null: a card registration; undefined: nothing due. */
	amount: string | null | undefined;
	result?: PageResult;
}

export const BUTTONS: readonly { outcome: PaymentOutcome; id: string; label: string }[] = [
	{ outcome: 'approve', id: 'pay-approve', label: 'Pay' },
	{ outcome: 'soft_decline', id: 'pay-soft-decline', label: 'Soft decline' },
	{ outcome: 'hard_decline', id: 'pay-hard-decline', label: 'Hard decline' },
];

const RESULT_TEXT: Record<PaymentOutcome, { key: string; text: string }> = {
	approve: { key: 'approved', text: 'Payment approved' },
	soft_decline: { key: 'soft-declined', text: 'Payment declined (soft decline)' },
	hard_decline: { key: 'hard-declined', text: 'Payment declined (hard decline)' },
};

export function paymentPageHtml(view: PageView): string {
	const { order, customer } = view;
	const customerText = customer
		? `${customer.first_name} ${customer.last_name} (${customer.email})`
		: `Customer ${order.customer_id}`;
	const amount =
		view.amount === undefined
			? 'nothing due'
			: view.amount === null
				? '0.00 (card registration)'
				: view.amount;
	const buttons = BUTTONS.map(
		(button) =>
			`<button type="submit" name="outcome" value="${button.outcome}" id="${button.id}">${button.label}</button>`,
	).join('\n');
	return document(
		`Pay order ${order.id}`,
		`<h1>BillPro sandbox payment</h1>
<p class="note">A simulated checkout: no card is charged. Each button is the payment gateway's answer.</p>
${view.result ? resultHtml(view.result, order) : ''}
<dl>
<dt>Order</dt><dd id="order-id">${order.id}</dd>
<dt>Amount</dt><dd><span id="order-amount">${escapeHtml(amount)}</span> <span id="order-currency">${escapeHtml(order.currency)}</span></dd>
<dt>Customer</dt><dd id="order-customer">${escapeHtml(customerText)}</dd>
<dt>Status</dt><dd id="order-status">${escapeHtml(order.status)}</dd>
</dl>
<form method="post">
${buttons}
</form>`,
	);
}

export function notFoundHtml(): string {
	return document(
		'Payment link not found',
		'<h1>Payment link not found</h1>\n<p>This payment link does not belong to any order.</p>',
	);
}

function resultHtml(result: PageResult, order: StoredOrder): string {
	if (result.refused !== undefined || !result.outcome) {
		return `<p id="payment-result" data-result="refused" role="alert">The payment was not processed: ${escapeHtml(result.refused ?? '')}</p>`;
	}
	const { key, text } = RESULT_TEXT[result.outcome];
	const { code, description } = GATEWAY.sandboxResults[result.outcome];
	return `<p id="payment-result" data-result="${key}" role="status">${text} (${code} ${escapeHtml(description)}). The order is now ${escapeHtml(order.status)}.</p>`;
}

function document(title: string, body: string): string {
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · BillPro sandbox</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 32rem; color: #222; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .4rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }
button { font-size: 1rem; margin-right: .5rem; padding: .5rem 1rem; }
.note { color: #555; }
#payment-result { padding: .75rem; background: #eef5ee; }
#payment-result[data-result="refused"] { background: #fbeaea; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}
