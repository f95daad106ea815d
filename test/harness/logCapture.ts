import { LoggerProxy } from 'n8n-workflow';

/**
 * Every line n8n's engine logs during the tests (n8n-workflow's LoggerProxy), so tests can
 * assert that no log line carries the API token.
 */
export const capturedLogs: string[] = [];

const capture =
	(level: string) =>
	(message: string, meta: object = {}) => {
		capturedLogs.push(`${level} ${message} ${JSON.stringify(meta)}`);
	};

LoggerProxy.init({
	error: capture('error'),
	warn: capture('warn'),
	info: capture('info'),
	debug: capture('debug'),
	scoped: () => LoggerProxy,
} as unknown as Parameters<typeof LoggerProxy.init>[0]);
