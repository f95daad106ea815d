/**
 * A private Redis for n8n's queue mode: Debian's redis-server on 127.0.0.1 and a port of its
 * own, nothing saved to disk (its folder is temporary), stopped with the stack.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { connect } from 'node:net';

import { ensureDebianPackages, findExecutable } from './apt';
import { sleep } from './proc';

export interface Redis {
	host: string;
	port: number;
	stop(): Promise<void>;
}

/** Answers PONG to PING on 127.0.0.1:port? */
function ping(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
		socket.setTimeout(2000, () => socket.destroy());
		socket.once('data', (data) => {
			resolve(data.toString().startsWith('+PONG'));
			socket.destroy();
		});
		socket.once('error', () => resolve(false));
		socket.once('close', () => resolve(false));
	});
}

export async function startRedis(options: {
	port: number;
	dir: string;
	logFile: string;
	aptLogFile: string;
}): Promise<Redis> {
	await ensureDebianPackages(['redis-server'], () => !!findRedis(), options.aptLogFile);
	mkdirSync(options.dir, { recursive: true });
	const log = createWriteStream(options.logFile, { flags: 'a' });
	const child = spawn(
		findRedis()!,
		[
			'--port',
			String(options.port),
			'--bind',
			'127.0.0.1',
			'--protected-mode',
			'yes',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			options.dir,
			'--daemonize',
			'no',
		],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	child.stdout.pipe(log, { end: false });
	child.stderr.pipe(log, { end: false });
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const killOnExit = () => child.kill('SIGKILL');
	process.once('exit', killOnExit);

	for (let waited = 0; !(await ping(options.port)); waited += 200) {
		if (child.exitCode !== null || waited > 30_000) {
			child.kill('SIGKILL');
			throw new Error(
				`redis-server did not start on port ${options.port}; log: ${options.logFile}`,
			);
		}
		await sleep(200);
	}
	return {
		host: '127.0.0.1',
		port: options.port,
		async stop() {
			process.removeListener('exit', killOnExit);
			if (child.exitCode === null) child.kill('SIGTERM');
			await exited;
			log.end();
		},
	};
}

function findRedis(): string | undefined {
	return findExecutable('redis-server', ['/usr/bin', '/usr/sbin']);
}
