import { config } from '@n8n/node-cli/eslint';

// n8n's own rules apply to what ships (package.json, credentials/, nodes/). test/ (sandbox,
// harness, tests) and scripts/ (running n8n locally) are never published; tsc checks them.
export default [
	{
		ignores: [
			'test/**',
			'scripts/**',
			'bench/**',
			'docs/**',
			'examples/**',
			'gulpfile.js',
			'jest.*.js',
		],
	},
	...config,
];
