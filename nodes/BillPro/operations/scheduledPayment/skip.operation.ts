import { SCHEDULED_PAYMENT_STATUS } from '../../shared/api';
import { paymentStatusChange } from './changeStatus';

export const skipScheduledPayment = paymentStatusChange('skip', SCHEDULED_PAYMENT_STATUS.skipped);
