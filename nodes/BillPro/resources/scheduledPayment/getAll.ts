import type { INodeProperties } from 'n8n-workflow';
import { orderIdField } from '../../shared/descriptions';
import { getManyFields } from '../../shared/getManyFields';
import { simplifyScheduledPayment } from '../../shared/simplify';

const show = { resource: ['scheduledPayment'], operation: ['getAll'] };

export const scheduledPaymentGetManyDescription: INodeProperties[] = [
	{ ...orderIdField, displayOptions: { show } },
	...getManyFields(show, { simplifier: simplifyScheduledPayment }),
];
