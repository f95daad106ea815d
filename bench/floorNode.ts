/* eslint-disable @n8n/community-nodes/no-restricted-globals -- benchmark tooling, never published (not in package.json "files") */
/**
 * The floor node of `npm run bench:n8n`: the least a community node can do in n8n to run the
 * benchmark's jobs. It is installed into the bench's n8n as a community package of its own
 * (`n8n-nodes-billpro-floor`, bench/floorPackage.ts), uses this package's credential type
 * (`billProApi`, so the same `authenticate` and request policy run on every request), and does
 * nothing but what every node must:
 *
 *   - reads the mapped fields of each item with `this.getNodeParameter` (the same three fields,
 *     with the same expressions, as the BillPro node's Customer → Create);
 *   - sends the same requests (method, URL, query, headers, body, JSON, timeout, full response,
 *     HTTP errors as answers) with `this.helpers.httpRequestWithAuthentication`, the credential
 *     read once per run and passed as `credentialsDecrypted`, as the BillPro node's creates do;
 *   - with the same requests in flight: creates `In Flight` workers taking items in order (a
 *     sliding window, as run/runOperation.ts); Return All page 1 alone, then `In Flight` pages
 *     at a time, each batch waited for, up to the first empty or short page
 *     (shared/pagination.ts, PAGES_AHEAD).
 *
 * No checks, no retries, no request slots, no error mapping, no validation of the answer beyond
 * its status and that a list is an array. Self-contained on purpose: it is transpiled alone and
 * imports nothing at run time (its n8n-workflow imports are types only).
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	NodeConnectionType,
} from 'n8n-workflow';

const CREDENTIAL_TYPE = 'billProApi';
const MAIN = 'main' as NodeConnectionType;

export class BillProFloor implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BillPro Floor (benchmark)',
		name: 'billProFloor',
		group: ['transform'],
		version: 1,
		description: "The benchmark's floor: the least a node does to send BillPro's requests",
		defaults: { name: 'BillPro Floor' },
		inputs: [MAIN],
		outputs: [MAIN],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				displayName: 'Job',
				name: 'job',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Return All', value: 'list' },
					{ name: 'Create Customers', value: 'create' },
				],
				default: 'list',
			},
			{
				displayName: 'List Path',
				name: 'listPath',
				type: 'string',
				default: '/products',
				displayOptions: { show: { job: ['list'] } },
			},
			{
				displayName: 'In Flight',
				name: 'inFlight',
				type: 'number',
				default: 4,
				description: 'Return All: pages per batch after page 1. Create: requests at a time.',
			},
			{
				displayName: 'Credential per Request',
				name: 'credentialPerRequest',
				type: 'boolean',
				default: false,
				description:
					"Whether to let n8n read the credential for every request (no credentialsDecrypted), as it does for a routed operation's requests: a diagnostic, not the floor",
			},
			{
				displayName: 'Turns',
				name: 'turns',
				type: 'boolean',
				default: false,
				description:
					"Whether the create's workers prepare one item per turn of the event loop, as the BillPro node's do (run/runOperation.ts): a diagnostic, not the floor",
			},
			...(['firstName', 'lastName', 'email'] as const).map((name) => ({
				displayName: name,
				name,
				type: 'string' as const,
				default: '',
				displayOptions: { show: { job: ['create'] } },
			})),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const job = this.getNodeParameter('job', 0) as 'list' | 'create';
		const inFlight = Math.max(1, this.getNodeParameter('inFlight', 0) as number);
		const credentials = await this.getCredentials(CREDENTIAL_TYPE);
		const { id, name } = this.getNode().credentials?.[CREDENTIAL_TYPE] ?? { id: null, name: '' };
		const perRequest = this.getNodeParameter('credentialPerRequest', 0, false) as boolean;
		const credentialsDecrypted = perRequest
			? undefined
			: { id: id ?? '', name, type: CREDENTIAL_TYPE, data: credentials };
		const baseURL = baseUrlOf(credentials);
		const send = async (request: Omit<IHttpRequestOptions, 'baseURL'>) => {
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				{
					...request,
					baseURL,
					json: true,
					timeout: 300_000,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
				},
				{ credentialsDecrypted },
			)) as IN8nHttpFullResponse;
			if (response.statusCode >= 400) {
				throw new Error(`${request.method} ${request.url}: HTTP ${response.statusCode}`);
			}
			return response.body;
		};

		if (job === 'list') {
			const url = this.getNodeParameter('listPath', 0) as string;
			const page = async (number: number) => {
				const body = await send({
					method: 'GET',
					url,
					qs: { page: number },
					headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
				});
				if (!Array.isArray(body)) throw new Error(`${url} page ${number} is not a list`);
				return body as IDataObject[];
			};
			const first = await page(1);
			const records = [...first];
			let ended = first.length === 0;
			for (let next = 2; !ended; next += inFlight) {
				const batch = Array.from({ length: inFlight }, (_, index) => next + index);
				for (const items of await Promise.all(batch.map(page))) {
					records.push(...items);
					if (items.length < first.length) {
						ended = true;
						break;
					}
				}
			}
			return [records.map((json) => ({ json, pairedItem: { item: 0 } }))];
		}

		const items = this.getInputData();
		const results: INodeExecutionData[] = new Array(items.length);
		const turns = this.getNodeParameter('turns', 0, false) as boolean;
		let lastTurn: Promise<void> = Promise.resolve();
		const nextTurn = async () => {
			const previous = lastTurn;
			let done = () => {};
			lastTurn = new Promise<void>((resolve) => (done = resolve));
			await previous;
			setTimeout(done, 0);
		};
		let next = 0;
		const worker = async () => {
			for (let index = next++; index < items.length; index = next++) {
				if (turns) await nextTurn();
				const customer = {
					first_name: this.getNodeParameter('firstName', index) as string,
					last_name: this.getNodeParameter('lastName', index) as string,
					email: this.getNodeParameter('email', index) as string,
				};
				const body = await send({
					method: 'POST',
					url: '/customers',
					headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
					body: { customer },
				});
				results[index] = { json: body as IDataObject, pairedItem: { item: index } };
			}
		};
		await Promise.all(Array.from({ length: Math.min(inFlight, items.length) }, worker));
		return [results];
	}
}

/** The BillPro credential's base URL (the bench uses Custom URL; nodes/BillPro/shared/api.ts). */
function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.customUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
}
