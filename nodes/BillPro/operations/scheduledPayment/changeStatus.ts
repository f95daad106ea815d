import { paymentTargetFields, updatePayment } from './paymentUpdate';
import type { Operation } from '../../run/operation';

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
