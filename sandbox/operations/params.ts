/** Path-parameter helpers shared by resources. */
import { MESSAGES } from '../config';
import { unprocessable, type UnprocessableError } from '../http';

/** An unknown id answers 422 {"id":["not found"]}: the docs audit says not-found is 422, not 404. */
export function notFound(): UnprocessableError {
	return unprocessable('id', MESSAGES.notFound);
}

/** A path segment (`{id}` unless `name` says otherwise) as a system id; anything but digits is not found. */
export function systemId(params: Record<string, string>, name = 'id'): number {
	const raw = params[name] ?? '';
	if (!/^\d+$/.test(raw)) throw notFound();
	return Number(raw);
}
