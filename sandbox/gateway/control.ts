/**
 * Control endpoints of the payment gateway webhook (sandbox only; see control.ts for the rest):
 *   GET    /__sandbox/gateway                 -> the settings, the key never shown
 *   PUT    /__sandbox/gateway   {url, key, format?, maxAttempts?, retryDelayMs?, maxRetryDelayMs?,
 *                                timeoutMs?}   -> sets them (422 keyed by field)
 *   DELETE /__sandbox/gateway                 -> stops sending; pending retries are dropped
 *   GET    /__sandbox/gateway/deliveries      -> {"deliveries": [attempt, ...]}
 *   DELETE /__sandbox/gateway/deliveries      -> clears that log
 *   POST   /__sandbox/gateway/resend          -> the last notification again (a duplicate)
 *   POST   /__sandbox/gateway/tampered  {"part": "body" | "tag"} -> the last one, altered
 *   POST   /__sandbox/gateway/test            -> the registration test notification
 *   POST   /__sandbox/gateway/notifications  {"notification": {type, action?, payload}}
 *                                             -> any notification, e.g. a refund made in the UI
 * Sends answer {"delivery": n} at once; the delivery itself happens in the background.
 */
import { ERRORS } from '../config';
import { HttpError, UnprocessableError, isJsonObject, unprocessable } from '../http';
import type { SandboxStore } from '../store';
import { TAMPERED_PARTS, type TamperedPart } from './encryption';
import type { GatewayNotification } from './notifications';
import { GATEWAY_MESSAGES, parseGatewaySettings } from './settings';

export const GATEWAY_CONTROL_PATH = '/gateway';

export function gatewayControl(
	method: string,
	path: string,
	body: unknown,
	store: SandboxStore,
): unknown {
	const { gateway } = store;
	const route = `${method} ${path.slice(GATEWAY_CONTROL_PATH.length) || '/'}`;
	switch (route) {
		case 'GET /':
			return gateway.describe();
		case 'PUT /': {
			const parsed = parseGatewaySettings(body);
			if ('errors' in parsed) throw new UnprocessableError(parsed.errors);
			gateway.configure(parsed.settings);
			return gateway.describe();
		}
		case 'DELETE /':
			gateway.unconfigure();
			return gateway.describe();
		case 'GET /deliveries':
			return { deliveries: gateway.deliveries() };
		case 'DELETE /deliveries':
			gateway.clearDeliveries();
			return { ok: true };
		case 'POST /resend':
			return sent(store, () => gateway.resendLast(), true);
		case 'POST /tampered': {
			const part = (isJsonObject(body) ? body.part : undefined) ?? 'body';
			if (!TAMPERED_PARTS.includes(part as TamperedPart))
				throw unprocessable('part', GATEWAY_MESSAGES.badPart);
			return sent(store, () => gateway.sendTampered(part as TamperedPart), true);
		}
		case 'POST /test':
			return sent(store, () => gateway.sendTest(), false);
		case 'POST /notifications': {
			const notification = isJsonObject(body) ? body.notification : undefined;
			if (!isNotification(notification))
				throw unprocessable('notification', GATEWAY_MESSAGES.badNotification);
			return sent(store, () => gateway.send(notification, 'custom'), false);
		}
		default:
			throw new HttpError(404, ERRORS.notFound);
	}
}

/** 422 when the gateway is not configured (or, for a resend, has sent nothing yet). */
function sent(store: SandboxStore, send: () => number | undefined, needsLast: boolean) {
	if (!store.gateway.configured) throw unprocessable('gateway', GATEWAY_MESSAGES.notConfigured);
	if (needsLast && !store.gateway.hasSent)
		throw unprocessable('gateway', GATEWAY_MESSAGES.nothingSent);
	return { delivery: send() };
}

function isNotification(value: unknown): value is GatewayNotification {
	return (
		isJsonObject(value) &&
		typeof value.type === 'string' &&
		isJsonObject(value.payload) &&
		(value.action === undefined || typeof value.action === 'string')
	);
}
