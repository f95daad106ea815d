/**
 * `npm start -- --queue`: the stack of `npm start` in n8n's queue mode, for a person to try:
 * Redis and PostgreSQL (Debian's, private, on 127.0.0.1), the main with the editor, 2 workers
 * and a webhook processor, each with this package installed. Everything lives in a temporary
 * folder, removed at Ctrl-C: the database starts fresh each time. The sandbox keeps its data as
 * with `npm start` (`--reset` clears it).
 *
 * Ports besides npm start's: Redis 6380 (BILLPRO_REDIS_PORT), PostgreSQL 5433
 * (BILLPRO_POSTGRES_PORT), the workers' health servers 5682 and 5683 (BILLPRO_WORKER1_PORT,
 * BILLPRO_WORKER2_PORT), the webhook processor 5684 (BILLPRO_WEBHOOK_PORT).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { SINGLE_PROFILE_TOKEN } from '../sandbox';
import { print } from './lib/log';
import { OWNER } from './lib/n8n';
import { startQueueStack } from './lib/queue';
import type { SandboxDataOptions } from './lib/sandboxData';
import { SANDBOX_CREDENTIAL } from './lib/stack';

export interface QueuePorts {
	redis: number;
	postgres: number;
	workers: number[];
	webhook: number;
	/** Each port with the variable that sets it. */
	named: Array<readonly [string, number]>;
}

/** The queue's own ports, from the environment or the defaults above. */
export function queuePorts(portFromEnv: (name: string, fallback: number) => number): QueuePorts {
	const port = (name: string, fallback: number) => {
		const chosen = portFromEnv(name, fallback);
		named.push([name, chosen]);
		return chosen;
	};
	const named: Array<readonly [string, number]> = [];
	return {
		redis: port('BILLPRO_REDIS_PORT', 6380),
		postgres: port('BILLPRO_POSTGRES_PORT', 5433),
		workers: [port('BILLPRO_WORKER1_PORT', 5682), port('BILLPRO_WORKER2_PORT', 5683)],
		webhook: port('BILLPRO_WEBHOOK_PORT', 5684),
		named,
	};
}

export async function startQueueMode(ports: {
	n8n: number;
	broker: number;
	sandbox: number;
	queue: QueuePorts;
	sandboxData: SandboxDataOptions;
}): Promise<{ stop(): Promise<void>; exited: Promise<string> }> {
	const workDir = mkdtempSync(path.join(tmpdir(), 'billpro-queue-'));
	const queue = await startQueueStack({
		userFolder: path.join(workDir, 'n8n-main'),
		workDir,
		n8nPort: ports.n8n,
		brokerPort: ports.broker,
		sandboxPort: ports.sandbox,
		importExamples: 'all',
		wireGateway: true,
		sandboxData: ports.sandboxData,
		workers: ports.queue.workers.length,
		concurrency: 10,
		redisPort: ports.queue.redis,
		postgresPort: ports.queue.postgres,
		processPorts: { workers: ports.queue.workers, webhook: ports.queue.webhook },
	});
	const { stack } = queue;
	const processes = [
		{ name: 'main', exited: stack.n8n.exited },
		...[...queue.workers, queue.webhook].map((p) => ({ name: p.name, exited: p.server.exited })),
	];
	const line = '─'.repeat(78);
	print(
		[
			'',
			line,
			`  n8n ${stack.runtime.n8nVersion} in queue mode with ${stack.packageName} ${stack.packageVersion} (community package on every process)`,
			'',
			`  Editor     ${stack.n8n.url}   (the main: editor, REST API, triggers)`,
			`  Login      ${OWNER.email}  /  ${OWNER.password}`,
			...queue.workers.map(
				(worker) =>
					`  ${worker.name.padEnd(10)} ${worker.url}/healthz   (runs executions from Redis; log ${worker.logFile})`,
			),
			"             The editor's Execute workflow runs on the workers too, as in n8n 3.0 (OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true).",
			`  Webhooks   ${queue.webhook.url}/webhook/…   (the webhook processor; the main serves none)`,
			`  Redis      127.0.0.1:${queue.redis.port}        PostgreSQL 127.0.0.1:${queue.postgres.port} (database ${queue.postgres.database})`,
			'',
			`  Sandbox    ${stack.sandbox.baseUrl}   token ${SINGLE_PROFILE_TOKEN}`,
			`  Credential "${SANDBOX_CREDENTIAL.name}" points at the sandbox; payment notifications go to the webhook processor.`,
			`  Data       ${stack.sandboxDataLine}`,
			'',
			'  Example workflows:',
			...stack.examples.map(
				(example) => `    ${stack.n8n.url}/workflow/${example.id.padEnd(22)} ${example.name}`,
			),
			'',
			`  Data and logs  ${workDir} (temporary: removed at Ctrl-C)`,
			'  Press Ctrl-C to stop everything.',
			line,
			'',
		].join('\n'),
	);
	return {
		async stop() {
			await queue.stop();
			rmSync(workDir, { recursive: true, force: true });
		},
		exited: Promise.race(processes.map(({ name, exited }) => exited.then(() => name))),
	};
}
