import type { IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { ORDER_STATUSES, SCHEDULED_PAYMENT_STATUSES } from '../BillPro/shared/api';
import { isNotSet, SYSTEM_ID_PATTERN } from '../BillPro/shared/validation';

/** Each poll reads every watched order: more than this is refused rather than slow every poll. */
export const MAX_WATCHED_ORDERS = 1_000;

export const EVENT_NAMES = [
	'newCustomer',
	'newOrChangedProduct',
	'orderStatusChanged',
	'scheduledPaymentStatusChanged',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** What the user set, checked before any request. */
export interface TriggerSettings {
	events: EventName[];
	watchedOrders: string[];
	orderStatuses: string[];
	paymentStatuses: string[];
	includeExisting: boolean;
}

function refuse(poll: IPollFunctions, field: string, problem: string, howToFix: string) {
	return new NodeOperationError(poll.getNode(), `'${field}' ${problem}. ${howToFix}`, {
		description: howToFix,
	});
}

/** A list field's values: an array, or text separated by commas, spaces or new lines. */
function valuesOf(value: unknown): unknown[] {
	if (isNotSet(value)) return [];
	if (Array.isArray(value)) return value;
	if (typeof value === 'string') return value.split(/[\s,;]+/).filter((part) => part !== '');
	return [value];
}

function requireChoices<T extends string>(
	poll: IPollFunctions,
	field: string,
	value: unknown,
	allowed: readonly T[],
): T[] {
	const values = valuesOf(value);
	const wrong = values.find((entry) => !allowed.includes(entry as T));
	if (wrong !== undefined) {
		throw refuse(
			poll,
			field,
			`has ${JSON.stringify(wrong)}, which is not one of its options`,
			`Pick from: ${allowed.join(', ')}.`,
		);
	}
	return values as T[];
}

/** The watched orders' system IDs, each once, in the order given. */
function requireWatchedOrders(poll: IPollFunctions, value: unknown): string[] {
	const field = 'Watched Order IDs';
	const ids: string[] = [];
	for (const entry of valuesOf(value)) {
		const id = typeof entry === 'number' ? String(entry) : entry;
		if (
			typeof id !== 'string' ||
			!new RegExp(SYSTEM_ID_PATTERN).test(id) ||
			!Number.isSafeInteger(Number(id))
		) {
			throw refuse(
				poll,
				field,
				`has ${JSON.stringify(entry)}, which is not a BillPro order ID`,
				"Enter orders' system IDs (whole numbers such as 1042), separated by commas, or an expression that gives a list of them.",
			);
		}
		if (!ids.includes(id)) ids.push(id);
	}
	if (ids.length === 0) {
		throw refuse(
			poll,
			field,
			'is empty',
			'The order and scheduled payment events watch the orders listed here: enter their system IDs (such as 1042, 1043), or an expression that gives them. BillPro has no list of orders to watch instead.',
		);
	}
	if (ids.length > MAX_WATCHED_ORDERS) {
		throw refuse(
			poll,
			field,
			`lists ${ids.length} orders, more than ${MAX_WATCHED_ORDERS}`,
			`Every poll reads each watched order: split them over several triggers of at most ${MAX_WATCHED_ORDERS} orders.`,
		);
	}
	return ids;
}

export function triggerSettings(poll: IPollFunctions): TriggerSettings {
	const events = requireChoices(poll, 'Events', poll.getNodeParameter('events', []), EVENT_NAMES);
	if (events.length === 0) {
		throw refuse(poll, 'Events', 'is empty', 'Pick at least one event to start the workflow on.');
	}
	const watchesOrders = events.some((event) => event.endsWith('StatusChanged'));
	const options = (poll.getNodeParameter('options', {}) ?? {}) as { includeExisting?: unknown };
	if (!isNotSet(options.includeExisting) && typeof options.includeExisting !== 'boolean') {
		throw refuse(
			poll,
			'Include Existing Records',
			`must be true or false; got ${JSON.stringify(options.includeExisting)}`,
			'Switch it on or off, or use an expression that gives true or false.',
		);
	}
	return {
		events,
		watchedOrders: watchesOrders
			? requireWatchedOrders(poll, poll.getNodeParameter('watchedOrderIds', ''))
			: [],
		orderStatuses: events.includes('orderStatusChanged')
			? requireChoices(
					poll,
					'Order Statuses',
					poll.getNodeParameter('orderStatuses', []),
					ORDER_STATUSES,
				)
			: [],
		paymentStatuses: events.includes('scheduledPaymentStatusChanged')
			? requireChoices(
					poll,
					'Scheduled Payment Statuses',
					poll.getNodeParameter('scheduledPaymentStatuses', []),
					SCHEDULED_PAYMENT_STATUSES,
				)
			: [],
		includeExisting: options.includeExisting === true,
	};
}
