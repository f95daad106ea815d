import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';
import type { PollSource } from '../pollSource';
import type { Finding } from '../reports';
import type { TriggerSettings } from '../settings';

/**
 * What a poll of one event found: the events to start the workflow with, what to keep, and what
 * to report once (the state kept records it, so the next poll does not find it again).
 */
export interface Polled<State> {
	events: IDataObject[];
	state: State;
	findings?: Finding[];
}

/**
 * One event of the BillPro Trigger. `poll` gets what the last successful poll kept (undefined
 * on the first, or when the account read changed: it sets a baseline); the node keeps the new
 * state only once every selected event polled without error, so a failed poll loses nothing.
 * `sample` shows real records for Fetch Test Event and keeps nothing.
 */
export interface TriggerEvent<State> {
	option: INodePropertyOptions;
	poll: (source: PollSource, settings: TriggerSettings, state?: State) => Promise<Polled<State>>;
	sample: (source: PollSource, settings: TriggerSettings) => Promise<IDataObject[]>;
	/** Whether what n8n kept is this event's state (anything else starts over with a baseline). */
	isState: (kept: unknown) => kept is State;
}

/** An event with its state checked, so the node can keep every event's state in one place. */
export interface EventRunner {
	option: INodePropertyOptions;
	poll: (source: PollSource, settings: TriggerSettings, kept: unknown) => Promise<Polled<unknown>>;
	sample: TriggerEvent<unknown>['sample'];
}

/**
 * What was kept for the account this poll reads, without its account mark. A state of another
 * account is none: the poll starts a new baseline, as after activation. A state kept before
 * states were marked (no `account`) was read from the account the trigger still reads, unless
 * the credential changed since: a list that went backwards is then reported by the event.
 */
function keptFor(account: string, kept: unknown): unknown {
	if (!isRecord(kept)) return kept;
	const { account: keptAccount, ...state } = kept;
	return keptAccount === undefined || keptAccount === account ? state : undefined;
}

export function eventRunner<State extends object>(event: TriggerEvent<State>): EventRunner {
	return {
		option: event.option,
		sample: event.sample,
		poll: async (source, settings, kept) => {
			const state = keptFor(source.account, kept);
			const polled = await event.poll(source, settings, event.isState(state) ? state : undefined);
			return { ...polled, state: { ...polled.state, account: source.account } };
		},
	};
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

export const isWholeNumber = (value: unknown): value is number =>
	typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** A kept page size: a full page's length, absent until a poll saw a full page. */
export const isPageSize = (value: unknown): boolean =>
	value === undefined || (isWholeNumber(value) && value >= 1);

export const idOf = (record: IDataObject): number => Number(record.id);

/** The highest of the ids (a list can be too long to spread into Math.max); 0 for none. */
export const highestOf = (ids: number[]): number =>
	ids.reduce((highest, id) => (Number.isFinite(id) && id > highest ? id : highest), 0);

export const highestIdOf = (records: IDataObject[]): number => highestOf(records.map(idOf));
