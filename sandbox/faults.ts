/**
 * Faults on demand: tests queue faults, and the server applies the first pending one that matches
 * each admitted /api/v1 request (token, route and profile_id all accepted), in queue order.
 * One fault per request; a fault is spent after `times` requests. See server.ts for how each kind
 * answers, faultSpec.ts for the accepted fields, and store.reset(), which clears the queue.
 */
import { ENDPOINTS, type EndpointName } from '../nodes/BillPro/shared/api';
import { FAULT_KINDS } from './config';
import { checkFaults } from './faultSpec';

export type FaultKind = (typeof FAULT_KINDS)[number];
export type FaultMethod = 'GET' | 'POST' | 'PUT';
export type FaultWhen = 'before' | 'after';

export interface Fault {
	/**
	 *   status: answer `status` (default 500) with {"error": <reason phrase>} or `body`, as JSON.
	 *   html: answer `status` (default 200) with an HTML page (text/html) or `body`.
	 *   malformedJson: answer `status` (default 200), as application/json, with a cut-off body.
	 *   reset: no answer: the connection is reset (TCP RST).
	 *   slow: wait `delayMs` (default 5000), then process and answer normally. If the client gives
	 *     up first, the request is processed at that moment all the same (see FaultQueue.settled).
	 */
	kind: FaultKind;
	/** Any method when absent. */
	method?: FaultMethod;
	/**
	 * Any path when absent. Either a path relative to /api/v1, matched exactly ('/customers/3'),
	 * where a `{name}` segment matches any one segment ('/customers/{id}'); or an endpoint name of
	 * nodes/BillPro/shared/api.ts ('updateCustomer'), matching the requests routed to it.
	 */
	path?: string;
	/** How many matching requests it applies to. Default 1. */
	times?: number;
	/** How many matching requests pass untouched before it applies ("the 6th create": 5). Default 0. */
	skip?: number;
	/**
	 * before (default): the request is not processed; nothing is created or changed.
	 * after: the request is processed, then the fault's answer replaces the real one ("it reached
	 * BillPro but the answer was lost"). Not for `slow`.
	 */
	when?: FaultWhen;
	/** Not for reset or slow. */
	status?: number;
	/** Sent as the Retry-After header: seconds, or any header text such as an HTTP date. */
	retryAfter?: number | string;
	/** slow: the wait (default 5000). Other kinds: an extra wait before the fault answers. */
	delayMs?: number;
	/** Replaces the kind's standard body. Not for reset or slow. */
	body?: string;
}

/** A queued fault: `times` and `skip` are what is left; `when` is filled in for every kind but slow. */
export type PendingFault = Fault & { times: number };

/** Does `path` (a Fault's or requestsTo's) cover a request to `apiPath`, routed to `endpoint`? */
export function pathMatches(
	path: string | undefined,
	apiPath: string,
	endpoint: EndpointName | undefined,
): boolean {
	if (path === undefined) return true;
	if (isEndpointName(path)) return endpoint === path;
	return pathPattern(path).test(apiPath);
}

export function isEndpointName(name: string): name is EndpointName {
	return Object.hasOwn(ENDPOINTS, name);
}

const patterns = new Map<string, RegExp>();

function pathPattern(path: string): RegExp {
	let pattern = patterns.get(path);
	if (!pattern) {
		const source = path
			.split(/(\{\w+\})/)
			.map((part) =>
				/^\{\w+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
			)
			.join('');
		pattern = new RegExp(`^${source}$`);
		patterns.set(path, pattern);
	}
	return pattern;
}

export class FaultQueue {
	private readonly queue: PendingFault[] = [];
	private inFlight = 0;
	private epoch = new AbortController();
	private waiters: Array<() => void> = [];

	/** Appends faults in order. Throws (and adds none) if any is invalid, naming every bad field. */
	add(faults: Fault | readonly Fault[]): void {
		const list: readonly unknown[] = Array.isArray(faults) ? faults : [faults];
		const checked = checkFaults(list);
		if (!checked.ok) throw new Error(`Invalid fault: ${JSON.stringify(checked.errors)}`);
		this.append(checked.faults);
	}

	/** For faults already checked (the control endpoint checks them to answer 422). */
	append(faults: readonly PendingFault[]): void {
		this.queue.push(...faults.map((fault) => ({ ...fault })));
	}

	/** Drops every pending fault. Requests already being delayed still finish as planned. */
	clear(): void {
		this.queue.length = 0;
	}

	/** Copies of the pending faults, in queue order. */
	pending(): PendingFault[] {
		return this.queue.map((fault) => ({ ...fault }));
	}

	/** Server side: spends one use of the first pending fault that matches, and returns it. */
	take(method: string, apiPath: string, endpoint: EndpointName): PendingFault | undefined {
		const index = this.queue.findIndex(
			(fault) =>
				(fault.method === undefined || fault.method === method) &&
				pathMatches(fault.path, apiPath, endpoint),
		);
		if (index < 0) return undefined;
		const fault = this.queue[index];
		if (fault.skip) {
			fault.skip -= 1;
			return undefined;
		}
		fault.times -= 1;
		if (fault.times === 0) this.queue.splice(index, 1);
		return { ...fault, times: 1 };
	}

	/**
	 * What store.reset() calls: clear(), and abort the requests still waiting out a delay, so that
	 * a request from an earlier test can neither change nor log into the fresh seed.
	 */
	reset(): void {
		this.clear();
		this.epoch.abort();
		this.epoch = new AbortController();
	}

	/**
	 * Server side: counts `work` (a faulted request that waits) as in flight until it ends.
	 * `aborted` fires when reset() is called meanwhile.
	 */
	async track<T>(work: (aborted: AbortSignal) => Promise<T>): Promise<T> {
		this.inFlight += 1;
		try {
			return await work(this.epoch.signal);
		} finally {
			this.inFlight -= 1;
			if (this.inFlight === 0) this.waiters.splice(0).forEach((resolve) => resolve());
		}
	}

	/**
	 * Resolves once no faulted request is still waiting out a delay: every slow request has been
	 * processed and logged. Await it after a client timed out on a slow fault, before reading the
	 * store: the sandbox only notices the client gave up a moment later.
	 */
	settled(): Promise<void> {
		if (this.inFlight === 0) return Promise.resolve();
		return new Promise((resolve) => this.waiters.push(resolve));
	}
}
