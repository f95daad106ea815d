/**
 * The node:http server. For an /api/v1 request, in this order:
 *   read body (413 if too large) -> bearer token (401) -> route from ENDPOINTS (404, also for a
 *   wrong method) -> profile_id rule (422) -> JSON body (400) -> handler (200 or 422),
 * then log the request, wait latencyMs, and answer JSON.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import { QUERY } from '../../nodes/BillPro/shared/api';
import { apiUserFor, resolveProfile } from './auth';
import { API_BASE_PATH, CONTROL_PREFIX, ERRORS } from './config';
import { handleControl } from './control';
import {
	HttpError,
	UnprocessableError,
	parseJsonBody,
	queryObject,
	readRawBody,
	sendJson,
	type ParsedBody,
} from './http';
import { API_ROUTES } from './resources';
import { Router } from './router';
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
	if (!isUnder(path, API_BASE_PATH)) {
		await readRawBody(req).catch(() => '');
		return sendJson(res, 404, { error: ERRORS.notFound });
	}

	let body: ParsedBody = { ok: true, value: undefined };
	let result: ApiResult;
	try {
		body = parseJsonBody(await readRawBody(req));
		result = apiResponse(req, path.slice(API_BASE_PATH.length), query, body, store, router);
	} catch (error) {
		if (!(error instanceof HttpError)) throw error;
		// Only the body read throws here (413); the token is still reported truthfully.
		const authorized = apiUserFor(req.headers.authorization) !== undefined;
		result = { status: error.status, body: { error: error.message }, authorized };
	}

	store.logRequest({
		method: req.method ?? 'GET',
		path,
		query,
		profileId: query[QUERY.profileId],
		authorized: result.authorized,
		status: result.status,
		body: body.ok ? body.value : undefined,
	});
	if (options.latencyMs > 0) await delay(options.latencyMs, res);
	sendJson(res, result.status, result.body);
}

/** Waits `ms`, or less if the connection closes first (close() must not wait on timers). */
function delay(ms: number, res: ServerResponse): Promise<void> {
	return new Promise((resolve) => {
		const done = () => {
			clearTimeout(timer);
			res.off('close', done);
			resolve();
		};
		const timer = setTimeout(done, ms);
		res.on('close', done);
	});
}

function apiResponse(
	req: IncomingMessage,
	apiPath: string,
	query: Record<string, string>,
	body: ParsedBody,
	store: SandboxStore,
	router: Router,
): ApiResult {
	const user = apiUserFor(req.headers.authorization);
	if (!user) return { status: 401, body: { error: ERRORS.unauthorized }, authorized: false };
	try {
		const match = router.match(req.method ?? 'GET', apiPath);
		if (!match) throw new HttpError(404, ERRORS.notFound);
		const profileId = resolveProfile(user, query[QUERY.profileId]);
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
		if (error instanceof UnprocessableError)
			return { status: 422, body: error.errors, authorized: true };
		if (error instanceof HttpError)
			return { status: error.status, body: { error: error.message }, authorized: true };
		// A sandbox bug: say what broke, it only ever runs locally.
		const detail = error instanceof Error ? error.message : String(error);
		return { status: 500, body: { error: `${ERRORS.internal}: ${detail}` }, authorized: true };
	}
}
