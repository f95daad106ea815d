/**
 * The node:http server. /__sandbox is control.ts, /pay the payment page (paymentPage/). For an
 * /api/v1 request, in this order:
 *   read body (413 if too large) -> bearer token (401) -> route from ENDPOINTS (404, also for a
 *   wrong method) -> profile_id rule (422) -> JSON body (400) -> handler (200 or 422),
 * then log the request, wait latencyMs, and answer JSON.
 * A request that passes the token, route and profile checks may instead meet a queued fault
 * (faults.ts), which decides whether the handler runs and what the answer is (faultAnswer.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import { QUERY } from '../nodes/BillPro/shared/api';
import { apiUserFor, resolveProfile } from './auth';
import { API_BASE_PATH, CONTROL_PREFIX, ERRORS, ORDER_RULES } from './config';
import { handleControl } from './control';
import { answerWithFault } from './faultAnswer';
import { handlePaymentPage } from './paymentPage/handler';
import type { FaultKind } from './faults';
import {
	HttpError,
	UnprocessableError,
	delay,
	parseJsonBody,
	queryObject,
	readRawBody,
	sendJson,
	type ParsedBody,
} from './http';
import { API_ROUTES } from './operations';
import { Router, type RouteMatch } from './router';
import type { SandboxStore } from './store';

export interface ServerOptions {
	/** Delay before every /api/v1 response, in milliseconds. */
	latencyMs: number;
}

interface ApiResult {
	status: number;
	body: unknown;
	authorized: boolean;
}

export function createSandboxServer(store: SandboxStore, options: ServerOptions): Server {
	const router = new Router(API_ROUTES);
	return createServer((req, res) => {
		handleRequest(req, res, store, router, options).catch(() => {
			sendJson(res, 500, { error: ERRORS.internal });
		});
	});
}

function isUnder(path: string, prefix: string): boolean {
	return path === prefix || path.startsWith(`${prefix}/`);
}

async function handleRequest(
	req: IncomingMessage,
	res: ServerResponse,
	store: SandboxStore,
	router: Router,
	options: ServerOptions,
): Promise<void> {
	// Concatenated, not resolved: a path starting with '//' must stay a path, not become a host.
	const url = new URL(`http://sandbox.invalid${req.url ?? '/'}`);
	const path = url.pathname;
	const query = queryObject(url.searchParams);
	if (isUnder(path, CONTROL_PREFIX)) return handleControl(req, res, store, path, query);
	if (isUnder(path, ORDER_RULES.paymentLinkPath)) return handlePaymentPage(req, res, store, path);
	if (!isUnder(path, API_BASE_PATH)) {
		await readRawBody(req).catch(() => '');
		return sendJson(res, 404, { error: ERRORS.notFound });
	}

	const method = req.method ?? 'GET';
	const apiPath = path.slice(API_BASE_PATH.length);
	let body: ParsedBody = { ok: true, value: undefined };
	let admission: Admission;
	try {
		body = parseJsonBody(await readRawBody(req));
		admission = admit(req, apiPath, query, router);
	} catch (error) {
		if (!(error instanceof HttpError)) throw error;
		// Only the body read throws here (413); the token is still reported truthfully.
		const authorized = apiUserFor(req.headers.authorization) !== undefined;
		admission = { refused: { status: error.status, body: { error: error.message }, authorized } };
	}

	const log = (status: number, authorized: boolean, fault?: FaultKind) =>
		store.logRequest({
			method,
			path,
			query,
			profileId: query[QUERY.profileId],
			authorized,
			status,
			body: body.ok ? body.value : undefined,
			...(fault && { fault }),
		});
	if ('refused' in admission) return answer(admission.refused);
	const { admitted } = admission;
	const runHandler = () => run(admitted, query, body, store);
	// Faults only ever meet requests BillPro would act on: a refused token or profile is not one.
	const fault = store.faults.take(method, apiPath, admitted.match.endpoint);
	if (!fault) return answer(runHandler());
	return store.faults.track((aborted) =>
		answerWithFault(fault, res, {
			process: runHandler,
			log: (status) => log(status, true, fault.kind),
			aborted,
			latencyMs: options.latencyMs,
		}),
	);

	async function answer(result: ApiResult): Promise<void> {
		log(result.status, result.authorized);
		await delay(options.latencyMs, res);
		sendJson(res, result.status, result.body);
	}
}

/** A request the API acts on: valid token, a route, an allowed profile. */
interface Admitted {
	match: NonNullable<RouteMatch>;
	profileId: number;
}

type Admission = { admitted: Admitted } | { refused: ApiResult };

/** Token (401), route (404, also for a wrong method), profile_id rule (422), in that order. */
function admit(
	req: IncomingMessage,
	apiPath: string,
	query: Record<string, string>,
	router: Router,
): Admission {
	const user = apiUserFor(req.headers.authorization);
	if (!user)
		return { refused: { status: 401, body: { error: ERRORS.unauthorized }, authorized: false } };
	try {
		const match = router.match(req.method ?? 'GET', apiPath);
		if (!match) throw new HttpError(404, ERRORS.notFound);
		return { admitted: { match, profileId: resolveProfile(user, query[QUERY.profileId]) } };
	} catch (error) {
		return { refused: errorResult(error) };
	}
}

/** The JSON body check (400), then the handler (200 or 422). */
function run(
	{ match, profileId }: Admitted,
	query: Record<string, string>,
	body: ParsedBody,
	store: SandboxStore,
): ApiResult {
	try {
		if (!body.ok) throw new HttpError(400, ERRORS.malformedJson);
		const answer = match.handler({
			store,
			profileId,
			params: match.params,
			query,
			body: body.value,
		});
		return { status: 200, body: answer, authorized: true };
	} catch (error) {
		return errorResult(error);
	}
}

function errorResult(error: unknown): ApiResult {
	if (error instanceof UnprocessableError)
		return { status: 422, body: error.errors, authorized: true };
	if (error instanceof HttpError)
		return { status: error.status, body: { error: error.message }, authorized: true };
	// A sandbox bug: say what broke, it only ever runs locally.
	const detail = error instanceof Error ? error.message : String(error);
	return { status: 500, body: { error: `${ERRORS.internal}: ${detail}` }, authorized: true };
}
