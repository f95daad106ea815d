/** Path-parameter helpers shared by resources. */
import { MESSAGES } from '../config';
import { unprocessable, type UnprocessableError } from '../http';

/** An unknown id answers 422 {"id":["not found"]}: the docs audit says not-found is 422, not 404. */
export function notFound(): UnprocessableError {
	return unprocessable('id', MESSAGES.notFound);
}

/** The `{id}` segment as a system id; anything but digits is simply not found. */
export function systemId(params: Record<string, string>): number {
	const raw = params.id ?? '';
	if (!/^\d+$/.test(raw)) throw notFound();
	return Number(raw);
}
