import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** Append stdout and stderr to this file instead of inheriting the terminal. */
	logFile?: string;
	/** Collect stdout and return it (stderr still goes to logFile or the terminal). */
	capture?: boolean;
	/** Reject unless the exit code is 0 (default true). */
	check?: boolean;
	timeoutMs?: number;
	/** Run as this user (when this process is root), e.g. PostgreSQL, which refuses root. */
	user?: { uid: number; gid: number };
}

export interface RunResult {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs a command to completion. Never goes through a shell. */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
	return new Promise((resolve, reject) => {
		const log = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : undefined;
		log?.write(`\n$ ${command} ${args.join(' ')}\n`);
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
			...options.user,
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => {
			if (options.capture) stdout += chunk.toString();
			else if (log) log.write(chunk);
			else process.stdout.write(chunk);
		});
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
			if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
			if (log) log.write(chunk);
			else if (!options.capture) process.stderr.write(chunk);
		});
		const timer =
			options.timeoutMs === undefined
				? undefined
				: setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
		child.on('error', (error) => {
			if (timer) clearTimeout(timer);
			log?.end();
			reject(error);
		});
		child.on('close', (code, signal) => {
			if (timer) clearTimeout(timer);
			log?.end();
			const exit = code ?? (signal ? 128 : 1);
			if (exit !== 0 && options.check !== false) {
				const where = options.logFile ? ` (full log: ${options.logFile})` : '';
				reject(
					new Error(
						`${command} ${args.join(' ')} exited with ${signal ?? exit}${where}\n${tail(stderr || stdout)}`,
					),
				);
				return;
			}
			resolve({ code: exit, stdout, stderr });
		});
	});
}

function tail(text: string, lines = 30): string {
	return text.trim().split('\n').slice(-lines).join('\n');
}

/** A TCP port that is free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function portOpen(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(true));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
	});
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
