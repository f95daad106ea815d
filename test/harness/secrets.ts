import { capturedLogs } from './logCapture';
import type { RunResult } from './workflow';

/**
 * The places an API token could leak to from a run: the whole execution data n8n stores (output
 * items, errors with message, description and context), and every log line.
 */
export function placesContaining(token: string, run: Pick<RunResult, 'run'>): string[] {
	const places: string[] = [];
	const { resultData } = run.run.data;
	if (JSON.stringify(resultData).includes(token)) places.push('execution data');
	const error = resultData.error as { message?: string; description?: string } | undefined;
	if (error?.message?.includes(token)) places.push('error message');
	if (error?.description?.includes(token)) places.push('error description');
	if (capturedLogs.some((line) => line.includes(token))) places.push('log');
	return places;
}
