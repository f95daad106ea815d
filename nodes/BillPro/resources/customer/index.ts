import type { INodeProperties } from 'n8n-workflow';
import { createCustomer } from '../../operations/customer/create.operation';
import { fieldsOf } from '../../operations/operation';
import { operationRouting } from '../../request/routing';
import { toolRouting } from '../../request/runOperation';
import { updateCustomerBody } from './body';
import { customerGetDescription } from './get';
import { customerGetManyDescription } from './getAll';
import { customerUpdateDescription } from './update';

export const customerDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a customer',
				description:
					'Create a customer from first name, last name and email, plus optional phone, date of birth as DD/MM/YYYY, organisation and addresses',
				routing: toolRouting(createCustomer),
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a customer',
				description:
					'Get a customer by its BillPro system ID (a whole number), not by its merchant customer_id',
				routing: operationRouting('getCustomer', { pathParameters: { id: 'customer' } }),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many customers',
				description:
					'List customers, optionally only those with a given merchant customer_id, to find their system IDs',
				routing: operationRouting('listCustomers'),
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a customer',
				description:
					'Update a customer given by its system ID: only the fields given change, and its addresses are kept',
				routing: operationRouting('updateCustomer', {
					pathParameters: { id: 'customer' },
					preSend: [updateCustomerBody],
				}),
			},
		],
		default: 'getAll',
	},
	...fieldsOf(createCustomer),
	...customerGetDescription,
	...customerGetManyDescription,
	...customerUpdateDescription,
];
