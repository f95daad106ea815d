/**
 * PUT update a scheduled payment [V: /reference/update-scheduled-payment]:
 * - only `scheduled`, `soft-declined` or `hard-declined` payments change; a `paused` one (or any
 *   payment of a paused order) is refused too ("you should not update it");
 * - `status`: scheduled | skipped | cancelled. `scheduled_at` (ISO 8601 with a zone, in the
 *   future) or `status: scheduled` puts a declined payment back to `scheduled`: a retry;
 * - `amount`: for a subscription also the order's monthly_amount (so every later cycle);
 * - `scheduled_interval` + `scheduled_duration_unit`: subscriptions only, both together; they
 *   become the payment's and the order's interval, so the next cycle is dated with them.
 * A subscription left without an outstanding payment (skipped, cancelled) gets its next cycle; a
 * live instalment order left with nothing to collect is complete.
 */
import { BODY_ROOT, FIELD } from '../../../nodes/BillPro/shared/api';
import { MESSAGES, ORDER_MESSAGES, ORDER_RULES, SETTABLE_PAYMENT_STATUSES } from '../../config';
import { addInterval, isWithinYear, parseIsoDateTime } from '../../dates';
import { ErrorCollector, isJsonObject, unprocessable, type JsonObject } from '../../http';
import { formatCents, type Cents } from '../../money';
import type { HandlerContext } from '../../router';
import type { SandboxStore } from '../../store';
import type {
	ScheduledPaymentResponse,
	ScheduledPaymentStatus,
	ScheduledUnit,
	StoredOrder,
	StoredScheduledPayment,
} from '../../types';
import { findOrder } from '../order/get';
import { isoAt, scheduleNextCycle, settledStatus } from '../order/records';
import { isSent, readAmount, readInteger, readUnit } from '../order/validate';
import { notFound, systemId } from '../params';
import { formatScheduledPayment } from './format';

const UPDATABLE: readonly ScheduledPaymentStatus[] = [
	'scheduled',
	'soft-declined',
	'hard-declined',
];
const DECLINED: readonly ScheduledPaymentStatus[] = ['soft-declined', 'hard-declined'];
const FIELDS = [
	'status',
	FIELD.scheduledAt,
	'amount',
	'scheduled_interval',
	'scheduled_duration_unit',
] as const;

interface Changes {
	status?: ScheduledPaymentStatus;
	scheduledAt?: number;
	amount?: Cents;
	interval?: { count: number; unit: ScheduledUnit };
}

export function updateScheduledPayment(context: HandlerContext): ScheduledPaymentResponse {
	const { store, profileId, params, body } = context;
	const order = findOrder(context, 'orderId');
	const paymentId = systemId(params);
	const current = store.paymentRecords(profileId, order.id).find((p) => p.id === paymentId);
	if (!current) throw notFound();

	const raw = isJsonObject(body) ? body[BODY_ROOT.scheduledPayment] : undefined;
	if (!isJsonObject(raw) || Object.keys(raw).length === 0)
		throw unprocessable(BODY_ROOT.scheduledPayment, MESSAGES.required);
	if (!FIELDS.some((field) => isSent(raw[field])))
		throw unprocessable(BODY_ROOT.scheduledPayment, ORDER_MESSAGES.nothingToUpdate);
	if (current.status === 'paused' || order.status === 'paused')
		throw unprocessable('status', ORDER_MESSAGES.orderPaused);
	if (!UPDATABLE.includes(current.status))
		throw unprocessable('status', ORDER_MESSAGES.paymentLocked(current.status));

	const at = store.now();
	const changes = readChanges(raw, order, current, Date.parse(at));

	const payment: StoredScheduledPayment = { ...current, updated_at: at };
	if (changes.scheduledAt !== undefined) payment.scheduled_at = isoAt(changes.scheduledAt);
	if (changes.status) payment.status = changes.status;
	else if (changes.scheduledAt !== undefined && DECLINED.includes(current.status))
		payment.status = 'scheduled';
	if (changes.amount !== undefined) payment.amount = formatCents(changes.amount);
	if (changes.interval) {
		payment.scheduled_interval = changes.interval.count;
		payment.scheduled_duration_unit = changes.interval.unit;
	}
	store.saveScheduledPayment(payment);

	const updatedOrder = applyToOrder(store, order, changes, at);
	if (payment.status === 'skipped' || payment.status === 'cancelled') {
		scheduleNextCycle(store, updatedOrder, at);
		const status = settledStatus(updatedOrder, store);
		if (status !== updatedOrder.status)
			store.saveOrder({ ...updatedOrder, status, updated_at: at });
	}
	return formatScheduledPayment(payment);
}

