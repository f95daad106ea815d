import axios from 'axios';
import { Agent } from 'node:http';

import { endpointPath } from '../../nodes/BillPro/shared/api';
import {
	DEFAULT_PORT,
	MULTI_PROFILE_TOKEN,
	PROFILES,
	SINGLE_PROFILE_TOKEN,
	startSandbox,
} from '../../sandbox';
import { single } from './client';

describe('startSandbox options and constants', () => {
	it('exports the documented fixtures', () => {
		expect(SINGLE_PROFILE_TOKEN).toBe(
			'sandboxsingleprofiletoken0000000000000000000000000000000000',
		);
		expect(MULTI_PROFILE_TOKEN).toBe('sandboxmultiprofiletoken00000000000000000000000000000000000');
		expect(SINGLE_PROFILE_TOKEN).toHaveLength(59);
		expect(MULTI_PROFILE_TOKEN).toHaveLength(59);
		expect(DEFAULT_PORT).toBe(8787);
		expect(PROFILES.map(({ id, name }) => [id, name])).toEqual([
			[1, 'Sandbox Merchant'],
			[5, 'Sandbox Shop EU'],
			[7, 'Sandbox Shop UK'],
		]);
	});

	it('listens on 127.0.0.1 on a random port by default', async () => {
		const a = await startSandbox();
		const b = await startSandbox();
		try {
			expect(a.port).toBeGreaterThan(0);
			expect(a.port).not.toBe(b.port);
			expect(a.url).toBe(`http://127.0.0.1:${a.port}`);
		} finally {
			await Promise.all([a.close(), b.close()]);
		}
	});

	it('delays every API response by latencyMs, but not the control endpoints', async () => {
		const slow = await startSandbox({ latencyMs: 150 });
		try {
			let started = Date.now();
			const res = await single(slow).get(endpointPath('listProducts'));
			expect(res.status).toBe(200);
			expect(Date.now() - started).toBeGreaterThanOrEqual(140);
			started = Date.now();
			await axios.get(`${slow.url}/__sandbox/health`);
			expect(Date.now() - started).toBeLessThan(140);
		} finally {
			await slow.close();
		}
	});

	it('refuses a negative latency', async () => {
		await expect(startSandbox({ latencyMs: -1 })).rejects.toThrow('latencyMs');
	});

	it('close() does not wait for responses in flight (closeAllConnections)', async () => {
		const sandbox = await startSandbox({ latencyMs: 5000 });
		const pending = single(sandbox).get(endpointPath('listProducts'));
		// The request is logged before the latency wait starts.
		while (sandbox.store.requests.length === 0)
			await new Promise((resolve) => setTimeout(resolve, 10));
		const started = Date.now();
		await sandbox.close();
		expect(Date.now() - started).toBeLessThan(1000);
		await expect(pending).rejects.toThrow();
	});

	it('close() also closes idle keep-alive connections, promptly', async () => {
		const sandbox = await startSandbox();
		const agent = new Agent({ keepAlive: true });
		try {
			const res = await axios.get(`${sandbox.url}/__sandbox/health`, { httpAgent: agent });
			expect(res.data).toEqual({ ok: true });
			const started = Date.now();
			await sandbox.close();
			expect(Date.now() - started).toBeLessThan(1000);
			await expect(
				axios.get(`${sandbox.url}/__sandbox/health`, { httpAgent: agent, timeout: 2000 }),
			).rejects.toThrow();
		} finally {
			agent.destroy();
		}
	});
});
