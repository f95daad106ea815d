import { DataDeduplicationService } from 'n8n-core';
import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedContextData,
	ICheckProcessedOptions,
	IDataDeduplicator,
} from 'n8n-workflow';

/**
 * n8n's app keeps what nodes record with `checkProcessedAndRecord` in its database
 * (n8n/dist/deduplication/deduplication-helper.js, started by every n8n command); n8n-core only
 * holds the service it is given. This one keeps it in memory, as the app does it in "entries"
 * mode: by workflow and node (or workflow), the latest `maxEntries` values.
 */
class MemoryDeduplicator implements IDataDeduplicator {
	private readonly recorded = new Map<string, string[]>();

	private keyOf(scope: DeduplicationScope, context: ICheckProcessedContextData): string {
		return `${context.workflow.id}|${scope === 'node' ? `n:${context.node?.id}` : 'workflow'}`;
	}

	async checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	) {
		const key = this.keyOf(scope, context);
		const values = this.recorded.get(key) ?? [];
		const seen = new Set(values);
		const result = {
			new: [] as DeduplicationItemTypes[],
			processed: [] as DeduplicationItemTypes[],
		};
		for (const item of items) {
			const value = String(item);
			if (seen.has(value)) {
				result.processed.push(item);
				continue;
			}
			result.new.push(item);
			values.push(value);
			seen.add(value);
		}
		if (options.maxEntries) values.splice(0, values.length - options.maxEntries);
		this.recorded.set(key, values);
		return result;
	}

	async removeProcessed(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
	) {
		const key = this.keyOf(scope, context);
		const removed = new Set(items.map(String));
		this.recorded.set(
			key,
			(this.recorded.get(key) ?? []).filter((value) => !removed.has(value)),
		);
	}

	async clearAllProcessedItems(scope: DeduplicationScope, context: ICheckProcessedContextData) {
		this.recorded.delete(this.keyOf(scope, context));
	}

	async getProcessedDataCount(scope: DeduplicationScope, context: ICheckProcessedContextData) {
		return this.recorded.get(this.keyOf(scope, context))?.length ?? 0;
	}
}

let started: Promise<void> | undefined;

/** Gives n8n-core its deduplication service once per test file, as n8n's app does on start. */
export async function startDeduplication(): Promise<void> {
	started ??= DataDeduplicationService.init(new MemoryDeduplicator());
	await started;
}
