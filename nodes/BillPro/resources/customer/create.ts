import type { INodeProperties } from 'n8n-workflow';
import { customerDetailFields, customerNameFields } from '../../shared/descriptions';

const show = { resource: ['customer'], operation: ['create'] };

export const customerCreateDescription: INodeProperties[] = [
	...customerNameFields.map((field) => ({ ...field, required: true, displayOptions: { show } })),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: customerDetailFields,
	},
];
