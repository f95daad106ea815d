import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { MAX_WORKFLOW_ID_LENGTH } from '../../scripts/lib/n8n';
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
