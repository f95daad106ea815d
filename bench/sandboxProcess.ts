/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- benchmark tooling, never published (not in package.json "files") */
/**
 * Child process of the benchmark: runs BillPro sandboxes (sandbox/) in their own process, so
 * the server's work does not share an event loop with the client being measured, and counts what
 * each server sees: requests, requests in flight at once (peak), new TCP connections.
 *
 * Started by bench/run.ts with an IPC channel; argv[2] is JSON: SandboxSpec[].
 * Messages in:  { id, cmd: 'reset' | 'stats', port } | { id, cmd: 'restart', name } | { cmd: 'close' }
 * Messages out: { ready: StartedSandbox[] } | { id, stats: ServerStats } | { id, sandbox: StartedSandbox }
 */
import { subscribe } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';

import { startSandbox, type Sandbox, type SeedOptions } from '../sandbox';

export interface SandboxSpec {
	name: string;
	seed: SeedOptions;
	latencyMs: number;
}

export interface StartedSandbox {
	name: string;
	baseUrl: string;
	port: number;
	latencyMs: number;
}

export interface ServerStats {
	requests: number;
	peakInFlight: number;
	newConnections: number;
}

interface Counter extends ServerStats {
	inFlight: number;
	sockets: WeakSet<Socket>;
	/** performance.now() of every request's arrival (BILLPRO_SANDBOX_TIMELINE only). */
	arrivals: number[];
}

/** A folder: every 'stats' answer also writes the arrival times since the last reset there. */
const TIMELINE_DIR = process.env.BILLPRO_SANDBOX_TIMELINE;

const counters = new Map<number, Counter>();

function freshCounter(): Counter {
	return {
		requests: 0,
		peakInFlight: 0,
		newConnections: 0,
		inFlight: 0,
		sockets: new WeakSet(),
		arrivals: [],
	};
}

function counterOf(server: Server): Counter | undefined {
	const address = server.address();
	return address && typeof address === 'object' ? counters.get(address.port) : undefined;
}

subscribe('http.server.request.start', (message) => {
	const { server, socket } = message as {
		server: Server;
		socket: Socket;
		request: IncomingMessage;
	};
	const counter = counterOf(server);
	if (!counter) return;
	counter.requests++;
	if (TIMELINE_DIR) counter.arrivals.push(performance.now());
	counter.inFlight++;
	counter.peakInFlight = Math.max(counter.peakInFlight, counter.inFlight);
	if (!counter.sockets.has(socket)) {
		counter.sockets.add(socket);
		counter.newConnections++;
	}
});
subscribe('http.server.response.finish', (message) => {
	const counter = counterOf((message as { server: Server }).server);
	if (counter) counter.inFlight--;
});

async function main(): Promise<void> {
	const specs = JSON.parse(process.argv[2] ?? '[]') as SandboxSpec[];
	const sandboxes = new Map<string, Sandbox>();
	const describe = (spec: SandboxSpec, sandbox: Sandbox): StartedSandbox => ({
		name: spec.name,
		baseUrl: sandbox.baseUrl,
		port: sandbox.port,
		latencyMs: spec.latencyMs,
	});
	const start = async (spec: SandboxSpec): Promise<StartedSandbox> => {
		const sandbox = await startSandbox({ seed: spec.seed, latencyMs: spec.latencyMs });
		sandboxes.set(spec.name, sandbox);
		counters.set(sandbox.port, freshCounter());
		return describe(spec, sandbox);
	};
	const started: StartedSandbox[] = [];
	for (const spec of specs) started.push(await start(spec));

	process.on('message', (raw) => {
		const message = raw as { id?: number; cmd: string; port?: number; name?: string };
		if (message.cmd === 'close') {
			void Promise.all([...sandboxes.values()].map((sandbox) => sandbox.close())).finally(() =>
				process.exit(0),
			);
			return;
		}
		if (message.cmd === 'restart') {
			// A new sandbox with the same seed and latency, on a new port: a run that writes
			// (bulk create) then starts from the same store every time.
			const spec = specs.find((candidate) => candidate.name === message.name);
			const old = spec && sandboxes.get(spec.name);
			if (!spec || !old) {
				process.send?.({ id: message.id, error: `no sandbox named ${message.name}` });
				return;
			}
			void old
				.close()
				.then(() => {
					counters.delete(old.port);
					return start(spec);
				})
				.then((sandbox) => process.send?.({ id: message.id, sandbox }));
			return;
		}
		const counter = counters.get(message.port ?? -1);
		if (!counter) {
			process.send?.({ id: message.id, error: `no sandbox on port ${message.port}` });
			return;
		}
		if (message.cmd === 'reset') {
			// Connections kept alive from an earlier run are not new: keep the socket set.
			Object.assign(counter, {
				requests: 0,
				peakInFlight: counter.inFlight,
				newConnections: 0,
				arrivals: [],
			});
		} else if (TIMELINE_DIR && counter.arrivals.length) {
			writeFileSync(
				path.join(TIMELINE_DIR, `${message.port}-${Date.now()}.json`),
				JSON.stringify(counter.arrivals),
			);
		}
		const { requests, peakInFlight, newConnections } = counter;
		process.send?.({ id: message.id, stats: { requests, peakInFlight, newConnections } });
	});
	process.on('disconnect', () => process.exit(0));
	process.send?.({ ready: started });
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
