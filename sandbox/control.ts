/**
 * Sandbox-only control endpoints under /__sandbox: no auth, never logged, never delayed, and
 * never under /api/v1, so they cannot be mistaken for BillPro's API.
 *   GET    /__sandbox/health                             -> {"ok":true}
 *   GET    /__sandbox/requests                           -> the request log
 *   DELETE /__sandbox/requests                           -> clears the log
 *   POST   /__sandbox/reset                              -> back to the seed (clears the log too)
 *   GET    /__sandbox/faults                             -> {"faults": [pending faults]}
 *   POST   /__sandbox/faults  {"faults": [Fault, ...]}   -> appends; {"faults": [pending faults]}
 *   DELETE /__sandbox/faults                             -> clears the pending faults
 *          (see faults.ts; a bad fault spec is 422 keyed like "faults.0.kind", and adds nothing)
 *   POST   /__sandbox/customers/{id}/status?profile_id=N  {"status":"inactive"} -> the customer
 *   POST   /__sandbox/products/{id}?profile_id=N   {"price":"19.99","product_status":"inactive"}
 *          -> the product, changed as in BillPro's UI (the API cannot change products)
 *   POST   /__sandbox/orders/{id}/payments?profile_id=N   {"outcome":"approve"} -> {order, payment}
 *          (the payment gateway's answer to the order's next payment: approve, soft_decline or
 *          hard_decline; see operations/order/processPayment.ts)
 *   /__sandbox/gateway…                           -> the payment gateway's webhook: settings,
 *          delivery log, duplicates, tampered and test notifications (see gateway/control.ts)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { CONTROL_MESSAGES, CONTROL_PREFIX, ERRORS, MESSAGES } from './config';
import {
	HttpError,
	UnprocessableError,
	isJsonObject,
	parseJsonBody,
	readRawBody,
	sendJson,
	unprocessable,
} from './http';
import { faultsFromBody } from './faultSpec';
import { GATEWAY_CONTROL_PATH, gatewayControl } from './gateway/control';
import { formatCustomer } from './operations/customer/format';
import type { SandboxStore } from './store';
import type { PaymentOutcome } from './types';

const OUTCOMES: readonly PaymentOutcome[] = ['approve', 'soft_decline', 'hard_decline'];

export async function handleControl(
	req: IncomingMessage,
	res: ServerResponse,
	store: SandboxStore,
	path: string,
	query: Record<string, string>,
): Promise<void> {
	try {
		const raw = await readRawBody(req);
		const body = parseJsonBody(raw);
		if (!body.ok) throw new HttpError(400, ERRORS.malformedJson);
		sendJson(
			res,
			200,
			dispatch(req.method ?? 'GET', path.slice(CONTROL_PREFIX.length), query, body.value, store),
		);
	} catch (error) {
		if (error instanceof UnprocessableError) sendJson(res, 422, error.errors);
		else if (error instanceof HttpError) sendJson(res, error.status, { error: error.message });
		else throw error;
	}
}

function dispatch(
	method: string,
	path: string,
	query: Record<string, string>,
	body: unknown,
	store: SandboxStore,
): unknown {
	if (method === 'GET' && path === '/health') return { ok: true };
	if (method === 'GET' && path === '/requests') return store.requests;
	if (method === 'DELETE' && path === '/requests') {
		store.resetRequests();
		return { ok: true };
	}
	if (method === 'POST' && path === '/reset') {
		store.reset();
		return { ok: true };
	}
	if (method === 'GET' && path === '/faults') return { faults: store.faults.pending() };
	if (method === 'POST' && path === '/faults') {
		store.faults.append(faultsFromBody(body));
		return { faults: store.faults.pending() };
	}
	if (method === 'DELETE' && path === '/faults') {
		store.faults.clear();
		return { ok: true };
	}
	if (path === GATEWAY_CONTROL_PATH || path.startsWith(`${GATEWAY_CONTROL_PATH}/`))
		return gatewayControl(method, path, body, store);
	const statusPath = /^\/customers\/([^/]+)\/status$/.exec(path);
	if (method === 'POST' && statusPath) return setCustomerStatus(statusPath[1], query, body, store);
	const productPath = /^\/products\/([^/]+)$/.exec(path);
	if (method === 'POST' && productPath) return changeProduct(productPath[1], query, body, store);
	const paymentsPath = /^\/orders\/([^/]+)\/payments$/.exec(path);
	if (method === 'POST' && paymentsPath) return processPayment(paymentsPath[1], query, body, store);
	throw new HttpError(404, ERRORS.notFound);
}

/** ?profile_id=N naming one of the sandbox's profiles, else 422. */
function sandboxProfile(query: Record<string, string>, store: SandboxStore): number {
	const profileId = Number(query.profile_id);
	if (!/^\d+$/.test(query.profile_id ?? '') || !store.profileIds().includes(profileId)) {
		throw unprocessable('profile_id', CONTROL_MESSAGES.notSandboxProfile);
	}
	return profileId;
}

function processPayment(
	rawId: string,
	query: Record<string, string>,
	body: unknown,
	store: SandboxStore,
): unknown {
	const profileId = sandboxProfile(query, store);
	const outcome = isJsonObject(body) ? body.outcome : undefined;
	if (!OUTCOMES.includes(outcome as PaymentOutcome))
		throw unprocessable('outcome', CONTROL_MESSAGES.badOutcome);
	if (!/^\d+$/.test(rawId)) throw unprocessable('id', MESSAGES.notFound);
	return store.processPayment(profileId, Number(rawId), outcome as PaymentOutcome);
}

/** A change made in BillPro's UI: what the BillPro Trigger's New or Changed Product sees. */
function changeProduct(
	rawId: string,
	query: Record<string, string>,
	body: unknown,
	store: SandboxStore,
): unknown {
	const profileId = sandboxProfile(query, store);
	const { price, product_status: status } = isJsonObject(body) ? body : {};
	if (price === undefined && status === undefined)
		throw unprocessable('base', CONTROL_MESSAGES.noProductChange);
	if (price !== undefined && (typeof price !== 'string' || !/^\d+(\.\d{1,2})?$/.test(price)))
		throw unprocessable('price', CONTROL_MESSAGES.badPrice);
	if (status !== undefined && status !== 'active' && status !== 'inactive')
		throw unprocessable('product_status', CONTROL_MESSAGES.badStatus);
	const product = /^\d+$/.test(rawId)
		? store.changeProductInUi(profileId, Number(rawId), {
				...(price === undefined ? {} : { price }),
				...(status === undefined ? {} : { product_status: status }),
			})
		: undefined;
	if (!product) throw unprocessable('id', MESSAGES.notFound);
	return product;
}

function setCustomerStatus(
	rawId: string,
	query: Record<string, string>,
	body: unknown,
	store: SandboxStore,
): unknown {
	const profileId = sandboxProfile(query, store);
	const status = isJsonObject(body) ? body.status : undefined;
	if (status !== 'active' && status !== 'inactive')
		throw unprocessable('status', CONTROL_MESSAGES.badStatus);
	const customer = /^\d+$/.test(rawId)
		? store.setCustomerStatus(profileId, Number(rawId), status)
		: undefined;
	if (!customer) throw unprocessable('id', MESSAGES.notFound);
	return formatCustomer(customer);
}
