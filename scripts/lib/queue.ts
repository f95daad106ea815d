/**
 * n8n in queue mode, as self-hosted users scale it out: Redis and PostgreSQL (Debian's packages,
 * private instances on 127.0.0.1), the main (`n8n start`: editor, REST API, triggers), workers
 * (`n8n worker`: run the executions they take from Redis) and a webhook processor (`n8n
 * webhook`: production webhooks). Each process has its own user folder with this package
 * installed as a community package, and one encryption key; the main stack (sandbox,
 * credentials, examples, the package's registration) is scripts/lib/stack.ts's.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { step, timed } from './log';
import { OWNER, startN8n, type N8nOptions, type N8nRole, type N8nServer } from './n8n';
import { installCommunityPackage } from './package';
import { postgresEnv, startPostgres, type Postgres } from './postgres';
import { freePort } from './proc';
import { startRedis, type Redis } from './redis';
import { N8nRest } from './rest';
import { startStack, wireGateway, type Stack, type StackOptions } from './stack';

export interface QueueStackOptions extends Omit<StackOptions, 'n8nEnv' | 'postgres'> {
	workers: number;
	/** Jobs each worker runs at once (`n8n worker --concurrency`). */
	concurrency: number;
	/** 0: random free ports for Redis and PostgreSQL. */
	redisPort?: number;
	postgresPort?: number;
	/** Ports of the workers' health servers and of the webhook processor (default: random). */
	processPorts?: { workers?: number[]; webhook?: number };
	/** Extra n8n environment for every process (e.g. the e2e's faster stalled-job check). */
	env?: NodeJS.ProcessEnv;
}

/** One worker or webhook processor: how it was started, so it can be started again. */
export interface QueueProcess {
	name: string;
	role: N8nRole;
	args: string[];
	options: N8nOptions;
	logFile: string;
	/** http://127.0.0.1:<port>: a worker's health server, or the webhook processor. */
	url: string;
	server: N8nServer;
}

export interface QueueStack {
	stack: Stack;
	redis: Redis;
	postgres: Postgres;
	workers: QueueProcess[];
	webhook: QueueProcess;
	/** Stops the workers and the webhook processor, then the main stack, Redis, PostgreSQL. */
	stop(): Promise<void>;
}

/** The environment every process of the queue shares. */
function queueEnv(redis: Redis, postgres: Postgres, extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		...postgresEnv(postgres),
		// Runs started in the editor or the REST API go to the workers too, not only triggered ones.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// Production webhooks are the webhook processor's: the main serves none.
		N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		...extra,
	};
}

/** Starts a worker or the webhook processor as described (again, after a kill). */
export async function startQueueProcess(
	described: Omit<QueueProcess, 'server'>,
): Promise<QueueProcess> {
	const { options, logFile, role, args } = described;
	return { ...described, server: await startN8n(options, logFile, role, args) };
}

export async function startQueueStack(options: QueueStackOptions): Promise<QueueStack> {
	const logDir = path.join(options.workDir, 'logs');
	mkdirSync(logDir, { recursive: true });
	const aptLog = path.join(logDir, 'apt.log');
	const redis = await timed('Starting Redis (redis-server) on 127.0.0.1', async () =>
		startRedis({
			port: options.redisPort || (await freePort()),
			dir: path.join(options.workDir, 'redis'),
			logFile: path.join(logDir, 'redis.log'),
			aptLogFile: aptLog,
		}),
	);
	step(`Redis listening on 127.0.0.1:${redis.port}`);
	let postgres: Postgres | undefined;
	let stack: Stack | undefined;
	const started: QueueProcess[] = [];
	const stopAll = async () => {
		await Promise.all(started.map((running) => running.server.stop()));
		await stack?.stop();
		await postgres?.stop();
		await redis.stop();
	};
	try {
		postgres = await timed('Starting PostgreSQL on 127.0.0.1 (a fresh cluster)', async () =>
			startPostgres({
				port: options.postgresPort || (await freePort()),
				logFile: path.join(logDir, 'postgres.log'),
				aptLogFile: aptLog,
			}),
		);
		step(`PostgreSQL listening on 127.0.0.1:${postgres.port} (database ${postgres.database})`);
		const webhookPort = options.processPorts?.webhook ?? (await freePort());
		// The Production URLs the editor shows are the webhook processor's.
		const env = queueEnv(redis, postgres, {
			N8N_WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/`,
			...options.env,
		});
		// The gateway's notifications go to the webhook processor, wired once it runs.
		const main = await startStack({ ...options, wireGateway: false, n8nEnv: env, postgres });
		stack = main;

		const setupLog = path.join(logDir, 'setup.log');
		const describe = async (
			name: string,
			role: N8nRole,
			args: string[],
			fixedPort?: number,
		): Promise<Omit<QueueProcess, 'server'>> => {
			const port = fixedPort ?? (await freePort());
			const userFolder = path.join(options.workDir, `n8n-${name}`);
			await installCommunityPackage(main.runtime, userFolder, main.tarball, setupLog);
			return {
				name,
				role,
				args,
				logFile: path.join(logDir, `n8n-${name}.log`),
				url: `http://127.0.0.1:${port}`,
				options: {
					...main.n8nOptions,
					userFolder,
					port,
					brokerPort: await freePort(),
					// main's: the queue settings and any n8n settings the run changed (n8nSettings.ts)
					env: { ...main.n8nOptions.env, QUEUE_HEALTH_CHECK_PORT: String(port) },
				},
			};
		};
		const planned = [
			...(await Promise.all(
				Array.from({ length: options.workers }, (_, index) =>
					describe(
						`worker-${index + 1}`,
						'worker',
						[`--concurrency=${options.concurrency}`],
						options.processPorts?.workers?.[index],
					),
				),
			)),
			await describe('webhook', 'webhook', [], webhookPort),
		];
		step(`Installed ${main.packageName} into ${planned.length} more n8n user folders`);
		await timed(`Starting ${options.workers} workers and a webhook processor`, async () => {
			await Promise.all(
				planned.map(async (described) => started.push(await startQueueProcess(described))),
			);
		});
		const byName = (name: string) => started.find((running) => running.name === name)!;
		if (options.wireGateway) {
			const rest = new N8nRest(main.n8n.url);
			await rest.login(OWNER.email, OWNER.password);
			await wireGateway(rest, main.sandbox, byName('webhook').url);
		}
		return {
			stack: main,
			redis,
			postgres,
			workers: planned.filter((p) => p.role === 'worker').map((p) => byName(p.name)),
			webhook: byName('webhook'),
			stop: stopAll,
		};
	} catch (error) {
		await stopAll();
		throw error;
	}
}
