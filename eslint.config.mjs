import { config } from '@n8n/node-cli/eslint';

// n8n's own rules, with its n8n Cloud rules, apply to what ships: package.json, credentials/ and
// nodes/ (n8n's scanner lints exactly these). test/, sandbox/, scripts/ and bench/ are never
// published and run in Node, not in n8n (servers, processes, files, the console: what those rules
// forbid); tsc checks them (npm run lint). Why this file is not n8n's two-line default and
// package.json's n8n.strict is false: docs/development.md#linting.
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
