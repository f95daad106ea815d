import { config } from '@n8n/node-cli/eslint';

// n8n's own rules apply to what ships (package.json, credentials/, nodes/). sandbox/ (the local
// BillPro simulator), test/ (harness, tests), scripts/ (running n8n locally) and bench/ are never
// published; tsc checks them.
export default [
	{
		ignores: [
			'sandbox/**',
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
