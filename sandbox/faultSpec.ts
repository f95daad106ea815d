/**
 * Checks fault specs (POST /__sandbox/faults and store.faults.add) and fills in their defaults.
 * Errors are keyed like `faults.0.kind`. Fields a kind does not use are refused rather than
 * ignored, so a typo ('retry_after') or a misunderstanding (a status on a reset) fails loudly.
 */
import { ENDPOINTS, type EndpointName } from '../nodes/BillPro/shared/api';
import {
	API_BASE_PATH,
	FAULT_DEFAULTS,
	FAULT_FIELDS,
	FAULT_KINDS,
	FAULT_MESSAGES,
	FAULT_STATUS_RANGE,
	MAX_FAULT_DELAY_MS,
} from './config';
import {
	ErrorCollector,
	UnprocessableError,
	isJsonObject,
	unprocessable,
	type FieldErrors,
} from './http';
import { isEndpointName, type FaultKind, type PendingFault } from './faults';

/** Fields every kind takes. */
const COMMON_FIELDS = ['kind', 'method', 'path', 'times', 'skip'];
const ALL_FIELDS = new Set([...COMMON_FIELDS, ...Object.values(FAULT_FIELDS).flat()]);
const METHODS = ['GET', 'POST', 'PUT'];
/** Header text Node accepts and a client can read: printable ASCII, no CR/LF. */
const HEADER_TEXT = /^[\x20-\x7e]*\S[\x20-\x7e]*$/;

export type CheckedFaults =
	| { ok: true; faults: PendingFault[] }
	| { ok: false; errors: FieldErrors };

/** The control endpoint's body `{"faults": [...]}`; throws UnprocessableError (422). */
export function faultsFromBody(body: unknown): PendingFault[] {
	const list = isJsonObject(body) ? body.faults : undefined;
	if (!Array.isArray(list)) throw unprocessable('faults', FAULT_MESSAGES.notAList);
	const checked = checkFaults(list);
	if (!checked.ok) throw new UnprocessableError(checked.errors);
	return checked.faults;
}

export function checkFaults(list: readonly unknown[]): CheckedFaults {
	const errors = new ErrorCollector();
	const faults = list.map((raw, index) => checkFault(raw, `faults.${index}`, errors));
	const found = errors.all();
	if (Object.keys(found).length > 0) return { ok: false, errors: found };
	return { ok: true, faults: faults as PendingFault[] };
}

function isKind(value: unknown): value is FaultKind {
	return (FAULT_KINDS as readonly unknown[]).includes(value);
}

const isInteger = (value: unknown): value is number =>
	typeof value === 'number' && Number.isInteger(value);

function checkFault(
	raw: unknown,
	prefix: string,
	errors: ErrorCollector,
): PendingFault | undefined {
	if (!isJsonObject(raw)) {
		errors.add(prefix, FAULT_MESSAGES.notAnObject);
		return undefined;
	}
	const kind = isKind(raw.kind) ? raw.kind : undefined;
	if (!kind) errors.add(`${prefix}.kind`, FAULT_MESSAGES.badKind);
	const usedBy = kind && new Set<string>([...COMMON_FIELDS, ...FAULT_FIELDS[kind]]);
	// An in-process `{ status: undefined }` is an absent field, as it would be in JSON.
	const present = (field: string) => raw[field] !== undefined;
	for (const field of Object.keys(raw).filter(present)) {
		if (!ALL_FIELDS.has(field)) errors.add(`${prefix}.${field}`, FAULT_MESSAGES.unknownField);
		else if (usedBy && !usedBy.has(field))
			errors.add(`${prefix}.${field}`, FAULT_MESSAGES.notUsedBy(kind));
	}
	const check = (field: string, valid: boolean, message: string) => {
		if (present(field) && !valid) errors.add(`${prefix}.${field}`, message);
	};
	const { method, path, times, skip, when, status, retryAfter, delayMs, body } = raw;
	check('method', METHODS.includes(method as string), FAULT_MESSAGES.badMethod);
	checkPath(raw, prefix, errors);
	check('times', isInteger(times) && times >= 1, FAULT_MESSAGES.badTimes);
	check('skip', isInteger(skip) && skip >= 0, FAULT_MESSAGES.badSkip);
	check('when', when === 'before' || when === 'after', FAULT_MESSAGES.badWhen);
	check(
		'status',
		isInteger(status) && status >= FAULT_STATUS_RANGE.min && status <= FAULT_STATUS_RANGE.max,
		FAULT_MESSAGES.badStatus,
	);
	check(
		'retryAfter',
		(isInteger(retryAfter) && retryAfter >= 0) ||
			(typeof retryAfter === 'string' && HEADER_TEXT.test(retryAfter)),
		FAULT_MESSAGES.badRetryAfter,
	);
	check(
		'delayMs',
		isInteger(delayMs) && delayMs >= 0 && delayMs <= MAX_FAULT_DELAY_MS,
		FAULT_MESSAGES.badDelay,
	);
	check('body', typeof body === 'string', FAULT_MESSAGES.badBody);
	if (!kind) return undefined;

	// Key order is the Fault interface's, so pending() and GET /__sandbox/faults read alike.
	const fault: Record<string, unknown> = {
		kind,
		method,
		path,
		times: times ?? FAULT_DEFAULTS.times,
		skip,
		when: kind === 'slow' ? undefined : (when ?? FAULT_DEFAULTS.when),
		status,
		retryAfter,
		delayMs,
		body,
	};
	for (const key of Object.keys(fault)) if (fault[key] === undefined) delete fault[key];
	return fault as unknown as PendingFault;
}

function checkPath(raw: Record<string, unknown>, prefix: string, errors: ErrorCollector): void {
	const { path, method } = raw;
	if (path === undefined) return;
	const problem = pathProblem(path);
	if (problem) return errors.add(`${prefix}.path`, problem);
	if (isEndpointName(path as string)) {
		const own = ENDPOINTS[path as EndpointName].method;
		if (method !== undefined && method !== own && METHODS.includes(method as string))
			errors.add(`${prefix}.method`, FAULT_MESSAGES.endpointMethod(own, path as string));
	}
}

/** Why `path` cannot name requests (a Fault's or requestsTo's), or undefined when it can. */
export function pathProblem(path: unknown): string | undefined {
	if (typeof path !== 'string') return FAULT_MESSAGES.badPath;
	if (path === API_BASE_PATH || path.startsWith(`${API_BASE_PATH}/`))
		return FAULT_MESSAGES.prefixedPath;
	if (isEndpointName(path) || /^\/[^?#\s]*$/.test(path)) return undefined;
	return FAULT_MESSAGES.badPath;
}
