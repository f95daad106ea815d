import type { INodeProperties } from 'n8n-workflow';
import {
	customerDetailFields,
	customerLocator,
	customerNameFields,
} from '../../shared/descriptions';

const show = { resource: ['customer'], operation: ['update'] };

export const customerUpdateDescription: INodeProperties[] = [
	{ ...customerLocator, displayOptions: { show } },
	{
		displayName: 'Addresses',
		name: 'addressHandling',
		type: 'options',
		displayOptions: { show },
		options: [
			{
				name: 'Keep Existing Addresses',
				value: 'keep',
				description:
					'Read the customer first and send its addresses again; an address set below replaces the one of its type',
			},
			{
				name: 'Replace All Addresses',
				value: 'replace',
				description:
					'Send only the addresses set below: BillPro removes every other address of the customer',
			},
		],
		default: 'keep',
		description: 'BillPro removes every address that an update does not send',
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [...customerNameFields, ...customerDetailFields].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	},
];
