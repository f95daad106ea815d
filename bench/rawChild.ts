/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- benchmark tooling, never published (not in package.json "files") */
/**
 * The raw axios side of `npm run bench:n8n`, run by bench/inN8n.ts in a process of its own with
 * the Node that runs n8n (24), so that both sides of a ratio run on the same Node.
 * argv[2] is JSON: RawJob. Prints one JSON line: { samples: [ms, …] } (warm-ups not included).
 */
import {
	checkCreated,
	checkList,
	createInputs,
	rawCreate,
	rawReturnAll,
	rawReturnAllAhead,
	type ListResource,
} from './rawClients';

/**
 * `keepAlive: false`: a new connection per request, as n8n sends them. `pagesAhead`: Return All in
 * the BillPro node's pattern (rawReturnAllAhead), else one page at a time.
 */
export type RawJob = { baseUrl: string; warmups: number; reps: number; keepAlive: boolean } & (
	| { kind: 'list'; resource: ListResource; expected: number; pagesAhead?: number }
	| { kind: 'create'; count: number; concurrency: number; tag: string }
);

async function once(job: RawJob, round: number): Promise<number> {
	if (job.kind === 'list') {
		const started = performance.now();
		const options = { keepAlive: job.keepAlive };
		const records = job.pagesAhead
			? await rawReturnAllAhead(job.baseUrl, job.resource, job.pagesAhead, options)
			: await rawReturnAll(job.baseUrl, job.resource, options);
		const elapsed = performance.now() - started;
		checkList(`raw ${job.resource} Return All`, records, job.expected);
		return elapsed;
	}
	const inputs = createInputs(job.count, `${job.tag}.raw${job.keepAlive ? '' : 'new'}${round}`);
	const started = performance.now();
	const created = await rawCreate(job.baseUrl, inputs, job.concurrency, {
		keepAlive: job.keepAlive,
	});
	const elapsed = performance.now() - started;
	checkCreated('raw create', created, inputs);
	return elapsed;
}

async function main(): Promise<void> {
	const job = JSON.parse(process.argv[2] ?? '{}') as RawJob;
	const samples: number[] = [];
	for (let round = -job.warmups; round < job.reps; round++) {
		const elapsed = await once(job, round);
		if (round >= 0) samples.push(elapsed);
	}
	console.log(JSON.stringify({ samples }));
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
