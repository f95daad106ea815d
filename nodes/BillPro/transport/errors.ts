import type { IDataObject, IN8nHttpFullResponse, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { systemIdFix, systemIdRecordNamed, type SystemIdRecord } from '../shared/systemIds';
import { fieldLabel } from './fieldLabels';

/**
 * BillPro's 422 body: {"field": ["message", ...]} (see api.ts). A Map, as field names are
 * BillPro's text: "constructor" or "__proto__" must not reach an object's inherited keys.
 */
type FieldErrors = ReadonlyMap<string, string[]>;

function fieldErrorsOf(body: unknown): FieldErrors | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const entries = Object.entries(body as IDataObject).filter(
		(entry): entry is [string, string[]] =>
			Array.isArray(entry[1]) && entry[1].every((m) => typeof m === 'string'),
	);
	return entries.length ? new Map(entries) : undefined;
}

/** A field's messages as one phrase; an empty list still gives a whole sentence. */
function saidOf(messages: string[] | undefined, whenNone = 'is invalid'): string {
	const said = (messages ?? []).filter((message) => message.trim() !== '');
	return said.length ? said.join(', ') : whenNone;
}

/** What BillPro said, as short plain text (HTML pages reduced to their text). */
export function bodyText(body: unknown): string {
	let text: string;
	if (body === undefined || body === null || body === '') return '(an empty response)';
	if (Buffer.isBuffer(body)) text = body.toString('utf8');
	else if (typeof body === 'string') text = body;
	else text = JSON.stringify(body);
	text = text
		.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

interface Explanation {
	message: string;
	description: string;
	/** BillPro answered that the record does not exist (422 {"id": ["not found"]}). */
	notFound?: boolean;
}

const saysNotFound = (messages: string[] | undefined) =>
	(messages ?? []).some((message) => /not found/i.test(message));

/** BillPro's fields that name another record by its system id (an order's customer, products). */
const ID_FIELDS: ReadonlyMap<string, SystemIdRecord> = new Map([
	['customer_id', 'customer'],
	['product_id', 'product'],
]);

/**
 * What to do about an ID BillPro does not know, for the message: an AI agent or an MCP client
 * sees the message only, so it says where the right ID is found.
 */
function unknownIdFix(records: Array<SystemIdRecord | undefined>): string {
	const known = [...new Set(records.filter((record) => record !== undefined))];
	return [`Check the ${records.length > 1 ? 'IDs' : 'ID'}.`, ...known.map(systemIdFix)].join(' ');
}

function explainFieldErrors(fields: FieldErrors, resource: string): Explanation {
	const [firstField] = fields.keys();
	if (firstField === 'id' && saysNotFound(fields.get('id'))) {
		return {
			message: `The ${resource} was not found in BillPro. ${unknownIdFix([systemIdRecordNamed(resource)])}`,
			description: `BillPro has no ${resource} with this ID in the merchant profile used. Check the ID, and the Profile ID in the BillPro credential.`,
			notFound: true,
		};
	}
	if (firstField === 'status' && fields.size === 1) {
		const said = saidOf(fields.get('status'), 'is not in a status that allows this');
		return {
			message: `BillPro refused: the ${resource} ${said}`,
			description: `This is not possible in the ${resource}'s current status. Check it first (Order → Get, or Scheduled Payment → Get Many): see "Order lifecycle" in the node's README.`,
		};
	}
	if (fields.has('profile_id')) {
		return {
			message: `BillPro needs a valid Profile ID: profile_id ${saidOf(fields.get('profile_id'))}`,
			description:
				"This API user can access several merchant profiles. Set 'Profile ID' in the BillPro credential to one of the IDs listed under Merchants in BillPro's User Details.",
		};
	}
	const parts = [...fields].map(
		([field, messages]) => `'${fieldLabel(field)}' ${saidOf(messages)}`,
	);
	const unknownIds = [...fields]
		.filter(([, messages]) => saysNotFound(messages))
		.map(([field]) => ID_FIELDS.get(field.split('.').pop() ?? ''))
		.filter((record) => record !== undefined);
	return {
		message: `BillPro rejected ${parts.join('; ')}${unknownIds.length ? `. ${unknownIdFix(unknownIds)}` : ''}`,
		description: `Correct ${
			parts.length === 1 ? 'this field' : 'these fields'
		}, then send the item again: BillPro refused it and changed nothing. BillPro's field names: ${[...fields.keys()].join(', ')}.`,
	};
}

/** Where a redirect pointed, without what could carry a secret (user info, query). */
function redirectTarget(headers: IN8nHttpFullResponse['headers']): string {
	const location = headers?.location;
	if (typeof location !== 'string' || location === '') return 'another address';
	try {
		const url = new URL(location);
		return `${url.protocol}//${url.host}${url.pathname}`;
	} catch {
		return 'another address';
	}
}

/**
 * The node never follows a redirect (policy.ts), so a 3xx reaches here. Nothing was done
 * by BillPro: a redirect answers instead of the API. The likely cause is an http:// Custom URL
 * that a server sends on to https://.
 */
function explainRedirect(response: IN8nHttpFullResponse): Explanation {
	const target = redirectTarget(response.headers);
	return {
		message: `BillPro's address redirected the request to ${target} (HTTP ${response.statusCode}); set the credential's Custom URL to the API's own address, e.g. the https:// one`,
		description: `The node does not follow redirects: they could carry the API token to another server, or turn a create into a read. The request was not processed. Open the BillPro credential and enter the address the API answers at directly (the redirect pointed to ${target}).`,
	};
}

/** An answer that is not a success: every status from 300 on (redirects are not followed). */
export function isFailedAnswer(response: IN8nHttpFullResponse): boolean {
	return response.statusCode >= 300;
}

function explain(response: IN8nHttpFullResponse, resource: string): Explanation {
	const { statusCode, body } = response;
	if (statusCode >= 300 && statusCode < 400) return explainRedirect(response);
	const said = `BillPro said: ${bodyText(body)}`;
	if (statusCode === 401) {
		return {
			message: 'BillPro did not accept the API token (HTTP 401)',
			description:
				"Copy the Api Token again from BillPro's User Details (Users → eye icon) into the BillPro credential. The user needs 'Api Access'.",
		};
	}
	if (statusCode === 403) {
		return {
			message: 'BillPro refused access (HTTP 403)',
			description: `The API user needs the admin_user role with 'Api Access' and access to this merchant profile. ${said}`,
		};
	}
	if (statusCode === 404) {
		return {
			message: 'BillPro has no API endpoint at this address (HTTP 404)',
			description: `Check the environment or Custom URL in the BillPro credential: it should end in /api/v1. ${said}`,
		};
	}
	if (statusCode === 422) {
		const fields = fieldErrorsOf(body);
		if (fields) return explainFieldErrors(fields, resource);
	}
	if (statusCode === 429) {
		return {
			message: 'BillPro is limiting the request rate (HTTP 429)',
			description:
				"Wait a moment before sending again, or space the requests out with the batching settings under 'Options'.",
		};
	}
	if (statusCode >= 500) {
		return {
			message: `BillPro could not process the request (HTTP ${statusCode})`,
			description: `BillPro's servers did not complete the request; try again in a few minutes. ${said}`,
		};
	}
	return {
		message: `BillPro refused the request (HTTP ${statusCode})`,
		description: said,
	};
}

/** Retry-After in milliseconds: delta seconds or an HTTP date. */
function retryAfterMs(headers: IN8nHttpFullResponse['headers']): number | undefined {
	const value = headers?.['retry-after'];
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(value).trim();
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * A NodeApiError that says what happened and how to fix it. It carries the status and what
 * BillPro said, never the request (so never the token). `context` tells retries.ts what it needs.
 */
export function billProError(
	node: INode,
	response: IN8nHttpFullResponse,
	itemIndex: number,
	resource: string,
	explanation = explain(response, resource),
	extraContext: IDataObject = {},
): NodeApiError {
	const { notFound, ...shown } = explanation;
	const error = new NodeApiError(
		node,
		{ statusCode: response.statusCode, body: bodyText(response.body) } as JsonObject,
		{ ...shown, httpCode: String(response.statusCode), itemIndex },
	);
	const wait = retryAfterMs(response.headers);
	Object.assign(
		error.context,
		extraContext,
		notFound ? { notFound: true } : {},
		wait === undefined ? {} : { retryAfterMs: wait },
	);
	return error;
}

/** Whether BillPro answered that the record asked for does not exist (see billProError). */
export function isNotFound(error: unknown): boolean {
	const { context } = (error ?? {}) as { context?: IDataObject };
	return context?.notFound === true;
}

/** An answer that is not JSON: a proxy's page, a cut-off body. Reads may retry it. */
export function notJsonError(
	node: INode,
	response: IN8nHttpFullResponse,
	itemIndex: number,
): NodeApiError {
	return billProError(
		node,
		response,
		itemIndex,
		'record',
		{
			message: `BillPro answered with something other than JSON (HTTP ${response.statusCode})`,
			description: `Check that the base URL in the BillPro credential points at the API (it ends in /api/v1). BillPro said: ${bodyText(response.body)}`,
		},
		{ notJson: true },
	);
}

/** What a success answers (api.ts `answers`): a JSON array of records, or one JSON object. */
export type AnswerShape = 'list' | 'record';

function shapeOf(body: unknown): string {
	if (Array.isArray(body)) {
		if (body.length === 0) return 'an empty list';
		if (body.some((entry) => !entry || typeof entry !== 'object' || Array.isArray(entry))) {
			return 'a list of values that are not all records';
		}
		return body.length === 1 ? 'a list of 1 record' : `a list of ${body.length} records`;
	}
	return body && typeof body === 'object' ? 'a single JSON object' : `a JSON ${typeof body}`;
}

/**
 * JSON of the wrong shape: not a list of records for a list, a list for one record. Asking again
 * gets the same answer, so it is not retried (no `notJson`); a write may have been carried out.
 */
export function wrongShapeError(
	node: INode,
	response: IN8nHttpFullResponse,
	itemIndex: number,
	expected: AnswerShape,
	method: string,
	record: string,
): NodeApiError {
	const got = shapeOf(response.body);
	const check = `Check that the base URL in the BillPro credential points at the BillPro API (it ends in /api/v1), not at a proxy or another service; if it does, BillPro's answers may have changed (see "List response" in the package's docs/assumptions.md). BillPro said: ${bodyText(response.body)}`;
	const acted =
		method === 'GET'
			? ''
			: ` BillPro may have carried out this ${method}, so the node did not send it again, and n8n's retries do not either. Check the ${record} in BillPro before sending this item again, so nothing is done twice.`;
	const explanation =
		expected === 'list'
			? {
					message: `BillPro answered a list request with something other than a list (HTTP ${response.statusCode})`,
					description: `The node expected a JSON array of records and got ${got}. ${check}`,
				}
			: {
					message: `BillPro answered with ${got} where one ${record} was expected (HTTP ${response.statusCode})`,
					description: `The node expected one JSON object, the ${record}, so it cannot tell which ${record} this is.${acted} ${check}`,
				};
	return billProError(node, response, itemIndex, record, explanation);
}
