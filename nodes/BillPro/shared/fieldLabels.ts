/**
 * BillPro's field names (as its 422 answers use them) mapped to the node's display names, so an
 * error names the field the user sees. Dotted keys are nested fields.
 */
const LABELS: Record<string, string> = {
	first_name: 'First Name',
	last_name: 'Last Name',
	email: 'Email',
	phone: 'Phone',
	date_of_birth: 'Date of Birth',
	customer_id: 'Customer ID',
	customer: 'Customer',
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

/** "addresses.billing_address.country" → "Billing Address › Country". */
export function fieldLabel(field: string): string {
	const parts = field.split('.').filter((part) => part !== 'addresses' || field === 'addresses');
	return parts.map((part) => LABELS[part] ?? part).join(' › ');
}
