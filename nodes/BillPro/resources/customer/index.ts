import type { INodeProperties } from 'n8n-workflow';
import { operationRouting } from '../../shared/routing';
import { createCustomerBody, updateCustomerBody } from './body';
import { customerCreateDescription } from './create';
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
				description: 'Create a customer, with organisation and addresses if given',
				routing: operationRouting('createCustomer', { preSend: [createCustomerBody] }),
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a customer',
				description: 'Get a customer by its ID',
				routing: operationRouting('getCustomer', { pathParameters: { id: 'customer' } }),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many customers',
				description: 'List customers, optionally by merchant customer ID',
				routing: operationRouting('listCustomers'),
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a customer',
				description: 'Update a customer without losing its addresses',
				routing: operationRouting('updateCustomer', {
					pathParameters: { id: 'customer' },
					preSend: [updateCustomerBody],
				}),
			},
		],
		default: 'getAll',
	},
	...customerCreateDescription,
	...customerGetDescription,
	...customerGetManyDescription,
	...customerUpdateDescription,
];
