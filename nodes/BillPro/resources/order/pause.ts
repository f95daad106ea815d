import type { INodeProperties } from 'n8n-workflow';
import { orderIdField } from '../../shared/descriptions';

export const orderPauseDescription: INodeProperties[] = [
	{ ...orderIdField, displayOptions: { show: { resource: ['order'], operation: ['pause'] } } },
];
