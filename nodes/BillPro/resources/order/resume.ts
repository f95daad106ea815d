import type { INodeProperties } from 'n8n-workflow';
import { orderIdField } from '../../shared/descriptions';

export const orderResumeDescription: INodeProperties[] = [
	{ ...orderIdField, displayOptions: { show: { resource: ['order'], operation: ['resume'] } } },
];
