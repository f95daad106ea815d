import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A server on 127.0.0.1 that answers as a hostile network or a broken API would: each request is
 * handed to `answer`, which writes whatever it likes (a redirect, a trickle, an echo of the
 * headers, an endless list). Every request is recorded, headers included, so a test can tell
 * where the token went. The server stops when the test file ends (`close`).
 */
export interface SeenRequest {
	method: string;
	url: string;
	headers: IncomingMessage['headers'];
	body: string;
}

export type Answer = (
	request: SeenRequest,
	response: ServerResponse,
	server: HostileServer,
) => void | Promise<void>;

export interface HostileServer {
	/** http://127.0.0.1:PORT */
	origin: string;
	/** origin + /api/v1, for a credential's Custom URL */
	baseUrl: string;
	requests: SeenRequest[];
	/** Replaces the answer for the following requests. */
	answerWith(answer: Answer): void;
	close(): Promise<void>;
}

export async function startHostileServer(answer: Answer = defaultAnswer): Promise<HostileServer> {
	let current = answer;
	const requests: SeenRequest[] = [];
	const open = new Set<ServerResponse>();
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const seen: SeenRequest = {
				method: req.method ?? 'GET',
				url: req.url ?? '/',
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			};
			requests.push(seen);
			open.add(res);
			res.on('close', () => open.delete(res));
			Promise.resolve(current(seen, res, hostile)).catch(() => res.destroy());
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const hostile: HostileServer = {
		origin,
		baseUrl: `${origin}/api/v1`,
		requests,
		answerWith: (next) => {
			current = next;
		},
		close: async () => {
			for (const res of open) res.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	return hostile;
}

function defaultAnswer(_request: SeenRequest, response: ServerResponse): void {
	json(response, 200, {});
}

/** Answers `body` as JSON with `status`. */
export function json(response: ServerResponse, status: number, body: unknown): void {
	response.writeHead(status, { 'Content-Type': 'application/json' });
	response.end(JSON.stringify(body));
}

/** A redirect to `location` with `status`. */
export function redirect(response: ServerResponse, status: number, location: string): void {
	response.writeHead(status, { Location: location, 'Content-Type': 'text/plain' });
	response.end(`Moved to ${location}`);
}

/**
 * Headers at once, then one byte every `everyMs` for `forMs`: an answer that never stalls long
 * enough for an idle timeout, yet takes `forMs` in all.
 */
export function trickle(response: ServerResponse, everyMs: number, forMs: number): void {
	response.writeHead(200, { 'Content-Type': 'application/json' });
	response.write('{"id":1,"pad":"');
	const started = Date.now();
	const timer = setInterval(() => {
		if (response.destroyed) return clearInterval(timer);
		if (Date.now() - started >= forMs) {
			clearInterval(timer);
			response.end('"}');
			return;
		}
		response.write('x');
	}, everyMs);
	response.on('close', () => clearInterval(timer));
}

/** Headers at once, then nothing: the body never comes. */
export function silentAfterHeaders(response: ServerResponse): void {
	response.writeHead(200, { 'Content-Type': 'application/json' });
	response.write('');
}

/** Starts a hostile server for the test file; the returned function reaches it. */
export function hostileServerPerFile(answer?: Answer): () => HostileServer {
	let server: HostileServer | undefined;
	beforeAll(async () => {
		server = await startHostileServer(answer);
	});
	beforeEach(() => {
		server?.requests.splice(0);
		if (answer) server?.answerWith(answer);
	});
	afterAll(async () => {
		await server?.close();
	});
	return () => {
		if (!server) throw new Error('The hostile server is not started (use it inside a test)');
		return server;
	};
}
