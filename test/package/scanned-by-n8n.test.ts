import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * What n8n checks before verifying a community node, on the packed package (npm test builds
 * dist/ first): its security scanner and its community-node lint pass, and the tarball holds
 * only the built package.
 */
describe('The published package', () => {
	// eslint-plugin-n8n-nodes-base lints fixtures, not files, when NODE_ENV is 'test' (jest's).
	const env = { ...process.env, NODE_ENV: 'production' };
	const result = JSON.parse(
		execFileSync('node', [path.join(__dirname, 'scan.mjs')], {
			encoding: 'utf8',
			timeout: 120_000,
			env,
		}),
	) as { passed: boolean; message?: string; details?: string; files: string[]; size: number };

	it("passes n8n's security scanner and community-node lint", () => {
		expect({ passed: result.passed, message: result.message, details: result.details }).toEqual({
			passed: true,
			message: undefined,
			details: undefined,
		});
	});

	it('ships only the built node, credential, icons and metadata', () => {
		expect(
			result.files.filter(
				(file) => !/^(dist\/|package\.json$|README\.md$|LICENSE\.md$)/.test(file),
			),
		).toEqual([]);
		expect(result.files).toEqual(
			expect.arrayContaining([
				'dist/nodes/BillPro/BillPro.node.js',
				'dist/credentials/BillProApi.credentials.js',
				'dist/nodes/BillPro/billpro.svg',
				'dist/nodes/BillPro/billpro.dark.svg',
			]),
		);
		expect(
			result.files.some((file) => file.startsWith('dist/test') || file.endsWith('.ts.map')),
		).toBe(false);
	});
});
