/**
 * BillPro's field names (as its 422 answers use them) mapped to the node's display names, so an
 * error names the field the user sees. Dotted keys are nested fields.
 */
const LABEL_TABLE: Record<string, string> = {
	first_name: 'First Name',
	last_name: 'Last Name',
	email: 'Email',
	phone: 'Phone',
	date_of_birth: 'Date of Birth',
	// In an order, customer_id is the customer's system ID (the node never sends a merchant one).
	customer_id: 'Customer',
	customer: 'Customer',
	order: 'Order',
	currency: 'Currency',
	invoice_id: 'Invoice ID',
	note: 'Note',
	order_products: 'Products',
	qty: 'Quantity',
	amount: 'Amount',
	discount_amount: 'Discount Amount',
	fee_amount: 'Fee Amount',
	initial_amount: 'Initial Amount',
	split_number: 'Number of Payments',
	scheduled_interval: 'Interval',
	scheduled_unit: 'Interval Unit',
	scheduled_duration_unit: 'Interval Unit',
	start_date: 'Start Date',
	scheduled_at: 'Scheduled At',
	scheduled_payment: 'Scheduled Payment',
	status: 'Status',
	redirect_url: 'Redirect URL',
	failed_redirect_url: 'Failed Redirect URL',
	create_checkout: 'Create Checkout',
	checkout: 'Checkout',
	organisation: 'Organisation',
	name: 'Name',
	registration_number: 'Registration Number',
	web_url: 'Website URL',
	vat: 'VAT Number',
	description: 'Description',
	addresses: 'Addresses',
	billing_address: 'Billing Address',
	shipping_address: 'Shipping Address',
	street: 'Street',
	city: 'City',
	state: 'State',
	country: 'Country',
	postal_code: 'Postal Code',
	page: 'Page',
	product_id: 'Product ID',
	id: 'ID',
};

// Looked up as a Map: a plain object would also "know" constructor, toString or __proto__.
const LABELS: ReadonlyMap<string, string> = new Map(Object.entries(LABEL_TABLE));

/**
 * "addresses.billing_address.country" → "Billing Address › Country";
 * "order_products.0.amount" → "Products › 1 › Amount" (list positions count from 1, as shown).
 * A name with no label (also "constructor" or "__proto__": a Map has no inherited keys) is shown
 * as BillPro spelt it.
 */
export function fieldLabel(field: string): string {
	const parts = field.split('.').filter((part) => part !== 'addresses' || field === 'addresses');
	return parts
		.map((part) => (/^\d+$/.test(part) ? String(Number(part) + 1) : (LABELS.get(part) ?? part)))
		.join(' › ');
}
