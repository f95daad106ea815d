/**
 * Every choice the sandbox makes that BillPro's documentation does not dictate, as named constants.
 * Paths and query-parameter names are NOT here: they come from nodes/BillPro/shared/api.ts.
 */
import { ENVIRONMENTS } from '../../nodes/BillPro/shared/api';

/** '/api/v1', taken from the documented environment URLs so the two cannot drift apart. */
export const API_BASE_PATH = new URL(ENVIRONMENTS.test).pathname.replace(/\/+$/, '');

/** Sandbox-only endpoints live here, never under API_BASE_PATH. */
export const CONTROL_PREFIX = '/__sandbox';

export const DEFAULT_HOST = '127.0.0.1';
/** Port used by `npm run sandbox` (startSandbox itself defaults to a random port). */
export const DEFAULT_PORT = 8787;
export const PORT_ENV_VAR = 'BILLPRO_SANDBOX_PORT';

/** The docs show `?page=N` but no page size; 25 is our pick. */
export const PAGE_SIZE = 25;

/** Rails' default string column limit, used for every string field. */
export const MAX_STRING_LENGTH = 255;

/** Larger request bodies get 413; protects the test process, not a BillPro rule. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Sandbox fixtures, not secrets: 59 characters like the documented example token, and only
 * ever accepted by this local simulator.
 */
export const SINGLE_PROFILE_TOKEN = 'sandboxsingleprofiletoken'.padEnd(59, '0');
export const MULTI_PROFILE_TOKEN = 'sandboxmultiprofiletoken'.padEnd(59, '0');

export interface SandboxProfile {
	id: number;
	name: string;
	/** Currencies its seeded products cycle through. */
	currencies: readonly string[];
}

/** Merchant profiles. Ids 5 and 1 are the examples in the merchant-profiles changelog. */
export const PROFILES: readonly SandboxProfile[] = [
	{ id: 1, name: 'Sandbox Merchant', currencies: ['GBP', 'EUR', 'USD'] },
	{ id: 5, name: 'Sandbox Shop EU', currencies: ['EUR'] },
	{ id: 7, name: 'Sandbox Shop UK', currencies: ['GBP'] },
];

export interface ApiUser {
	token: string;
	/** More than one id means every request must carry profile_id. */
	profileIds: readonly number[];
}

export const API_USERS: readonly ApiUser[] = [
	{ token: SINGLE_PROFILE_TOKEN, profileIds: [1] },
	{ token: MULTI_PROFILE_TOKEN, profileIds: [5, 7] },
];

/** How many records each profile gets unless startSandbox({ seed }) says otherwise. */
export const DEFAULT_SEED_COUNTS = {
	/** 60 makes profile 1's list span three pages: 25, 25, 10. */
	products: { 1: 60, 5: 30, 7: 5 } as Readonly<Record<number, number>>,
	customers: { 1: 3, 5: 2, 7: 1 } as Readonly<Record<number, number>>,
};

/** Field messages in Rails' wording (the guide shows `{"phone":["is invalid"]}`). */
export const MESSAGES = {
	blank: "can't be blank",
	invalid: 'is invalid',
	taken: 'has already been taken',
	tooLong: `is too long (maximum is ${MAX_STRING_LENGTH} characters)`,
	required: 'is required',
	notFound: 'not found',
	badCountry: 'is not a valid ISO 3166-1 alpha-2 country code',
	badPage: 'must be a positive integer',
	profileRequired: 'is required when the API user has more than one merchant profile',
	notYourProfile: 'is not a merchant profile of this API user',
	customerIdImmutable: 'cannot be changed through the API',
} as const;

/** `{"error": ...}` bodies for non-422 failures. */
export const ERRORS = {
	unauthorized: 'Invalid or missing API token',
	notFound: 'Not found',
	malformedJson: 'Malformed JSON body',
	tooLarge: 'Request body too large',
	internal: 'Internal sandbox error',
} as const;

/** Messages of the sandbox-only control endpoints (not BillPro behaviour). */
export const CONTROL_MESSAGES = {
	notSandboxProfile: 'is not a sandbox profile',
	badStatus: 'must be active or inactive',
} as const;
