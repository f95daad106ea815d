import type { INodeProperties } from 'n8n-workflow';
import { paymentTarget } from './target';

export const scheduledPaymentCancelDescription: INodeProperties[] = paymentTarget('cancel');
