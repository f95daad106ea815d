/**
 * Which of n8n's settings a run changes: n8n's defaults, or the ones n8n 3.0 users will run with
 * that the line can already switch on (N8N_LINES `n8n3Settings`: SSRF protection, quickjs). With
 * SSRF protection on, n8n blocks 127.0.0.0/8, where the sandbox listens, so the sandbox's
 * address is allowed and the run says so.
 *
 * BILLPRO_N8N_SETTINGS=3.0 or =n8n picks; the e2e suite runs with 3.0's where the line has them,
 * `npm start` with n8n's defaults. `npm start` also passes on the user's own N8N_SSRF_* and
 * N8N_EXPRESSION_ENGINE (n8n.ts passes no other N8N_* setting of the user's).
 */
import type { N8nLine } from './runtime';

export const SETTINGS_CHOICE = 'BILLPRO_N8N_SETTINGS';

export type SettingsChoice = 'n8n' | '3.0';

const USERS_OWN = /^N8N_(SSRF_[A-Z_]+|EXPRESSION_ENGINE)$/;

export interface N8nSettings {
	choice: SettingsChoice;
	/** Added to every n8n command's environment. */
	env: Record<string, string>;
	/** What was set and why, one line each, for the start banner and the e2e log. */
	notes: string[];
}

function choiceOf(value: string | undefined, fallback: SettingsChoice): SettingsChoice {
	const wanted = (value ?? '').trim();
	if (wanted === '') return fallback;
	if (wanted === 'n8n' || wanted === '3.0') return wanted;
	throw new Error(
		`${SETTINGS_CHOICE}=${value}: use 3.0 (n8n 3.0's defaults) or n8n (n8n's defaults)`,
	);
}

export function n8nSettings(options: {
	line: N8nLine;
	/** The address the sandbox listens on (an IPv4 address). */
	sandboxHost: string;
	/** Without BILLPRO_N8N_SETTINGS: 3.0's where the line has them (e2e), or n8n's (npm start). */
	fallback: SettingsChoice;
	/** `npm start`: the user's own N8N_SSRF_* and N8N_EXPRESSION_ENGINE, passed on. */
	usersOwn?: NodeJS.ProcessEnv;
	env?: NodeJS.ProcessEnv;
}): N8nSettings {
	const { line, sandboxHost } = options;
	const processEnv = options.env ?? process.env;
	const n8n3 = line.n8n3Settings;
	const choice = choiceOf(processEnv[SETTINGS_CHOICE], n8n3 ? options.fallback : 'n8n');
	if (choice === '3.0' && !n8n3) {
		throw new Error(
			`${SETTINGS_CHOICE}=3.0: n8n ${line.line} has none of n8n 3.0's settings; run it with n8n's defaults`,
		);
	}
	const env: Record<string, string> = { ...(choice === '3.0' ? n8n3 : {}) };
	const notes: string[] = [];
	if (choice === '3.0') {
		notes.push(
			`n8n 3.0's settings (${SETTINGS_CHOICE}=3.0): ${Object.entries(env)
				.map(([key, value]) => `${key}=${value}`)
				.join(', ')}`,
		);
	}
	for (const [key, value] of Object.entries(options.usersOwn ?? {})) {
		if (USERS_OWN.test(key) && value !== undefined) {
			env[key] = value;
			notes.push(`Your ${key}=${value}, passed on to n8n`);
		}
	}
	if (env.N8N_SSRF_PROTECTION_ENABLED === 'true') {
		const range = `${sandboxHost}/32`;
		const allowed = (env.N8N_SSRF_ALLOWED_IP_RANGES ?? '')
			.split(',')
			.map((entry) => entry.trim())
			.filter(Boolean);
		if (!allowed.includes(range)) {
			env.N8N_SSRF_ALLOWED_IP_RANGES = [...allowed, range].join(',');
			notes.push(
				`SSRF protection is on: added ${range} to N8N_SSRF_ALLOWED_IP_RANGES, because n8n blocks 127.0.0.0/8 by default and the sandbox listens on ${sandboxHost}`,
			);
		}
	}
	return { choice, env, notes };
}
