import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INode,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { fieldLabel } from './fieldLabels';

/** BillPro's 422 body: {"field": ["message", ...]} (see api.ts). */
type FieldErrors = Record<string, string[]>;

function fieldErrorsOf(body: unknown): FieldErrors | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const entries = Object.entries(body as IDataObject).filter(
		([, messages]) => Array.isArray(messages) && messages.every((m) => typeof m === 'string'),
	);
	return entries.length ? (Object.fromEntries(entries) as FieldErrors) : undefined;
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
}

function explainFieldErrors(fields: FieldErrors, resource: string): Explanation {
	const [firstField] = Object.keys(fields);
	if (firstField === 'id' && fields.id.some((m) => /not found/i.test(m))) {
		return {
			message: `The ${resource} was not found in BillPro`,
			description: `BillPro has no ${resource} with this ID in the merchant profile used. Check the ID, and the Profile ID in the BillPro credential.`,
		};
	}
	if (firstField === 'status' && Object.keys(fields).length === 1) {
		return {
			message: `BillPro refused: the ${resource} ${fields.status.join(', ')}`,
			description: `This is not possible in the ${resource}'s current status. Check it first (Order → Get, or Scheduled Payment → Get Many): see "Order lifecycle" in the node's README.`,
		};
	}
	if (fields.profile_id) {
		return {
			message: `BillPro needs a valid Profile ID: profile_id ${fields.profile_id.join(', ')}`,
			description:
				"This API user can access several merchant profiles. Set 'Profile ID' in the BillPro credential to one of the IDs listed under Merchants in BillPro's User Details.",
		};
	}
	const parts = Object.entries(fields).map(
		([field, messages]) => `'${fieldLabel(field)}' ${messages.join(', ')}`,
	);
	return {
		message: `BillPro rejected ${parts.join('; ')}`,
		description: `Correct ${
			parts.length === 1 ? 'this field' : 'these fields'
		} and run the node again. BillPro's field names: ${Object.keys(fields).join(', ')}.`,
	};
}

function explain(statusCode: number, body: unknown, resource: string): Explanation {
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
				"Wait a moment and run again, or space the requests out with the batching settings under 'Options'.",
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
 * BillPro said, never the request (so never the token). `context` tells retry.ts what it needs.
 */
export function billProError(
	node: INode,
	response: IN8nHttpFullResponse,
	itemIndex: number,
	resource: string,
	explanation = explain(response.statusCode, response.body, resource),
	extraContext: IDataObject = {},
): NodeApiError {
	const error = new NodeApiError(
		node,
		{ statusCode: response.statusCode, body: bodyText(response.body) } as JsonObject,
		{ ...explanation, httpCode: String(response.statusCode), itemIndex },
	);
	const wait = retryAfterMs(response.headers);
	Object.assign(error.context, extraContext, wait === undefined ? {} : { retryAfterMs: wait });
	return error;
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

// Which record a not-found answer is about: a scheduled payment's list is read through its order.
const RECORD_NAMES: Record<string, string> = {
	customer: 'customer',
	product: 'product',
	order: 'order',
	checkout: 'order',
	scheduledPayment: 'scheduled payment',
};

export function resourceName(context: IExecuteSingleFunctions): string {
	const resource = context.getNodeParameter('resource', '') as string;
	const operation = context.getNodeParameter('operation', '') as string;
	if (resource === 'scheduledPayment' && operation === 'getAll') return 'order';
	return RECORD_NAMES[resource] ?? 'record';
}

/** First postReceive of every operation: requests run with ignoreHttpStatusErrors. */
export async function throwOnErrorResponse(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	if (response.statusCode < 400) return items;
	throw billProError(this.getNode(), response, this.getItemIndex(), resourceName(this));
}
