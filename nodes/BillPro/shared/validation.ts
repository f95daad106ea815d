import type { IDataObject } from 'n8n-workflow';
import type { ItemContext } from './itemContext';
import { NodeOperationError } from 'n8n-workflow';
import { DATE_FORMAT } from './api';
import { SYSTEM_ID_SOURCES, systemIdFix, type SystemIdRecord } from './systemIds';

/**
 * Input that is certainly invalid is refused before any request, with the field's name and
 * what to enter instead. Nothing is trimmed or rewritten silently. The fix is in the message
 * too: an AI agent, an execution list or an error workflow shows only the message.
 */
export function invalidInput(
	context: ItemContext,
	field: string,
	problemWithValue: string,
	howToFix: string,
): NodeOperationError {
	const itemIndex = context.getItemIndex();
	return new NodeOperationError(
		context.getNode(),
		`'${field}' ${problemWithValue} [item ${itemIndex}]. ${howToFix}`,
		{
			itemIndex,
			description: howToFix,
		},
	);
}

/** Whether an optional field's value means "not set": the same for undefined, null and ''. */
export function isNotSet(value: unknown): value is undefined | null | '' {
	return value === undefined || value === null || value === '';
}

/** JSON of any value; a value JSON cannot show (a cycle, a BigInt, a function) as text. */
function asJson(value: unknown): string {
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return String(value);
	}
}

/** The value as an error quotes it: never a crash, never '[object Object]' or 'undefined'. */
function shown(value: unknown): string {
	if (isNotSet(value)) return '(empty)';
	const text = typeof value === 'string' ? value : asJson(value);
	return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/**
 * A BillPro system id: a positive whole number, the record's `id` (not a merchant ID). The one
 * definition: the locators' By ID mode, the list searches and every check use it.
 */
export const SYSTEM_ID_PATTERN = '^[1-9][0-9]*$';

/** A BillPro system id (a resource locator's value), also checked to be exact as a JSON number. */
export function requireSystemId(
	context: ItemContext,
	field: string,
	value: unknown,
	record: SystemIdRecord,
): string {
	const text = typeof value === 'number' ? String(value) : value;
	if (isNotSet(text) || (typeof text === 'string' && text.trim() === '')) {
		throw invalidInput(
			context,
			field,
			`is empty; it needs the ${SYSTEM_ID_SOURCES[record].noun}'s BillPro system ID`,
			systemIdFix(record),
		);
	}
	if (typeof text !== 'string' || !new RegExp(SYSTEM_ID_PATTERN).test(text)) {
		throw invalidInput(
			context,
			field,
			`must be a BillPro ID, a whole number such as 42; got '${shown(value)}'`,
			systemIdFix(record),
		);
	}
	// A JSON number beyond this cannot carry the ID exactly: it would name another record.
	if (!Number.isSafeInteger(Number(text))) {
		throw invalidInput(
			context,
			field,
			`is too large for a BillPro ID (at most ${Number.MAX_SAFE_INTEGER}); got '${shown(value)}'`,
			`It is not a system ID, perhaps another number or a merchant ID. ${systemIdFix(record)}`,
		);
	}
	return text;
}

/** A system id for a JSON body: exact as a number, since requireSystemId refuses unsafe ones. */
export function requireSystemIdNumber(
	context: ItemContext,
	field: string,
	value: unknown,
	record: SystemIdRecord,
): number {
	return Number(requireSystemId(context, field, value, record));
}

/**
 * A Get Many filter that is set: text or a number (sent as text). Not set, BillPro would answer
 * every record, so an empty value, or one that is not text, is refused rather than dropped.
 */
export function requireFilterValue(context: ItemContext, field: string, value: unknown): string {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'string' && value.trim() !== '') return value;
	const blank = isNotSet(value) || typeof value === 'string';
	throw invalidInput(
		context,
		field,
		blank ? 'is empty' : `must be text or a number; got '${shown(value)}'`,
		`An empty filter would list every record. Remove the filter '${field}' to list them all, or map a value to it${blank ? ' (check that the expression finds the field in the input item)' : ''}.`,
	);
}

/**
 * A required text value: a non-empty string. A number is refused too (a mapping that gives a
 * number where text is meant is usually the wrong field); amounts and IDs have their own checks.
 */
export function requireText(context: ItemContext, field: string, value: unknown): string {
	if (typeof value !== 'string' || value.trim() === '') {
		throw invalidInput(
			context,
			field,
			isNotSet(value) || typeof value === 'string'
				? 'is empty'
				: `must be text; got ${shown(value)}`,
			`Enter a value for '${field}'. If it comes from an expression, check that the expression gives text (wrap a number in String()).`,
		);
	}
	return value;
}

type TextValidator = (context: ItemContext, field: string, value: unknown) => string;

/** A required text that must match `pattern`; the error quotes what was entered. */
function textMatching(pattern: RegExp, problem: string, howToFix: string): TextValidator {
	return (context, field, value) => {
		const text = requireText(context, field, value);
		if (!pattern.test(text)) {
			throw invalidInput(context, field, `${problem}; got '${shown(text)}'`, howToFix);
		}
		return text;
	};
}

export const requireEmail = textMatching(
	/^[^\s@]+@[^\s@]+\.[^\s@]+$/,
	'is not an email address',
	'Enter an address such as nathan@example.com.',
);

export const requireCountryCode = textMatching(
	/^[A-Z]{2}$/,
	'must be a two-letter ISO 3166 country code in capitals',
	'Enter a code such as GB, IE or ES.',
);

