/* eslint-disable @n8n/community-nodes/no-restricted-imports -- benchmark tooling, never published (not in package.json "files") */
/**
 * The raw-script side of the comparison (axios only, no n8n), and the checks every client's
 * result must pass, so a fast but broken run never makes it into the table.
 */
import axios, { type AxiosInstance } from 'axios';
import { Agent } from 'node:http';
import type { IDataObject } from 'n8n-workflow';

import { SINGLE_PROFILE_TOKEN } from '../sandbox/config';

export type ListResource = 'product' | 'customer';

export const LIST_PATH: Record<ListResource, string> = {
	product: '/products',
	customer: '/customers',
};

export function fail(what: string, detail: unknown): never {
	const text = detail instanceof Error ? `${detail.message}` : JSON.stringify(detail);
	throw new Error(`${what}: ${text?.slice(0, 500)}`);
}

export interface CreateInput extends IDataObject {
	first: string;
	last: string;
	email: string;
}

export function createInputs(count: number, tag: string): CreateInput[] {
	return Array.from({ length: count }, (_, index) => ({
		first: 'Bench',
		last: `Customer ${index + 1}`,
		email: `bench.${tag}.${index + 1}@example.com`,
	}));
}

// ---- Raw axios --------------------------------------------------------------------------------

/**
 * Its own axios instance: n8n-core installs a request interceptor on the shared default axios
 * instance (a fresh http.Agent per request), which a raw script in its own process would not
 * have. `axios.create()` has its own interceptors, so it behaves like a standalone script:
 * Node's global agent, keep-alive on (Node ≥ 19).
 */
let rawClient: AxiosInstance | undefined;

function raw(): AxiosInstance {
	rawClient ??= axios.create({
		headers: { Authorization: `Bearer ${SINGLE_PROFILE_TOKEN}`, Accept: 'application/json' },
	});
	return rawClient;
}

/**
 * `keepAlive: false` sends every request as n8n-core 2.11.1 does: with a new http.Agent of its own
 * (keep-alive off), so each request opens a TCP connection. It tells how much of the node's gap
 * to the raw script is that, which a declarative node cannot change.
 */
export interface RawOptions {
	keepAlive?: boolean;
}

function agentFor(options: RawOptions): { httpAgent?: Agent } {
	return options.keepAlive === false ? { httpAgent: new Agent() } : {};
}

async function rawPage(
	baseUrl: string,
	resource: ListResource,
	page: number,
	options: RawOptions = {},
): Promise<IDataObject[]> {
	const { data } = await raw().get<unknown>(`${baseUrl}${LIST_PATH[resource]}`, {
		params: { page },
		...agentFor(options),
	});
	if (!Array.isArray(data)) fail(`raw ${resource} page ${page} is not a list`, data);
	return data as IDataObject[];
}

/** The obvious script: page 1, 2, 3, … until an empty page or one shorter than the first. */
export async function rawReturnAll(
	baseUrl: string,
	resource: ListResource,
	options: RawOptions = {},
): Promise<IDataObject[]> {
	const all: IDataObject[] = [];
	let pageSize: number | undefined;
	for (let page = 1; ; page++) {
		const items = await rawPage(baseUrl, resource, page, options);
		all.push(...items);
		if (items.length === 0) break;
		pageSize ??= items.length;
		if (items.length < pageSize) break;
	}
	return all;
}

/**
 * A script that fetches ahead: page 1 first (its length is the page size), then `inFlight`
 * workers take the next page number until one comes back short or empty.
 */
export async function rawReturnAllParallel(
	baseUrl: string,
	resource: ListResource,
	inFlight: number,
): Promise<IDataObject[]> {
	const first = await rawPage(baseUrl, resource, 1);
	const pageSize = first.length;
	if (pageSize === 0) return [];
	const pages: IDataObject[][] = [first];
	let next = 2;
	let last = Infinity;
	const worker = async () => {
		for (let page = next++; page <= last; page = next++) {
			const items = await rawPage(baseUrl, resource, page);
			pages[page - 1] = items;
			if (items.length < pageSize) last = Math.min(last, page);
		}
	};
	await Promise.all(Array.from({ length: inFlight }, worker));
	return pages.slice(0, last).flat();
}

/**
 * Return All as the BillPro node reads it (shared/pagination.ts): page 1 alone (its length is the
 * page size), then `pagesAhead` pages at a time, each batch waited for, up to the first empty or
 * short page. The raw script at the node's concurrency.
 */
export async function rawReturnAllAhead(
	baseUrl: string,
	resource: ListResource,
	pagesAhead: number,
	options: RawOptions = {},
): Promise<IDataObject[]> {
	const first = await rawPage(baseUrl, resource, 1, options);
	const all = [...first];
	let ended = first.length === 0;
	for (let next = 2; !ended; next += pagesAhead) {
		const batch = Array.from({ length: pagesAhead }, (_, index) => next + index);
		for (const items of await Promise.all(
			batch.map(async (page) => await rawPage(baseUrl, resource, page, options)),
		)) {
			all.push(...items);
			if (items.length < first.length) {
				ended = true;
				break;
			}
		}
	}
	return all;
}

/** POST /customers for every input, `concurrency` requests at a time. */
export async function rawCreate(
	baseUrl: string,
	inputs: CreateInput[],
	concurrency: number,
	options: RawOptions = {},
): Promise<IDataObject[]> {
	const out: IDataObject[] = new Array(inputs.length);
	let next = 0;
	const worker = async () => {
		for (let index = next++; index < inputs.length; index = next++) {
			const { first, last, email } = inputs[index];
			const { data } = await raw().post<IDataObject>(
				`${baseUrl}${LIST_PATH.customer}`,
				{ customer: { first_name: first, last_name: last, email } },
				{ headers: { 'Content-Type': 'application/json' }, ...agentFor(options) },
			);
			out[index] = data;
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return out;
}

// ---- Checks -----------------------------------------------------------------------------------

/** The same records a full crawl must give: `expected` of them, ids unique. */
export function checkList(what: string, records: IDataObject[], expected: number): void {
	const ids = new Set(records.map((record) => record.id));
	if (records.length !== expected || ids.size !== expected) {
		fail(what, `expected ${expected} records, got ${records.length} (${ids.size} distinct ids)`);
	}
}

export function checkCreated(what: string, records: IDataObject[], inputs: CreateInput[]): void {
	const emails = new Set(records.map((record) => record?.email));
	const missing = inputs.filter((input) => !emails.has(input.email)).length;
	const withoutId = records.filter((record) => record?.id === undefined).length;
	if (records.length !== inputs.length || missing || withoutId) {
		fail(
			what,
			`expected ${inputs.length} customers, got ${records.length} (${missing} emails missing, ${withoutId} without id)`,
		);
	}
}
