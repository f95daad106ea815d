/** Helpers for the sandbox rule tests: axios clients that never throw on a status. */
import axios, { type AxiosInstance } from 'axios';

import { MULTI_PROFILE_TOKEN, SINGLE_PROFILE_TOKEN, type Sandbox } from '../sandbox';

export interface ClientOptions {
	/** Bearer token; null sends no Authorization header. Default: the single-profile token. */
	token?: string | null;
	/** Sent as ?profile_id= on every request. */
	profileId?: string | number;
}

export function apiClient(sandbox: Sandbox, options: ClientOptions = {}): AxiosInstance {
	const token = options.token === undefined ? SINGLE_PROFILE_TOKEN : options.token;
	return axios.create({
		baseURL: sandbox.baseUrl,
		headers: token === null ? {} : { Authorization: `Bearer ${token}` },
		params: options.profileId === undefined ? {} : { profile_id: options.profileId },
		validateStatus: () => true,
	});
}

/** The single-profile user (profile 1). */
export const single = (sandbox: Sandbox): AxiosInstance => apiClient(sandbox);

/** The multi-profile user acting on profile 5 or 7. */
export const multi = (sandbox: Sandbox, profileId: number | string): AxiosInstance =>
	apiClient(sandbox, { token: MULTI_PROFILE_TOKEN, profileId });

/** A plain client at the sandbox root, for /__sandbox and raw paths. */
export function rootClient(sandbox: Sandbox): AxiosInstance {
	return axios.create({ baseURL: sandbox.url, validateStatus: () => true });
}

/** A date as DD/MM/YYYY in UTC. */
export function ddmmyyyy(date: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
}

/** Unique emails across a test file. */
let emailCounter = 0;
export function uniqueEmail(prefix = 'person'): string {
	emailCounter += 1;
	return `${prefix}.${emailCounter}@example.com`;
}

/** Sends `text` byte for byte (axios would JSON-encode a string that is not valid JSON). */
export function sendRaw(api: AxiosInstance, method: 'post' | 'put', url: string, text: string) {
	return api.request({
		method,
		url,
		data: text,
		headers: { 'content-type': 'application/json' },
		transformRequest: [(data: string) => data],
	});
}
