import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DATE_FORMAT, isHttpBaseUrl } from './api';

/**
 * Input that is certainly invalid is refused before any request, with the field's name and
 * what to enter instead. Nothing is trimmed or rewritten silently.
 */
export function invalidInput(
	context: IExecuteSingleFunctions,
	field: string,
	problemWithValue: string,
	howToFix: string,
): NodeOperationError {
	const itemIndex = context.getItemIndex();
	return new NodeOperationError(
		context.getNode(),
		`'${field}' ${problemWithValue} [item ${itemIndex}]`,
		{
			itemIndex,
			description: howToFix,
		},
	);
}

function shown(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** A BillPro system id: a positive whole number (a resource locator's value). */
export function requireSystemId(
	context: IExecuteSingleFunctions,
	field: string,
	value: unknown,
): string {
	const text = typeof value === 'number' ? String(value) : value;
	if (typeof text !== 'string' || !/^[1-9][0-9]*$/.test(text)) {
		throw invalidInput(
			context,
			field,
			`must be a BillPro ID, a whole number such as 42; got '${shown(value)}'`,
			`Pick the ${field.toLowerCase()} from the list, or enter its system ID ('id' in BillPro's answers, not the merchant ${field.toLowerCase()} ID).`,
		);
	}
	return text;
}

/** A required text value: a non-empty string. */
export function requireText(
	context: IExecuteSingleFunctions,
	field: string,
	value: unknown,
): string {
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string' || value.trim() === '') {
		throw invalidInput(
			context,
			field,
			value === '' || value === undefined || value === null
				? 'is empty'
				: `must be text; got ${shown(value)}`,
			`Enter a value for '${field}'. If it comes from an expression, check that the expression gives text.`,
		);
	}
	return value;
}

type TextValidator = (context: IExecuteSingleFunctions, field: string, value: unknown) => string;

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
export function requireBillProDate(
	context: IExecuteSingleFunctions,
	field: string,
	value: unknown,
): string {
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
	context: IExecuteSingleFunctions,
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
	context: IExecuteSingleFunctions,
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

export function requireOneOf<T extends string>(
	context: IExecuteSingleFunctions,
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
 * A future date and time, sent as ISO 8601 in UTC (BillPro schedules billing events in UTC).
 * A value without a time zone, as n8n's date picker gives, is read as UTC.
 */
export function requireFutureUtc(
	context: IExecuteSingleFunctions,
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
			'BillPro collects a rescheduled payment at a future date and time (UTC).',
		);
	}
	return date.toISOString();
}

/** First preSend of every operation: the credential's base URL must be an http(s) URL. */
export async function checkBaseUrl(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	if (!isHttpBaseUrl(requestOptions.baseURL)) {
		throw invalidInput(
			this,
			'Custom URL',
			`of the BillPro credential must start with http:// or https://; got '${shown(requestOptions.baseURL ?? '')}'`,
			'Open the BillPro credential and enter the API base URL, such as https://app.bill.pro/api/v1, or pick an environment.',
		);
	}
	return requestOptions;
}
