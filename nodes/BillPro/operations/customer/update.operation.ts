import type { IDataObject } from 'n8n-workflow';
import { ADDRESS_HANDLING, addressesForUpdate, customerDetails } from './customerBody';
import {
	customerDetailFields,
	customerLocator,
	customerNameFields,
} from '../../shared/descriptions';
import { invalidInput, requireCollection, requireOneOf } from '../../shared/validation';
import type { Operation } from '../../run/operation';
import { customerIdOf } from '../recordIds';

/**
 * Customer → Update. BillPro removes every address an update does not send, so by default the
 * customer is read first and its addresses are sent again (an address set here replaces the one
 * of its type).
 */
export const updateCustomer: Operation = {
	resource: 'customer',
	value: 'update',
	method: 'PUT',
	record: 'customer',
	fields: [
		customerLocator,
		{
			displayName: 'Addresses',
			name: 'addressHandling',
			type: 'options',
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
			options: [...customerNameFields, ...customerDetailFields].sort((a, b) =>
				a.displayName.localeCompare(b.displayName),
			),
		},
	],
	async execute(item, send) {
		const id = customerIdOf(item);
		// Checked first: any value but 'keep' would send the update without the current addresses.
		const addressHandling = requireOneOf(
			item,
			'Addresses',
			item.getNodeParameter('addressHandling', 'keep'),
			ADDRESS_HANDLING,
		);
		const customer = customerDetails(
			item,
			requireCollection(item, 'Update Fields', item.getNodeParameter('updateFields', {})),
		);
		if (addressHandling === 'keep') {
			if (!Object.keys(customer).length) {
				throw invalidInput(
					item,
					'Update Fields',
					'is empty: there is nothing to update',
					"Add at least one field under 'Update Fields'. To remove addresses, set 'Addresses' to 'Replace All Addresses'.",
				);
			}
			const current = (await send('getCustomer', { id, resource: 'customer' })) as IDataObject;
			const addresses = {
				...addressesForUpdate(current),
				...((customer.addresses as IDataObject | undefined) ?? {}),
			};
			if (Object.keys(addresses).length) customer.addresses = addresses;
		}
		return [
			(await send('updateCustomer', {
				id,
				body: { customer },
				resource: 'customer',
			})) as IDataObject,
		];
	},
};
