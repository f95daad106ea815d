/** Customer → Create with each field mapped from the input item: { first, last, mail }. */
export const CREATE_CUSTOMER_FROM_ITEM = {
	resource: 'customer',
	operation: 'create',
	firstName: '={{ $json.first }}',
	lastName: '={{ $json.last }}',
	email: '={{ $json.mail }}',
};
