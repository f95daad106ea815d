import type { ILoadOptionsFunctions, NodeApiError } from 'n8n-workflow';
import type { ItemContext } from '../shared/itemContext';
import { CREDENTIAL_TYPE } from './policy';

/**
 * No secret of the credential leaves the node in an error: BillPro's (or a proxy's) error body
 * can echo the request headers, and the node quotes bodies in its messages. Every error of a
 * request passes here (retries.ts) before it reaches n8n: execution data, Continue On Fail items
 * and an AI agent all see the redacted text.
 */
const REDACTED = '[redacted]';

/** The credential's secret values: its password fields (the API token). */
export async function secretsOf(context: ItemContext | ILoadOptionsFunctions): Promise<string[]> {
	try {
		const credentials = await context.getCredentials(CREDENTIAL_TYPE);
		return [credentials.apiToken]
			.filter((value): value is string => typeof value === 'string')
			.map((value) => value.trim())
			.filter((value) => value.length >= 4);
	} catch {
		return [];
	}
}

/** `text` with each secret, and anything sent as a Bearer token or Basic credentials, removed. */
export function redactText(text: string, secrets: readonly string[]): string {
	let redacted = text.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`);
	for (const secret of secrets) redacted = redacted.split(secret).join(REDACTED);
	return redacted;
}

function redactValue(value: unknown, secrets: readonly string[]): unknown {
	if (typeof value === 'string') return redactText(value, secrets);
	if (Array.isArray(value)) return value.map((entry) => redactValue(entry, secrets));
	if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
		return Object.fromEntries(
			Object.entries(value).map(([key, entry]) => [key, redactValue(entry, secrets)]),
		);
	}
	return value;
}

/** The error with its message, description, context and quoted answer redacted. */
export function redactSecrets<E extends NodeApiError>(error: E, secrets: readonly string[]): E {
	error.message = redactText(error.message, secrets);
	if (typeof error.description === 'string') {
		error.description = redactText(error.description, secrets);
	}
	error.context = redactValue(error.context, secrets) as E['context'];
	const withCause = error as { cause?: unknown; errorResponse?: unknown };
	if (withCause.cause !== undefined) withCause.cause = redactValue(withCause.cause, secrets);
	if (withCause.errorResponse !== undefined) {
		withCause.errorResponse = redactValue(withCause.errorResponse, secrets);
	}
	return error;
}
