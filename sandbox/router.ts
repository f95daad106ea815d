/**
 * Routes come from ENDPOINTS in nodes/BillPro/shared/api.ts: a resource names an endpoint and
 * gives its handler; method and path are read from the table, so a corrected path there moves
 * the sandbox too.
 */
import { ENDPOINTS, type EndpointName } from '../nodes/BillPro/shared/api';
import type { SandboxStore } from './store';

export interface HandlerContext {
	store: SandboxStore;
	/** The resolved merchant profile; every read and write is scoped to it. */
	profileId: number;
	/** Path parameters by name, e.g. { id: '42' } for '/customers/{id}' (URL-decoded). */
	params: Record<string, string>;
	query: Record<string, string>;
	/** Parsed JSON body, undefined when empty. */
	body: unknown;
}

/** Returns the 200 body; throws UnprocessableError / HttpError for failures. */
export type Handler = (ctx: HandlerContext) => unknown;

export interface RouteDefinition {
	endpoint: EndpointName;
	handler: Handler;
}

export function route(endpoint: EndpointName, handler: Handler): RouteDefinition {
	return { endpoint, handler };
}

interface CompiledRoute {
	endpoint: EndpointName;
	method: string;
	pattern: RegExp;
	paramNames: string[];
	/** Literal routes are tried first, so '/orders/create_single_order' beats '/orders/{id}'. */
	paramCount: number;
	handler: Handler;
}

export type RouteMatch =
	| { endpoint: EndpointName; handler: Handler; params: Record<string, string> }
	| undefined;

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compile(definition: RouteDefinition): CompiledRoute {
	const { method, path } = ENDPOINTS[definition.endpoint];
	const paramNames: string[] = [];
	const source = path
		.split(/(\{\w+\})/)
		.map((part) => {
			const param = /^\{(\w+)\}$/.exec(part);
			if (!param) return escapeRegExp(part);
			paramNames.push(param[1]);
			return '([^/]+)';
		})
		.join('');
	return {
		endpoint: definition.endpoint,
		method,
		pattern: new RegExp(`^${source}$`),
		paramNames,
		paramCount: paramNames.length,
		handler: definition.handler,
	};
}

export class Router {
	private readonly routes: CompiledRoute[];

	constructor(definitions: readonly RouteDefinition[]) {
		this.routes = definitions.map(compile).sort((a, b) => a.paramCount - b.paramCount);
	}

	/** `path` is relative to the API base, e.g. '/customers/42'. A wrong method is no match (404). */
	match(method: string, path: string): RouteMatch {
		for (const candidate of this.routes) {
			if (candidate.method !== method) continue;
			const found = candidate.pattern.exec(path);
			if (!found) continue;
			const params: Record<string, string> = {};
			candidate.paramNames.forEach((name, index) => {
				params[name] = safeDecode(found[index + 1]);
			});
			return { endpoint: candidate.endpoint, handler: candidate.handler, params };
		}
		return undefined;
	}
}

/** Every endpoint of the table, implemented or not, for naming what a logged request called. */
const ALL_ENDPOINTS = new Router(
	(Object.keys(ENDPOINTS) as EndpointName[]).map((name) => route(name, () => undefined)),
);

/** The endpoint `method path` routes to (path relative to the API base), or undefined. */
export function endpointAt(method: string, path: string): EndpointName | undefined {
	return ALL_ENDPOINTS.match(method, path)?.endpoint;
}

/** A badly encoded segment stays as sent; the handler then reports it as not found. */
function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}
