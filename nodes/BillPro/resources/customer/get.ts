import type { INodeProperties } from 'n8n-workflow';
import { customerLocator } from '../../shared/descriptions';
import { simplifyCustomer, simplifyField } from '../../shared/simplify';

const show = { resource: ['customer'], operation: ['get'] };

export const customerGetDescription: INodeProperties[] = [
	{ ...customerLocator, displayOptions: { show } },
	simplifyField(show, simplifyCustomer),
];
