/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- benchmark tooling, never published (not in package.json "files") */
/**
 * Why a bulk create in n8n pays its per-item CPU once per round at 50 ms (bench/README.md,
 * "Creates at 50 ms"), without n8n: 1,000 POST /customers to the sandbox (its own process, 50 ms
 * latency by default), 10 workers, each item first spending `cpu` ms of synchronous work (what
 * n8n spends per item: expressions, its HTTP path), and sending with keep-alive or with a new
 * http.Agent per request (as n8n's helpers do). Turns: one item's work per turn of the event
 * loop (the next turn after setImmediate, or a setTimeout(0) as node code can use).
 *
 *   node --import tsx bench/lockstepExperiment.ts [latency ms]
 */
import axios from 'axios';
import { Agent } from 'node:http';

import { SINGLE_PROFILE_TOKEN } from '../sandbox/config';
import { SandboxProcess } from './sandboxClient';

type Turns = 'none' | 'setImmediate' | 'setTimeout(0)';

const busy = (ms: number) => {
	const end = performance.now() + ms;
	while (performance.now() < end);
};

async function run(baseUrl: string, cpu: number, keepAlive: boolean, turns: Turns, tag: string) {
	const client = axios.create({ headers: { Authorization: `Bearer ${SINGLE_PROFILE_TOKEN}` } });
	let next = 0;
	let last: Promise<void> = Promise.resolve();
	const worker = async () => {
		for (let index = next++; index < 1000; index = next++) {
			let done = () => {};
			if (turns !== 'none') {
				const previous = last;
				last = new Promise<void>((resolve) => (done = resolve));
				await previous;
			}
			busy(cpu);
			const sent = client.post(
				`${baseUrl}/customers`,
				{ customer: { first_name: 'A', last_name: 'B', email: `${tag}.${index}@example.com` } },
				keepAlive ? {} : { httpAgent: new Agent() },
			);
			if (turns === 'setImmediate') setImmediate(done);
			if (turns === 'setTimeout(0)') setTimeout(done, 0);
			await sent;
		}
	};
	const started = performance.now();
	await Promise.all(Array.from({ length: 10 }, worker));
	return performance.now() - started;
}

async function main() {
	const latencyMs = Number(process.argv[2] ?? 50);
	const cases: Array<[number, boolean, Turns]> = [
		[0.3, true, 'none'],
		[0.3, false, 'none'],
		[4, true, 'none'],
		[4, false, 'none'],
		[4, false, 'setImmediate'],
		[4, false, 'setTimeout(0)'],
		[2, false, 'none'],
		[2, false, 'setTimeout(0)'],
		[0.3, false, 'setTimeout(0)'],
	];
	const specs = cases.map((_, index) => ({
		name: `s${index}`,
		seed: { products: { 1: 0 }, customers: { 1: 0 } },
		latencyMs,
	}));
	const sandboxes = await SandboxProcess.start(specs);
	try {
		console.log(`| latency | CPU per item | connections | turns | 1,000 creates, 10 at a time |`);
		console.log('|---:|---:|---|---|---:|');
		for (const [index, [cpu, keepAlive, turns]] of cases.entries()) {
			const ms = await run(
				sandboxes.servers[`s${index}`].baseUrl,
				cpu,
				keepAlive,
				turns,
				`x${index}`,
			);
			console.log(
				`| ${latencyMs} ms | ${cpu} ms | ${keepAlive ? 'keep-alive' : 'new per request'} | ${turns} | ${Math.round(ms).toLocaleString('en-US')} ms |`,
			);
		}
	} finally {
		await sandboxes.close();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
