/**
 * `npm start` brings up n8n and the sandbox, prints the editor URL and the login, and Ctrl-C
 * stops both. Run on other ports, in a temporary n8n user folder with its own sandbox data file,
 * beside the suite's own n8n.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { OWNER } from '../../scripts/lib/n8n';
import { REPO_ROOT } from '../../scripts/lib/package';
import { SANDBOX_CREDENTIAL, SANDBOX_GATEWAY_CREDENTIAL } from '../../scripts/lib/stack';
import { freePort, portOpen, sleep } from '../../scripts/lib/proc';
import { endpointPath } from '../../nodes/BillPro/shared/api';
import { SINGLE_PROFILE_TOKEN } from '../../sandbox';

/** Pays a new single-payment order in the sandbox; what n8n answered the gateway's notification. */
async function paidOrderNotified(sandboxPort: number): Promise<number> {
	const origin = `http://127.0.0.1:${sandboxPort}`;
	const api = async (method: string, apiPath: string, body?: unknown) =>
		await (
			await fetch(`${origin}/api/v1${apiPath}`, {
				method,
				headers: {
					authorization: `Bearer ${SINGLE_PROFILE_TOKEN}`,
					'content-type': 'application/json',
				},
				body: body === undefined ? undefined : JSON.stringify(body),
			})
		).json();
	const products = (await api('GET', '/products?page=1')) as Array<{
		id: number;
		product_type: string;
		currency: string;
	}>;
	const product = products.find((candidate) => candidate.product_type === 'single_payment');
	const order = (await api('POST', endpointPath('createSingleOrder'), {
		order: {
			customer_id: 1,
			currency: product?.currency,
			order_products: [{ product_id: product?.id, quantity: 1 }],
		},
	})) as { id: number };
	await fetch(`${origin}/__sandbox/orders/${order.id}/payments?profile_id=1`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ outcome: 'approve' }),
	});
	for (let waited = 0; waited < 20_000; waited += 250) {
		const { deliveries } = (await (
			await fetch(`${origin}/__sandbox/gateway/deliveries`)
		).json()) as {
			deliveries: Array<{ status: number; outcome: string }>;
		};
		const done = deliveries.find((entry) => entry.outcome !== 'retrying');
		if (done) return done.status;
		await sleep(250);
	}
	return 0;
}

describe('npm start', () => {
	it('starts n8n with the BillPro node and the sandbox, wires the gateway example, and Ctrl-C stops both', async () => {
		const userFolder = mkdtempSync(path.join(tmpdir(), 'billpro-start-'));
		const dataFile = path.join(userFolder, 'sandbox-data.json');
		const ports = { n8n: await freePort(), broker: await freePort(), sandbox: await freePort() };
		const child = spawn('npm', ['start'], {
			cwd: REPO_ROOT,
			env: {
				...process.env,
				BILLPRO_N8N_USER_FOLDER: userFolder,
				BILLPRO_N8N_PORT: String(ports.n8n),
				BILLPRO_N8N_BROKER_PORT: String(ports.broker),
				BILLPRO_SANDBOX_PORT: String(ports.sandbox),
				BILLPRO_SANDBOX_DATA_FILE: dataFile,
			},
			// Its own process group, like a terminal's foreground job: Ctrl-C signals the group.
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		const exited = new Promise<string>((resolve) =>
			child.once('exit', (code, signal) => resolve(signal ?? String(code))),
		);

		try {
			const deadline = Date.now() + 150_000;
			while (!output.includes('Press Ctrl-C') && Date.now() < deadline && child.exitCode === null) {
				await sleep(250);
			}
			expect(output).toContain('Press Ctrl-C to stop n8n and the sandbox.');

			const editor = `http://127.0.0.1:${ports.n8n}`;
			const sandboxBase = `http://127.0.0.1:${ports.sandbox}/api/v1`;
			expect(output).toMatch(new RegExp(`Editor\\s+${editor}`));
			expect(output).toContain(`${OWNER.email}  /  ${OWNER.password}`);
			expect(output).toMatch(new RegExp(`Sandbox\\s+${sandboxBase}`));
			expect(output).toContain(SINGLE_PROFILE_TOKEN);
			expect(output).toMatch(
				new RegExp(
					`Data\\s+Sandbox data: no file yet, started from the seed in ${dataFile}; the example triggers' memory cleared with it`,
				),
			);
			// Both credentials it made, and where the gateway one's key comes from.
			expect(output).toContain(`Credential "${SANDBOX_CREDENTIAL.name}"`);
			expect(output).toContain(`Credential "${SANDBOX_GATEWAY_CREDENTIAL.name}"`);
			expect(output).toContain('SANDBOX_GATEWAY_KEY');

			expect((await fetch(`${editor}/`)).status).toBe(200);
			expect(
				await (await fetch(`http://127.0.0.1:${ports.sandbox}/__sandbox/health`)).json(),
			).toEqual({ ok: true });

			// The gateway example is active and the sandbox's payment notifications reach it.
			expect(output).toContain('Sandbox payment notifications go to');
			await expect(paidOrderNotified(ports.sandbox)).resolves.toBe(200);

			// Ctrl-C.
			process.kill(-(child.pid as number), 'SIGINT');
			let timer: NodeJS.Timeout | undefined;
			const end = await Promise.race([
				exited,
				new Promise<string>(
					(resolve) => (timer = setTimeout(() => resolve('still running after 45 s'), 45_000)),
				),
			]);
			clearTimeout(timer);
			// npm itself ends the way a terminal's Ctrl-C ends it: by the signal.
			expect(['0', 'SIGINT']).toContain(end);
			expect(output).toContain('Stopped.');
			expect(output).not.toContain('WARNING');
			expect(await portOpen(ports.n8n)).toBe(false);
			expect(await portOpen(ports.broker)).toBe(false);
			expect(await portOpen(ports.sandbox)).toBe(false);
		} catch (error) {
			process.stdout.write(`npm start printed:\n${output}\n`);
			throw error;
		} finally {
			if (child.exitCode === null && child.signalCode === null)
				process.kill(-(child.pid as number), 'SIGKILL');
			rmSync(userFolder, { recursive: true, force: true });
		}
	});
});
