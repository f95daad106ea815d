/**
 * The BillPro sandbox: a local HTTP simulator of the BillPro API for tests and `npm run sandbox`.
 * Routes come from nodes/BillPro/shared/api.ts; every sandbox-only choice is in ./config.
 */
import type { AddressInfo } from 'node:net';

import { API_BASE_PATH, DEFAULT_HOST } from './config';
import { attachDataFile, type DataFileWriter, type SandboxDataFile } from './dataFile';
import type { SeedOptions } from './seed';
import type { FaultQueue } from './faults';
import type { PaymentGateway } from './gateway/gateway';
import { parseGatewaySettings, type GatewaySettings } from './gateway/settings';
import { createSandboxServer } from './server';
import { SandboxStore } from './store';

export interface SandboxOptions {
	/** Default 127.0.0.1. */
	host?: string;
	/** Default 0: a free random port. */
	port?: number;
	/** Per-profile record counts, e.g. `{ products: { 1: 10000 } }`. */
	seed?: SeedOptions;
	/** Delay before every /api/v1 response, in milliseconds (benchmarks). Default 0. */
	latencyMs?: number;
	/**
	 * Send payment gateway notifications from the start: `url` and `key` at least (see
	 * gateway/settings.ts; PUT /__sandbox/gateway changes them later). Throws when invalid.
	 */
	gateway?: Partial<GatewaySettings>;
	/**
	 * Keep the data in this JSON file across restarts (`npm run sandbox`, `npm start`; see
	 * dataFile.ts): loaded now, written after each change and at close(). Without it the data
	 * lives in memory only (tests, benchmarks).
	 */
	dataFile?: string;
	/** With dataFile: start from the seed and overwrite the file. */
	resetData?: boolean;
}

export interface Sandbox {
	/** e.g. 'http://127.0.0.1:40123' */
	url: string;
	/** url + '/api/v1': what the node's credential base URL should be. */
	baseUrl: string;
	port: number;
	store: SandboxStore;
	/** Faults for the next matching API requests: the same object as store.faults. */
	faults: FaultQueue;
	/** The payment gateway's webhook: the same object as store.gateway. */
	gateway: PaymentGateway;
	/** The data file and how this start used it; undefined when the data is in memory only. */
	data?: SandboxDataFile;
	/** Stops listening and closes every connection, keep-alive ones included. */
	close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const host = options.host ?? DEFAULT_HOST;
	const latencyMs = options.latencyMs ?? 0;
	if (!Number.isFinite(latencyMs) || latencyMs < 0)
		throw new Error('latencyMs must be a number >= 0');
	const store = new SandboxStore(options.seed);
	if (options.gateway) store.gateway.configure(gatewaySettingsOrThrow(options.gateway));
	let writer: DataFileWriter | undefined;
	let data: SandboxDataFile | undefined;
	if (options.dataFile) {
		({ info: data, writer } = attachDataFile(store, options.dataFile, !!options.resetData));
		if (data.start === 'unreadable') console.warn(data.note);
	}
	const server = createSandboxServer(store, { latencyMs });
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
	store.setUrl(url);
	return {
		url,
		baseUrl: url + API_BASE_PATH,
		port,
		store,
		faults: store.faults,
		gateway: store.gateway,
		data,
		close: async () => {
			try {
				await store.gateway.close();
				await new Promise<void>((resolve, reject) => {
					server.close((error) => (error ? reject(error) : resolve()));
					server.closeAllConnections();
				});
			} finally {
				store.onChange(undefined);
				writer?.flush();
			}
		},
	};
}

/** Settings from code or the CLI, checked like PUT /__sandbox/gateway's body. */
export function gatewaySettingsOrThrow(input: Partial<GatewaySettings>): GatewaySettings {
	const parsed = parseGatewaySettings(input);
	if ('settings' in parsed) return parsed.settings;
	const problems = Object.entries(parsed.errors).map(
		([field, messages]) => `${field} ${messages.join(', ')}`,
	);
	throw new Error(`Invalid payment gateway settings: ${problems.join('; ')}`);
}

export {
	API_BASE_PATH,
	API_USERS,
	CONTROL_PREFIX,
	DEFAULT_HOST,
	DEFAULT_PORT,
	DEFAULT_SEED_COUNTS,
	ERRORS,
	FAULT_DEFAULTS,
	FAULT_KINDS,
	FAULT_MESSAGES,
	MALFORMED_JSON_BODY,
	MAX_BODY_BYTES,
	MAX_FAULT_DELAY_MS,
	MAX_STRING_LENGTH,
	MESSAGES,
	MULTI_PROFILE_TOKEN,
	NO_ANSWER_STATUS,
	ORDER_MESSAGES,
	ORDER_RULES,
	PAGE_SIZE,
	PORT_ENV_VAR,
	PROFILES,
	SANDBOX_GATEWAY_KEY,
	SINGLE_PROFILE_TOKEN,
	faultErrorText,
	faultHtmlPage,
} from './config';
export type { ApiUser, SandboxProfile } from './config';
export { DATA_FILE_ENV_VAR, defaultDataFile, WRITE_DELAY_MS } from './dataFile';
export type { DataStart, SandboxDataFile } from './dataFile';
export type { FieldErrors } from './http';
export { HTML_CONTENT_TYPE } from './faultAnswer';
export { FaultQueue } from './faults';
export { encryptNotification, tampered, type EncryptedNotification } from './gateway/encryption';
export { PaymentGateway, MAX_LOGGED_ATTEMPTS } from './gateway/gateway';
export type { DeliveryAttempt, DeliveryKind } from './gateway/gateway';
export type { GatewayNotification } from './gateway/notifications';
export { GATEWAY_DEFAULTS, GATEWAY_MESSAGES } from './gateway/settings';
export type { GatewayFormat, GatewaySettings } from './gateway/settings';
export type { Fault, FaultKind, FaultMethod, FaultWhen, PendingFault } from './faults';
export { ISO_COUNTRIES, PHONE_RULES } from './validation';
export type { SeedOptions } from './seed';
export { SandboxStore } from './store';
export { ADDRESS_TYPES } from './types';
export type {
	AddressType,
	CheckoutResponse,
	CustomerResponse,
	CustomerStatus,
	OrderLine,
	OrderResponse,
	OrderStatus,
	OrderType,
	PaymentOutcome,
	PriceAdjustment,
	ProcessedPayment,
	Product,
	ProductType,
	RequestLogEntry,
	ScheduledPaymentResponse,
	ScheduledPaymentStatus,
	ScheduledUnit,
	StoredAddress,
	StoredCustomer,
	StoredOrganisation,
} from './types';
