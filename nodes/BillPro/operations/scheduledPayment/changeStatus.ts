import { paymentTargetFields } from './target';
import type { Operation } from '../../run/operation';
import { updatePayment } from './update';

/** Cancel and Skip: the payment's status set, nothing else. */
export function paymentStatusChange(value: string, status: string): Operation {
	return {
		resource: 'scheduledPayment',
		value,
		method: 'PUT',
		record: 'scheduled payment',
		fields: paymentTargetFields,
		execute: async (item, send) => await updatePayment(item, send, () => ({ status })),
	};
}
