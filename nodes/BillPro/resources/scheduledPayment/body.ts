import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { BODY_ROOT, FIELD, INTERVAL_UNITS, SCHEDULED_PAYMENT_STATUS } from '../../shared/api';
import {
	requireAmount,
	requireFutureUtc,
	requireOneOf,
	requireWholeNumber,
} from '../../shared/validation';

/** BillPro's scheduled-payment update body: {"scheduled_payment": {...}} (api.ts, BODY_ROOT). */
const withBody = (requestOptions: IHttpRequestOptions, fields: Record<string, unknown>) => ({
	...requestOptions,
	body: { [BODY_ROOT.scheduledPayment]: fields },
});

/** A new collection date; status back to scheduled, which is also how a declined payment is retried. */
export async function rescheduleBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return withBody(requestOptions, {
		status: SCHEDULED_PAYMENT_STATUS.scheduled,
		[FIELD.scheduledAt]: requireFutureUtc(
			this,
			'Scheduled At',
			this.getNodeParameter('scheduledAt'),
		),
	});
}

export async function amountBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return withBody(requestOptions, {
		amount: requireAmount(this, 'Amount', this.getNodeParameter('amount')),
	});
}

export async function intervalBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return withBody(requestOptions, {
		scheduled_interval: requireWholeNumber(this, 'Interval', this.getNodeParameter('interval'), 1),
		scheduled_duration_unit: requireOneOf(
			this,
			'Interval Unit',
			this.getNodeParameter('intervalUnit'),
			INTERVAL_UNITS,
		),
	});
}
