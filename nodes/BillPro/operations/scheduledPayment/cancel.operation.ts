import { SCHEDULED_PAYMENT_STATUS } from '../../shared/api';
import { paymentStatusChange } from './changeStatus';

export const cancelScheduledPayment = paymentStatusChange(
	'cancel',
	SCHEDULED_PAYMENT_STATUS.cancelled,
);
