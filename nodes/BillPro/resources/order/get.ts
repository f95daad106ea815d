import type { INodeProperties } from 'n8n-workflow';
import { orderIdField } from '../../shared/descriptions';
import { simplifyField, simplifyOrder } from '../../shared/simplify';

const show = { resource: ['order'], operation: ['get'] };

export const orderGetDescription: INodeProperties[] = [
	{ ...orderIdField, displayOptions: { show } },
	simplifyField(show, simplifyOrder),
];
