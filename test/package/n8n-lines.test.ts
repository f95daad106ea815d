import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { MAX_WORKFLOW_ID_LENGTH } from '../../scripts/lib/n8n';
import { n8nSettings, SETTINGS_CHOICE } from '../../scripts/lib/n8nSettings';
import { N8N_LINES, N8N_SETTING, selectN8n } from '../../scripts/lib/runtime';

/**
 * The n8n versions users run: one setting (BILLPRO_N8N_VERSION) picks the n8n of `npm start`
 * and of the e2e suite, with the Node and install recipe of its line, and CI runs the e2e suite
 * on every line.
 */
const ROOT = path.resolve(__dirname, '..', '..');

describe('Picking the n8n line with BILLPRO_N8N_VERSION', () => {
	it('runs n8n 2.41.1 when nothing is set', () => {
		expect(selectN8n('')).toEqual({ line: N8N_LINES[0], version: '2.41.1' });
	});

	it("takes a line's newest tested version, with that line's Node and install overrides", () => {
		expect(selectN8n('1.123')).toEqual({
			line: {
				line: '1.123',
				n8n: '1.123.81',
				node: '24.21.0',
				overrides: { xlsx: 'npm:@e965/xlsx@0.20.3' },
			},
			version: '1.123.81',
		});
		expect(selectN8n('2.41').version).toBe('2.41.1');
	});

	it('takes another version of a line with the same recipe', () => {
		expect(selectN8n('1.123.80')).toEqual({ line: N8N_LINES[1], version: '1.123.80' });
	});

	it.each(['2.40.0', '1.12', '1.1230.1', 'latest', '2.41.1-beta'])(
		'refuses %s, naming the lines it can run',
		(value) => {
			expect(() => selectN8n(value)).toThrow(
				`${N8N_SETTING}=${value}: not an n8n line this package runs on: 2.41 (2.41.1), 1.123 (1.123.81)`,
			);
		},
	);
});

describe("n8n 3.0's settings (BILLPRO_N8N_SETTINGS)", () => {
	const [line241, line1123] = N8N_LINES;
	const settings = (options: Partial<Parameters<typeof n8nSettings>[0]>) =>
		n8nSettings({ line: line241, sandboxHost: '127.0.0.1', fallback: '3.0', env: {}, ...options });

	it('the e2e suite runs 2.41 with SSRF protection on, the sandbox allowed, and quickjs', () => {
		const { choice, env, notes } = settings({});
		expect(choice).toBe('3.0');
		expect(env).toEqual({
			N8N_SSRF_PROTECTION_ENABLED: 'true',
			N8N_EXPRESSION_ENGINE: 'quickjs',
			N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.1/32',
		});
		expect(notes[1]).toBe(
			'SSRF protection is on: added 127.0.0.1/32 to N8N_SSRF_ALLOWED_IP_RANGES, because n8n blocks 127.0.0.0/8 by default and the sandbox listens on 127.0.0.1',
		);
	});

	it("npm start keeps n8n's defaults, and passes on the user's SSRF settings with the sandbox added", () => {
		expect(settings({ fallback: 'n8n' })).toEqual({ choice: 'n8n', env: {}, notes: [] });
		const usersOwn = {
			N8N_SSRF_PROTECTION_ENABLED: 'true',
			N8N_SSRF_ALLOWED_IP_RANGES: '10.0.0.0/8',
			N8N_PORT: '9999',
		};
		const { env, notes } = settings({ fallback: 'n8n', usersOwn });
		expect(env).toEqual({
			N8N_SSRF_PROTECTION_ENABLED: 'true',
			N8N_SSRF_ALLOWED_IP_RANGES: '10.0.0.0/8,127.0.0.1/32',
		});
		expect(notes.at(-1)).toContain('added 127.0.0.1/32 to N8N_SSRF_ALLOWED_IP_RANGES');
	});

	it("1.123 runs with n8n's defaults, and refuses 3.0's", () => {
		expect(settings({ line: line1123 }).env).toEqual({});
		expect(() => settings({ line: line1123, env: { [SETTINGS_CHOICE]: '3.0' } })).toThrow(
			"n8n 1.123 has none of n8n 3.0's settings",
		);
	});
});

describe('CI (.ci/run)', () => {
	it('runs the e2e suite once on each n8n line, the default first', () => {
		const script = readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
		const e2eRuns = script
			.split('\n')
			.filter((line) => !line.startsWith('#') && /npm run test:e2e$/.test(line));
		expect(e2eRuns).toEqual(
			N8N_LINES.map((line) => `${N8N_SETTING}=${line.line} npm run test:e2e`),
		);
	});
});

describe('The example workflows', () => {
	const examples = readdirSync(path.join(ROOT, 'examples')).filter((file) =>
		file.endsWith('.json'),
	);

	it.each(examples)(
		"%s has an id n8n 1.x saves its triggers' memory for (16 characters at most)",
		(file) => {
			const { id } = JSON.parse(readFileSync(path.join(ROOT, 'examples', file), 'utf8')) as {
				id: string;
			};
			expect(id.length).toBeLessThanOrEqual(MAX_WORKFLOW_ID_LENGTH);
		},
	);
});
