/**
 * The data file of the interactive sandbox (`npm run sandbox`, `npm start`): read at start and
 * written after each change, so customers, orders and ids survive a restart, as in a real test
 * environment. Tests and benchmarks keep their sandboxes in memory (no file).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

import { snapshotProblem, type StoreSnapshot } from './snapshot';
import type { SandboxStore } from './store';

/** Another data file than the default (tests of npm start use a throwaway one). */
export const DATA_FILE_ENV_VAR = 'BILLPRO_SANDBOX_DATA_FILE';

/** A burst of changes is written once, this long after the first. */
export const WRITE_DELAY_MS = 200;

/** `<npm start's cache folder>/sandbox-data.json`, unless $BILLPRO_SANDBOX_DATA_FILE names one. */
export function defaultDataFile(env: NodeJS.ProcessEnv = process.env): string {
	if (env[DATA_FILE_ENV_VAR]) return path.resolve(env[DATA_FILE_ENV_VAR]);
	// The cache folder of scripts/lib/runtime.ts (cacheRoot), which the sandbox does not import.
	const cache =
		env.BILLPRO_N8N_CACHE ||
		path.join(env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'n8n-nodes-billpro');
	return path.join(path.resolve(cache), 'sandbox-data.json');
}

/** kept: the file's data; otherwise the seed, because of a reset, no file yet, or a bad file. */
export type DataStart = 'kept' | 'reset' | 'new' | 'unreadable';

export interface SandboxDataFile {
	path: string;
	start: DataStart;
	/** One line for a person: where the data is and what happened to it. */
	note: string;
}

/**
 * Loads the file into the store (or, with `reset`, replaces it with the seed) and saves every
 * later change. A bad file is moved aside to `<file>.unreadable`, never loaded half.
 */
export function attachDataFile(
	store: SandboxStore,
	file: string,
	reset: boolean,
): { info: SandboxDataFile; writer: DataFileWriter } {
	const writer = new DataFileWriter(file, () => store.snapshot());
	const start: Loaded = reset ? { kind: 'reset' } : load(store, file);
	if (start.kind !== 'kept') writer.write();
	store.onChange(() => writer.schedule());
	const notes: Record<DataStart, string> = {
		kept: `Sandbox data kept from ${file}`,
		reset: `Sandbox data reset to the seed in ${file}`,
		new: `Sandbox data: no file yet, started from the seed in ${file}`,
		unreadable: `Sandbox data file ${file} was unreadable (${start.kind === 'unreadable' ? start.problem : ''}): moved to ${file}.unreadable, started from the seed`,
	};
	return { info: { path: file, start: start.kind, note: notes[start.kind] }, writer };
}

type Loaded = { kind: 'kept' | 'new' | 'reset' } | { kind: 'unreadable'; problem: string };

function load(store: SandboxStore, file: string): Loaded {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'new' };
		return { kind: 'unreadable', problem: (error as Error).message };
	}
	let problem: string | undefined;
	try {
		const parsed: unknown = JSON.parse(text);
		problem = snapshotProblem(parsed);
		if (!problem) store.restore(parsed as StoreSnapshot);
	} catch (error) {
		problem = (error as Error).message;
	}
	if (!problem) return { kind: 'kept' };
	try {
		renameSync(file, `${file}.unreadable`);
	} catch {
		// Then the seed's first write replaces it.
	}
	return { kind: 'unreadable', problem };
}

/** Atomic writes (a temporary file, then a rename), at most one per WRITE_DELAY_MS. */
export class DataFileWriter {
	private timer: NodeJS.Timeout | undefined;
	private failed = false;

	constructor(
		private readonly file: string,
		private readonly snapshot: () => StoreSnapshot,
	) {}

	/** After a change: a write within WRITE_DELAY_MS. */
	schedule(): void {
		if (this.timer) return;
		this.timer = setTimeout(() => this.flush(), WRITE_DELAY_MS);
	}

	/** The pending write, now (close, Ctrl+C). */
	flush(): void {
		if (!this.timer) return;
		clearTimeout(this.timer);
		this.timer = undefined;
		this.write();
	}

	/** A failed write is reported once and retried at the next change: the sandbox keeps serving. */
	write(): void {
		const temporary = `${this.file}.${process.pid}.tmp`;
		try {
			mkdirSync(path.dirname(this.file), { recursive: true });
			writeFileSync(temporary, JSON.stringify(this.snapshot()));
			renameSync(temporary, this.file);
			this.failed = false;
		} catch (error) {
			if (!this.failed)
				console.error(`Sandbox data not saved to ${this.file}: ${(error as Error).message}`);
			this.failed = true;
		}
	}
}