function readChanges(
	raw: JsonObject,
	order: StoredOrder,
	payment: StoredScheduledPayment,
	nowMs: number,
): Changes {
	const errors = new ErrorCollector();
	const changes: Changes = {};
	if (isSent(raw.status)) {
		if (typeof raw.status === 'string' && SETTABLE_PAYMENT_STATUSES.includes(raw.status))
			changes.status = raw.status as ScheduledPaymentStatus;
		else errors.add('status', ORDER_MESSAGES.badPaymentStatus);
	}
	const when = raw[FIELD.scheduledAt];
	if (isSent(when)) {
		const ms = typeof when === 'string' ? parseIsoDateTime(when) : undefined;
		if (ms === undefined || !isWithinYear(ms, ORDER_RULES.lastScheduleYear))
			errors.add(FIELD.scheduledAt, ORDER_MESSAGES.badDateTime);
		else if (ms <= nowMs) errors.add(FIELD.scheduledAt, ORDER_MESSAGES.notInFuture);
		else changes.scheduledAt = ms;
	}
	if (isSent(raw.amount)) changes.amount = readAmount(errors, 'amount', raw.amount);

	const intervalSent = isSent(raw.scheduled_interval);
	const unitSent = isSent(raw.scheduled_duration_unit);
	if (intervalSent || unitSent) {
		if (order.order_type !== 'subscription') {
			if (intervalSent) errors.add('scheduled_interval', ORDER_MESSAGES.subscriptionsOnly);
			if (unitSent) errors.add('scheduled_duration_unit', ORDER_MESSAGES.subscriptionsOnly);
		} else {
			const count = intervalSent
				? readInteger(
						errors,
						'scheduled_interval',
						raw.scheduled_interval,
						1,
						ORDER_RULES.maxInteger,
					)
				: undefined;
			const unit = unitSent
				? readUnit(errors, 'scheduled_duration_unit', raw.scheduled_duration_unit)
				: undefined;
			if (!intervalSent)
				errors.add('scheduled_interval', ORDER_MESSAGES.requiredWith('scheduled_duration_unit'));
			if (!unitSent)
				errors.add('scheduled_duration_unit', ORDER_MESSAGES.requiredWith('scheduled_interval'));
			if (count !== undefined && unit !== undefined) {
				const from = changes.scheduledAt ?? Date.parse(payment.scheduled_at);
				if (!isWithinYear(addInterval(from, count, unit), ORDER_RULES.lastScheduleYear))
					errors.add('scheduled_interval', ORDER_MESSAGES.scheduleTooLate);
				else changes.interval = { count, unit };
			}
		}
	}
	errors.throwIfAny();
	return changes;
}

/**
 * A subscription's amount and interval live on the order too [V: "future billing events will be
 * for the new amount"]: the next cycles are scheduled from monthly_amount and the order's interval.
 * (A subscription has one outstanding payment at a time, so no later payment needs re-dating.)
 */
function applyToOrder(
	store: SandboxStore,
	order: StoredOrder,
	changes: Changes,
	at: string,
): StoredOrder {
	if (order.order_type !== 'subscription' || (changes.amount === undefined && !changes.interval))
		return order;
	const updated: StoredOrder = { ...order, updated_at: at };
	if (changes.amount !== undefined) updated.monthly_amount = formatCents(changes.amount);
	if (changes.interval) {
		updated.scheduled_interval = changes.interval.count;
		updated.scheduled_duration_unit = changes.interval.unit;
	}
	store.saveOrder(updated);
	return updated;
}
