import type { INodeProperties } from 'n8n-workflow';
import { productLocator } from '../../shared/descriptions';
import { simplifyField, simplifyProduct } from '../../shared/simplify';

const show = { resource: ['product'], operation: ['get'] };

export const productGetDescription: INodeProperties[] = [
	{ ...productLocator, displayOptions: { show } },
	simplifyField(show, simplifyProduct),
];
