import type { IDataObject } from 'n8n-workflow';
import { isAccepted, isUnsure } from './acceptedWrites';
import type { NodeRun } from './nodeRun';

/**
 * What a run stopped by a failed item tells the user (Continue On Fail off): which items BillPro
 * accepted, with their IDs, which may have reached it without an answer, which were not sent,
 * and what each way of running them again would send. Written once every item of the run has
 * ended, from what the run knows (nodeRun.ts), and into the error n8n shows.
 */

const RESUME_DOCS =
	'https://github.com/n8n-nodes-billpro/n8n-nodes-billpro/blob/main/docs/reliability.md#resuming-a-run-that-stopped';

/** "3", "0–4", "0–4, 7, 9–11": item indexes, consecutive ones as ranges. */
export function itemList(indexes: number[]): string {
	const sorted = [...indexes].sort((a, b) => a - b);
	const parts: string[] = [];
	for (let start = 0; start < sorted.length; ) {
		let end = start;
		while (end + 1 < sorted.length && sorted[end + 1] === sorted[end] + 1) end++;
		parts.push(end === start ? `${sorted[start]}` : `${sorted[start]}–${sorted[end]}`);
		start = end + 1;
	}
	return parts.join(', ');
}

/** "0 → 11, 1 → 12" as "0–1 → 11–12": items and IDs that both run on, as ranges. */
export function acceptedList(pairs: Array<[number, string]>): string {
	const parts: string[] = [];
	for (let start = 0; start < pairs.length; ) {
		let end = start;
		const follows = (index: number) =>
			pairs[index + 1][0] === pairs[index][0] + 1 &&
			/^\d+$/.test(pairs[index][1]) &&
			Number(pairs[index + 1][1]) === Number(pairs[index][1]) + 1;
		while (end + 1 < pairs.length && follows(end)) end++;
		const [[firstItem, firstId], [lastItem, lastId]] = [pairs[start], pairs[end]];
		parts.push(
			end === start
				? `${firstItem} → ${firstId}`
				: `${firstItem}–${lastItem} → ${firstId}–${lastId}`,
		);
		start = end + 1;
	}
	return parts.join(', ');
}

const count = (n: number, what = 'item') => `${n} ${what}${n === 1 ? '' : 's'}`;
const items = (indexes: number[]) =>
	`${indexes.length === 1 ? 'item' : 'items'} ${itemList(indexes)}`;

interface Outcome {
	accepted: Array<[number, string]>;
	unsure: number[];
	failed: number[];
	notSent: number[];
}

/** The record's system ID; a renewed checkout answers with its order's. */
const billProIdOf = (record: IDataObject | undefined) =>
	String(record?.id ?? record?.order_id ?? '?');

function outcomeOf(run: NodeRun): Outcome {
	const outcome: Outcome = { accepted: [], unsure: [], failed: [], notSent: [] };
	for (let item = 0; item < run.items; item++) {
		const record = run.writes[item];
		if (isAccepted(record)) outcome.accepted.push([item, billProIdOf(record.accepted[0])]);
		else if (isUnsure(record)) outcome.unsure.push(item);
		else if (run.failed.has(item)) outcome.failed.push(item);
		else outcome.notSent.push(item);
	}
	return outcome;
}

/** For a write: the short note for the message, and the full one for the description. */
export function writeStopNote(run: NodeRun, resource: string): { short: string; full: string } {
	const stoppedAt = run.stoppedAt ?? 0;
	const { accepted, unsure, failed, notSent } = outcomeOf(run);
	const shortParts = [
		accepted.length && `BillPro accepted ${count(accepted.length)}`,
		unsure.length && `${count(unsure.length)} may have reached it`,
		notSent.length && `${count(notSent.length)} ${notSent.length === 1 ? 'was' : 'were'} not sent`,
	].filter(Boolean);
	const short = `The run stopped at item ${stoppedAt}${shortParts.length ? `: ${shortParts.join(', ')}` : ''}.`;

	const resend = [...failed, ...notSent];
	const full = [
		`The run stopped at item ${stoppedAt}.`,
		accepted.length
			? `BillPro accepted ${items(accepted.map(([item]) => item))} (item → ${resource} ID: ${acceptedList(accepted)}).`
			: 'BillPro accepted no item.',
		unsure.length &&
			`${items(unsure)} may have reached BillPro without an answer: check ${unsure.length === 1 ? 'it' : 'them'} in BillPro.`,
		failed.length && `Failed: ${items(failed)}.`,
		notSent.length && `Not sent: ${items(notSent)}.`,
		`Retrying (n8n's Retry of this execution, or the node's Retry On Fail) sends only ${resend.length ? items(resend) : 'no item'}; the accepted items give their BillPro answers again${unsure.length ? ', and the items that may have reached BillPro are not sent again' : ''}.`,
		`Running the workflow anew, or this node in the editor, sends every item again: first remove the accepted items (${RESUME_DOCS}).`,
	].filter(Boolean);
	return { short, full: full.join(' ') };
}

/** For a read: only where it stopped, as reading again changes nothing. */
export function readStopNote(run: NodeRun): { short: string; full: string } {
	const note = `The run stopped at item ${run.stoppedAt ?? 0}: no later item was read.`;
	return { short: note, full: note };
}