export const requireCurrency = textMatching(
	/^[A-Z]{3}$/,
	'must be a three-letter ISO 4217 currency code in capitals',
	"Enter the product's currency, such as GBP or EUR.",
);

export const requireHttpUrl = textMatching(
	/^https?:\/\/[^\s/]+\S*$/i,
	'must be an http(s) URL',
	'Enter a full address such as https://example.com/thanks.',
);

function isRealDate(day: number, month: number, year: number): boolean {
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

/**
 * BillPro takes dates as DD/MM/YYYY. A YYYY-MM-DD date (what n8n's date fields and ISO
 * timestamps give) is the same day written the other way, so it is converted, not refused.
 */
export function requireBillProDate(context: ItemContext, field: string, value: unknown): string {
	const text = requireText(context, field, value).trim();
	const dmy = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
	const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
	const [day, month, year] = dmy ? [dmy[1], dmy[2], dmy[3]] : iso ? [iso[3], iso[2], iso[1]] : [];
	if (!day || !isRealDate(Number(day), Number(month), Number(year))) {
		throw invalidInput(
			context,
			field,
			`is not a date in the form ${DATE_FORMAT}: '${shown(text)}'`,
			`Enter a real date such as 31/12/1990 (${DATE_FORMAT}) or 1990-12-31.`,
		);
	}
	return `${day}/${month}/${year}`;
}

/**
 * An amount as BillPro takes it: a number or a numeric string, at least 0, at most 2 decimals.
 * It is returned as given (string stays string, number stays number).
 */
export function requireAmount(
	context: ItemContext,
	field: string,
	value: unknown,
): string | number {
	const text = typeof value === 'number' ? String(value) : value;
	if (
		(typeof value !== 'number' && typeof value !== 'string') ||
		(typeof value === 'number' && !Number.isFinite(value)) ||
		!/^\d+(\.\d{1,2})?$/.test(String(text).trim())
	) {
		throw invalidInput(
			context,
			field,
			`must be an amount of 0 or more with at most 2 decimals; got '${shown(value)}'`,
			'Enter an amount such as 20 or 19.99, without a currency sign.',
		);
	}
	return value as string | number;
}

/** A whole number of at least `min`, typed as a number or a numeric string. */
export function requireWholeNumber(
	context: ItemContext,
	field: string,
	value: unknown,
	min: number,
): number {
	const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min) {
		throw invalidInput(
			context,
			field,
			`must be a whole number of at least ${min}; got '${shown(value)}'`,
			`Enter a whole number such as ${min + 1}.`,
		);
	}
	return number;
}

/**
 * An options field: only one of its values. Anything else (also an expression giving nothing)
 * is refused, never read as a default: a default picked for a wrong value can lose data.
 */
export function requireOneOf<T extends string>(
	context: ItemContext,
	field: string,
	value: unknown,
	allowed: readonly T[],
): T {
	if (typeof value !== 'string' || !allowed.includes(value as T)) {
		throw invalidInput(
			context,
			field,
			`must be one of ${allowed.join(', ')}; got '${shown(value)}'`,
			`Choose one of ${allowed.join(', ')}.`,
		);
	}
	return value as T;
}

/**
 * A collection or fixedCollection: its fields as an object; not set is no fields. n8n hands a
 * collection over as an object; this guard keeps anything else from crashing a body builder.
 */
export function requireCollection(
	context: ItemContext,
	field: string,
	value: unknown,
): IDataObject {
	if (isNotSet(value)) return {};
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw invalidInput(
			context,
			field,
			`must be a set of fields; got '${shown(value)}'`,
			`Add the fields under '${field}' one by one, not as one expression.`,
		);
	}
	return value as IDataObject;
}

/** A boolean field: only true or false; an object, a list or 'yes' is not taken as true. */
export function requireBoolean(context: ItemContext, field: string, value: unknown): boolean {
	if (typeof value !== 'boolean') {
		throw invalidInput(
			context,
			field,
			`must be true or false; got '${shown(value)}'`,
			`Set '${field}' to true or false; if it comes from an expression, check that it gives a boolean.`,
		);
	}
	return value;
}

/** A boolean in a collection: not set (undefined, null, '') stays unset, else only a boolean. */
export function optionalBoolean(
	context: ItemContext,
	field: string,
	value: unknown,
): boolean | undefined {
	return isNotSet(value) ? undefined : requireBoolean(context, field, value);
}

/**
 * A future date and time, sent as ISO 8601 in UTC (BillPro schedules billing events in UTC).
 * A value without a time zone, as n8n's date picker gives, is read as UTC.
 */
export function requireFutureUtc(
	context: ItemContext,
	field: string,
	value: unknown,
	now = Date.now(),
): string {
	const text = requireText(context, field, value).trim();
	const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
	const date = new Date(/^\d{4}-\d{2}-\d{2}T/.test(text) && !hasZone ? `${text}Z` : text);
	if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(date.getTime())) {
		throw invalidInput(
			context,
			field,
			`is not a date and time: '${shown(text)}'`,
			'Enter a date and time such as 2030-01-31T09:00:00Z (UTC).',
		);
	}
	if (date.getTime() <= now) {
		throw invalidInput(
			context,
			field,
			`must be in the future; got ${date.toISOString()}`,
			'Enter a later date and time (UTC): BillPro collects a rescheduled payment in the future.',
		);
	}
	return date.toISOString();
}
