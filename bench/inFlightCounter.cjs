/**
 * Preloaded (`node --require …`) into every `n8n execute` of bench/inN8n.ts and into its raw
 * script: counts, on the client's side, the HTTP requests to each sandbox that are in flight at
 * once (sent, no answer yet), from Node's own http client diagnostics channels. The sandbox's
 * count cannot show this at 0 ms latency: it answers each request before reading the next.
 * Counts the requests to the ports in BILLPRO_IN_FLIGHT_PORTS (comma-separated), each port on
 * its own; writes { "<port>": { peak, median, requests } } to BILLPRO_IN_FLIGHT_STATS as JSON at
 * exit: the most in flight at once, and the median of the number in flight as each request
 * starts (itself included), which says what a run was like, where the peak says its worst moment;
 * and under "clock" the instant of writing both in epoch ms and in the monotonic µs of --cpu-prof.
 * A map operation or two per request: nothing a run could feel.
 */
const { subscribe } = require('node:diagnostics_channel');
const { writeFileSync } = require('node:fs');

const counters = new Map(
	String(process.env.BILLPRO_IN_FLIGHT_PORTS ?? '')
		.split(',')
		.filter(Boolean)
		.map((port) => [port, { open: new Set(), peak: 0, requests: 0, atStart: [] }]),
);

const counterOf = (request) => {
	const host = request.getHeader?.('host');
	if (typeof host !== 'string') return undefined;
	return counters.get(host.slice(host.lastIndexOf(':') + 1));
};

subscribe('http.client.request.start', ({ request }) => {
	const counter = counterOf(request);
	if (!counter) return;
	counter.requests++;
	counter.open.add(request);
	counter.peak = Math.max(counter.peak, counter.open.size);
	counter.atStart.push(counter.open.size);
});
const done = ({ request }) => counterOf(request)?.open.delete(request);
subscribe('http.client.response.finish', done);
subscribe('http.client.request.error', done);

process.on('exit', () => {
	if (!process.env.BILLPRO_IN_FLIGHT_STATS) return;
	// The clock of V8's CPU profiles (--cpu-prof: monotonic µs) against the epoch of n8n's run data.
	const clock = { epochMs: Date.now(), monotonicUs: Number(process.hrtime.bigint() / 1000n) };
	const stats = Object.fromEntries(
		[...counters].map(([port, { peak, requests, atStart }]) => {
			const sorted = atStart.sort((a, b) => a - b);
			return [port, { peak, median: sorted[Math.floor(sorted.length / 2)] ?? 0, requests }];
		}),
	);
	writeFileSync(process.env.BILLPRO_IN_FLIGHT_STATS, JSON.stringify({ ...stats, clock }));
});
