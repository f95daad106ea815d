import { sandboxPerFile } from '../harness/sandboxPerFile';
import { ENDPOINTS, endpointPath, type EndpointName } from '../../nodes/BillPro/shared/api';
import { MAX_BODY_BYTES } from '../../sandbox';
import { sendRaw, single } from './client';

const sandbox = sandboxPerFile();

const JSON_TYPE = 'application/json; charset=utf-8';

describe('routes come from ENDPOINTS in nodes/BillPro/shared/api.ts', () => {
	const implemented: EndpointName[] = [
		'listProducts',
		'getProduct',
		'createCustomer',
		'listCustomers',
		'getCustomer',
		'updateCustomer',
	];

	it.each(implemented)('%s answers at its table method and path', async (name) => {
		const { method } = ENDPOINTS[name];
		const res = await single(sandbox()).request({
			method,
			url: endpointPath(name, 1),
			data:
				method === 'GET'
					? undefined
					: { customer: { first_name: 'A', last_name: 'B', email: `${name}@example.com` } },
		});
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toBe(JSON_TYPE);
	});
});

describe('not found', () => {
	it.each([
		['get', '/no-such-resource'],
		['get', ''],
		['get', '/'],
		['get', '/products/1/extra'],
		['get', '/products/'],
		['get', '//products'],
		['get', '/Products'],
		['delete', '/customers/1'],
		['put', '/customers'],
		['post', '/customers/1'],
		['patch', '/customers/1'],
	] as const)('%s /api/v1%s answers 404 {"error":"Not found"}', async (method, path) => {
		const res = await single(sandbox()).request({ method, url: `${sandbox().baseUrl}${path}` });
		expect(res.status).toBe(404);
		expect(res.data).toEqual({ error: 'Not found' });
		expect(res.headers['content-type']).toBe(JSON_TYPE);
	});

	it('answers an unknown record id with 422, not 404', async () => {
		for (const name of ['getProduct', 'getCustomer'] as const) {
			const res = await single(sandbox()).get(endpointPath(name, 424242));
			expect(res.status).toBe(422);
			expect(res.data).toEqual({ id: ['not found'] });
			expect(res.headers['content-type']).toBe(JSON_TYPE);
		}
	});
});

describe('request bodies', () => {
	it('answers 400 JSON for a malformed body', async () => {
		const res = await sendRaw(
			single(sandbox()),
			'post',
			endpointPath('createCustomer'),
			'{bad json',
		);
		expect(res.status).toBe(400);
		expect(res.data).toEqual({ error: 'Malformed JSON body' });
		expect(res.headers['content-type']).toBe(JSON_TYPE);
	});

	it('answers 413 for a body over the size limit', async () => {
		const res = await sendRaw(
			single(sandbox()),
			'post',
			endpointPath('createCustomer'),
			'x'.repeat(MAX_BODY_BYTES + 1),
		);
		expect(res.status).toBe(413);
		expect(res.data).toEqual({ error: 'Request body too large' });
	});
});
