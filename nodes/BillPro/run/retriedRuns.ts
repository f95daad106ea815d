import type { ItemContext } from '../shared/itemContext';
import type { NodeRun } from './nodeRun';

/**
 * n8n offers Retry on a failed execution until one of its retries succeeds, and its REST retry
 * does not check at all, so one failed execution can be retried twice. Each Retry copies the
 * failed execution's data, where the record of what BillPro accepted stops at that failure
 * (acceptedWrites.ts): what the first Retry sent is not in it, and a second Retry would send it
 * again.
 *
 * So a run that goes on from another execution's record claims that record first, before it
 * sends anything, in n8n's deduplication store (`checkProcessedAndRecord`: n8n's database,
 * written at once, in every execution mode, by the main process and by workers). A later Retry
 * of the same execution finds the record claimed and sends nothing: the latest failed Retry
 * holds everything BillPro accepted, and is the one to retry. The store keeps hashes, not
 * BillPro's answers, so it can only tell that another Retry went on, not what it got.
 *
 * Workflow static data cannot do this: n8n saves none after a manual execution, gives a Retry
 * with the original workflow none (the execution keeps no copy of it), and after a Retry saves
 * the whole workflow's static data over what the triggers keep there.
 */

type Refusal = { message: string; description: string };

/** The latest claims of one node: an execution is rarely retried long after it failed. */
const CLAIMS_KEPT = 10_000;

/**
 * Why this run must not send its writes (another Retry went on from the same failed run), or
 * undefined: it goes on with the record from now on. Asked once per run, before its first write.
 */
export async function refusalToGoOn(
	run: NodeRun,
	context: ItemContext,
): Promise<Refusal | undefined> {
	if (run.from === undefined) return undefined;
	run.goingOn ??= claim(run, run.from, context);
	return (await run.goingOn) ?? undefined;
}

async function claim(run: NodeRun, from: string, context: ItemContext): Promise<Refusal | null> {
	const here = context.getExecutionId?.();
	if (!from || !here || !context.checkProcessedAndRecord) return noWayToClaim(from);
	try {
		const claimed = await context.checkProcessedAndRecord([`${from}:${run.runIndex}`], 'node', {
			mode: 'entries',
			maxEntries: CLAIMS_KEPT,
		});
		if (claimed.new.length !== 1) return alreadyRetried(from);
	} catch {
		return noWayToClaim(from);
	}
	run.keptBy = here;
	return null;
}

const alreadyRetried = (from: string): Refusal => ({
	message: `Execution ${from} was already retried: BillPro may have received this run's writes there`,
	description: `Another Retry of execution ${from} went on from the same failed run and may have sent these items to BillPro, which this execution's data does not show: sending them again could create or change records twice. Retry the latest failed Retry of execution ${from} instead (Executions list): it holds everything BillPro accepted. If a Retry of it succeeded, every item was sent: check BillPro.`,
});

const noWayToClaim = (from: string): Refusal => ({
	message: 'This Retry cannot tell whether another Retry already sent these items',
	description: `n8n could not record that this execution goes on from ${from ? `execution ${from}` : 'the failed execution'} (its deduplication store did not answer), so another Retry of the same execution may have sent these items to BillPro: sending them again could create or change records twice. Check in BillPro what the failed execution and its retries did, then run the workflow anew with the rows BillPro does not hold.`,
});
