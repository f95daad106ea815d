/**
 * Where and how the sandbox's payment gateway sends its notifications (sandbox only: BillPro
 * Merchant Support does this set-up for real merchants). Checked the same way whether it comes
 * from PUT /__sandbox/gateway, the CLI or startSandbox({ gateway }).
 */
import { GATEWAY } from '../../nodes/BillProGatewayTrigger/gatewayFormat';
import { ErrorCollector, isJsonObject } from '../http';

/** `hex`: the hex body as text/plain; `json`: {"encryptedBody": hex} as application/json. */
export type GatewayFormat = 'hex' | 'json';
export const GATEWAY_FORMATS: readonly GatewayFormat[] = ['hex', 'json'];

export interface GatewaySettings {
	/** The webhook URL: http:// on this machine only (127.0.0.1, localhost or [::1]). */
	url: string;
	/** 64 hex characters. Never echoed back, logged or printed. */
	key: string;
	format: GatewayFormat;
	/** Deliveries of one notification, the first included, before the gateway gives up. */
	maxAttempts: number;
	/** Wait before the 2nd attempt; each later wait doubles, up to maxRetryDelayMs. */
	retryDelayMs: number;
	maxRetryDelayMs: number;
	/** How long one attempt waits for an answer. */
	timeoutMs: number;
}

export const GATEWAY_DEFAULTS = {
	format: 'hex',
	/** The real gateway retries for longer; 6 attempts (1 + 5 retries) keep the sandbox quick. */
	maxAttempts: 6,
	retryDelayMs: 1000,
	maxRetryDelayMs: 30_000,
	timeoutMs: 10_000,
} as const;

export const GATEWAY_LIMITS = {
	maxAttempts: { min: 1, max: 20 },
	delayMs: { min: 0, max: 10 * 60_000 },
	timeoutMs: { min: 1, max: 10 * 60_000 },
} as const;

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

export const GATEWAY_MESSAGES = {
	notAnObject: 'must be an object',
	unknownField: 'is not a gateway setting',
	badUrl: 'must be an http:// URL on this machine (127.0.0.1, localhost or [::1])',
	badKey: `must be ${GATEWAY.cipher.keyHexLength} hexadecimal characters`,
	badFormat: `must be ${GATEWAY_FORMATS.join(' or ')}`,
	badInteger: (min: number, max: number) => `must be an integer from ${min} to ${max}`,
	required: 'is required',
	notConfigured: 'is not configured: PUT /__sandbox/gateway with {"url", "key"} first',
	nothingSent: 'has sent no notification yet',
	badPart: 'must be body or tag',
	badNotification: 'must be an object with a string type',
} as const;

const FIELDS = [
	'url',
	'key',
	'format',
	'maxAttempts',
	'retryDelayMs',
	'maxRetryDelayMs',
	'timeoutMs',
] as const;

/** The settings in `input`, or every problem found, keyed by field (a 422 body). */
export function parseGatewaySettings(
	input: unknown,
): { settings: GatewaySettings } | { errors: Record<string, string[]> } {
	const errors = new ErrorCollector();
	if (!isJsonObject(input)) {
		errors.add('gateway', GATEWAY_MESSAGES.notAnObject);
		return { errors: errors.all() };
	}
	for (const field of Object.keys(input)) {
		if (!(FIELDS as readonly string[]).includes(field))
			errors.add(field, GATEWAY_MESSAGES.unknownField);
	}
	const { url, key } = input;
	if (url === undefined) errors.add('url', GATEWAY_MESSAGES.required);
	else if (!isLoopbackHttpUrl(url)) errors.add('url', GATEWAY_MESSAGES.badUrl);
	if (key === undefined) errors.add('key', GATEWAY_MESSAGES.required);
	else if (!isGatewayKey(key)) errors.add('key', GATEWAY_MESSAGES.badKey);
	const format = input.format ?? GATEWAY_DEFAULTS.format;
	if (!GATEWAY_FORMATS.includes(format as GatewayFormat))
		errors.add('format', GATEWAY_MESSAGES.badFormat);
	const integer = (field: string, fallback: number, range: { min: number; max: number }) => {
		const value = input[field] ?? fallback;
		if (Number.isInteger(value) && (value as number) >= range.min && (value as number) <= range.max)
			return value as number;
		errors.add(field, GATEWAY_MESSAGES.badInteger(range.min, range.max));
		return fallback;
	};
	const settings: GatewaySettings = {
		url: String(url),
		key: String(key),
		format: format as GatewayFormat,
		maxAttempts: integer('maxAttempts', GATEWAY_DEFAULTS.maxAttempts, GATEWAY_LIMITS.maxAttempts),
		retryDelayMs: integer('retryDelayMs', GATEWAY_DEFAULTS.retryDelayMs, GATEWAY_LIMITS.delayMs),
		maxRetryDelayMs: integer(
			'maxRetryDelayMs',
			GATEWAY_DEFAULTS.maxRetryDelayMs,
			GATEWAY_LIMITS.delayMs,
		),
		timeoutMs: integer('timeoutMs', GATEWAY_DEFAULTS.timeoutMs, GATEWAY_LIMITS.timeoutMs),
	};
	const found = errors.all();
	return Object.keys(found).length > 0 ? { errors: found } : { settings };
}

export function isGatewayKey(value: unknown): value is string {
	return (
		typeof value === 'string' &&
		new RegExp(`^[0-9a-fA-F]{${GATEWAY.cipher.keyHexLength}}$`).test(value)
	);
}

/** The simulator never posts off this machine. */
function isLoopbackHttpUrl(value: unknown): boolean {
	if (typeof value !== 'string') return false;
	try {
		const url = new URL(value);
		return url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname) && !url.username;
	} catch {
		return false;
	}
}

/** The wait after failed attempt `attempt` (1-based): doubling from retryDelayMs, capped. */
export function retryDelayAfter(attempt: number, settings: GatewaySettings): number {
	return Math.min(settings.retryDelayMs * 2 ** (attempt - 1), settings.maxRetryDelayMs);
}

/** What GET /__sandbox/gateway shows: everything but the key. */
export function publicSettings(settings: GatewaySettings | undefined) {
	if (!settings) return { configured: false };
	const { key: _key, ...shown } = settings;
	return { configured: true, ...shown, key: 'set (never shown)' };
}
