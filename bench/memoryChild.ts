/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- benchmark tooling, never published (not in package.json "files") */
/**
 * One memory measurement in a fresh process (started by bench/run.ts with
 * `node --expose-gc --import tsx bench/memoryChild.ts <client> <baseUrl> <expected>`):
 * load the client, collect garbage, run one product Return All against the given sandbox, keep
 * the records, and print one JSON line with the process's peak RSS. The same command against an
 * empty catalogue is the baseline (same code loaded, same engine paths run, no records).
 */
// First: sets N8N_USER_FOLDER before anything loads n8n-core.
import { n8nTeardown } from './n8nEnv';

type Client = 'node' | 'raw' | 'http';

async function main(): Promise<void> {
	const [client, baseUrl, expectedText] = process.argv.slice(2) as [Client, string, string];
	const expected = Number(expectedText);
	const raw = await import('./rawClients');
	let job: () => Promise<unknown[]>;
	if (client === 'node') {
		const node = await import('./nodeClients');
		node.applyDeclarativeRequestOptions();
		job = () => node.nodeReturnAll(baseUrl, 'product');
	} else if (client === 'raw') job = () => raw.rawReturnAll(baseUrl, 'product');
	else if (client === 'http') {
		const http = await import('./httpRequestNode');
		http.loadHttpRequestNode();
		job = () => http.httpRequestReturnAll(baseUrl, 'product');
	} else throw new Error(`unknown client ${client}`);

	const gc = (globalThis as { gc?: () => void }).gc;
	gc?.();
	const before = process.memoryUsage();
	// maxRSS is a high-water mark for the whole process: when loading n8n-core peaked higher
	// than the run, it hides the run. So RSS is also sampled during the run itself.
	let sampledPeak = before.rss;
	const sampler = setInterval(() => {
		sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
	}, 5);
	const started = performance.now();
	const records = (await job()) as Array<{ id?: unknown }>;
	const ms = performance.now() - started;
	clearInterval(sampler);
	sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
	raw.checkList(`${client} product Return All`, records as never, expected);
	const { maxRSS } = process.resourceUsage();
	gc?.();
	// Heap still in use after a collection while the records are held: what the result costs.
	const retainedKB = Math.round((process.memoryUsage().heapUsed - before.heapUsed) / 1024);
	process.stdout.write(
		`${JSON.stringify({
			client,
			items: records.length,
			ms,
			maxRssKB: maxRSS,
			runRssGrowthKB: Math.round((sampledPeak - before.rss) / 1024),
			retainedHeapKB: retainedKB,
		})}\n`,
	);
	await n8nTeardown(client !== 'raw');
}

main()
	.then(() => process.exit(0))
	.catch((error) => {
		console.error(error instanceof Error ? error.stack : error);
		process.exit(1);
	});
