/** Stored scheduled payment -> API response: a fresh copy without the sandbox-only fields. */
import { FIELD } from '../../../nodes/BillPro/shared/api';
import type { ScheduledPaymentResponse, StoredScheduledPayment } from '../../types';

export function formatScheduledPayment(payment: StoredScheduledPayment): ScheduledPaymentResponse {
	return {
		id: payment.id,
		order_id: payment.order_id,
		status: payment.status,
		amount: payment.amount,
		currency: payment.currency,
		[FIELD.scheduledAt]: payment.scheduled_at,
		scheduled_interval: payment.scheduled_interval,
		scheduled_duration_unit: payment.scheduled_duration_unit,
		attempts: payment.attempts,
		created_at: payment.created_at,
		updated_at: payment.updated_at,
	};
}
