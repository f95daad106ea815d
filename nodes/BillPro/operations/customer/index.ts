import type { INodeProperties } from 'n8n-workflow';
import { toolRouting } from '../../run/runOperation';
import type { Operation } from '../../run/operation';
import { fieldsOf } from '../fields';
import { createCustomer } from './create.operation';
import { getCustomer } from './get.operation';
import { getManyCustomers } from './getAll.operation';
import { updateCustomer } from './update.operation';

/** The customer operations, in the order the Operation list shows them. */
export const customerOperations: Operation[] = [
	createCustomer,
	getCustomer,
	getManyCustomers,
	updateCustomer,
];

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
				routing: toolRouting(getCustomer),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many customers',
				description:
					'List customers, optionally only those with a given merchant customer_id, to find their system IDs',
				routing: toolRouting(getManyCustomers),
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a customer',
				description:
					'Update a customer given by its system ID: only the fields given change, and its addresses are kept',
				routing: toolRouting(updateCustomer),
			},
		],
		default: 'getAll',
	},
	...customerOperations.flatMap(fieldsOf),
];
