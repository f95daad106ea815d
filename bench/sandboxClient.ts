/* eslint-disable @n8n/community-nodes/no-restricted-imports -- benchmark tooling, never published (not in package.json "files") */
/**
 * The benchmark's handle on bench/sandboxProcess.ts: starts the sandboxes in their own process and
 * asks it for request counts (reset, stats) or a fresh sandbox (restart), over IPC.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

import type { SandboxSpec, ServerStats, StartedSandbox } from './sandboxProcess';

const ROOT = path.join(__dirname, '..');

export class SandboxProcess {
	private nextId = 1;
	private pending = new Map<
		number,
		{ resolve: (value: never) => void; reject: (error: Error) => void }
	>();

	private constructor(
		private readonly child: ChildProcess,
		readonly servers: Record<string, StartedSandbox>,
	) {
		child.on('message', (raw) => {
			const message = raw as {
				id?: number;
				stats?: ServerStats;
				sandbox?: StartedSandbox;
				error?: string;
			};
			const waiting = message.id !== undefined ? this.pending.get(message.id) : undefined;
			if (!waiting) return;
			this.pending.delete(message.id as number);
			if (message.sandbox) this.servers[message.sandbox.name] = message.sandbox;
			const value = message.stats ?? message.sandbox;
			if (value) waiting.resolve(value as never);
			else waiting.reject(new Error(message.error));
		});
	}

	static async start(specs: SandboxSpec[]): Promise<SandboxProcess> {
		const child = fork(path.join(__dirname, 'sandboxProcess.ts'), [JSON.stringify(specs)], {
			cwd: ROOT,
			execArgv: ['--import', 'tsx'],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		const started = await new Promise<StartedSandbox[]>((resolve, reject) => {
			child.once('message', (message) => resolve((message as { ready: StartedSandbox[] }).ready));
			child.once('exit', (code) => reject(new Error(`sandbox process exited (${code})`)));
		});
		return new SandboxProcess(child, Object.fromEntries(started.map((s) => [s.name, s])));
	}

	private ask<T>(message: { cmd: string; port?: number; name?: string }): Promise<T> {
		const id = this.nextId++;
		return new Promise<T>((resolve, reject) => {
			this.pending.set(id, { resolve: resolve as (value: never) => void, reject });
			this.child.send({ id, ...message });
		});
	}

	reset(port: number): Promise<ServerStats> {
		return this.ask({ cmd: 'reset', port });
	}

	stats(port: number): Promise<ServerStats> {
		return this.ask({ cmd: 'stats', port });
	}

	/** Replaces the named sandbox by a fresh one (same seed and latency, new port). */
	restart(name: string): Promise<StartedSandbox> {
		return this.ask({ cmd: 'restart', name });
	}

	async close(): Promise<void> {
		if (this.child.exitCode !== null) return;
		const exited = new Promise((resolve) => this.child.once('exit', resolve));
		this.child.send({ cmd: 'close' });
		await exited;
	}
}
