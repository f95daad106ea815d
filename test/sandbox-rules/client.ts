/** Helpers for the sandbox rule tests: axios clients that never throw on a status. */
import axios, { type AxiosInstance } from 'axios';
import { request, type IncomingHttpHeaders } from 'node:http';

import { MULTI_PROFILE_TOKEN, SINGLE_PROFILE_TOKEN, type Sandbox } from '../../sandbox';

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

export interface RawAnswer {
	status: number;
	headers: IncomingHttpHeaders;
	/** The body byte for byte, as UTF-8. */
	text: string;
}

/**
 * One request over plain node:http on a fresh connection, as the single-profile user unless
 * `headers` overrides it: the answer as sent, with nothing parsed or hidden. Rejects with the
 * socket error (e.g. ECONNRESET) when no answer comes.
 */
export function rawApi(
	sandbox: Sandbox,
	method: string,
	apiPath: string,
	body?: unknown,
	headers: Record<string, string> = { authorization: `Bearer ${SINGLE_PROFILE_TOKEN}` },
): Promise<RawAnswer> {
	const data = body === undefined ? undefined : JSON.stringify(body);
	return new Promise((resolve, reject) => {
		const req = request(
			`${sandbox.baseUrl}${apiPath}`,
			{
				method,
				agent: false,
				headers: data === undefined ? headers : { ...headers, 'content-type': 'application/json' },
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('error', reject);
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						headers: res.headers,
						text: Buffer.concat(chunks).toString('utf8'),
					}),
				);
			},
		);
		req.on('error', reject);
		req.end(data);
	});
}

/** Polls `condition` every 5 ms; throws after `timeoutMs` so a broken sandbox fails, not hangs. */
export async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`waitFor: still false after ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}
