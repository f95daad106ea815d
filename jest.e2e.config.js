/**
 * End-to-end tests (`npm run test:e2e`): the real n8n app with this package installed from its
 * `npm pack` tarball, the BillPro sandbox, the example workflows and the editor in Chromium.
 * Test files are test/e2e/**\/*.e2e.ts; the default jest.config.js (`npm test`) never runs them.
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	transform: {
		// Type checking happens in `npm run test:e2e` (tsc -p scripts); jest only transpiles.
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }],
	},
	globalSetup: '<rootDir>/test/e2e/support/globalSetup.ts',
	globalTeardown: '<rootDir>/test/e2e/support/globalTeardown.ts',
	// One n8n serves every file: run them one after the other.
	maxWorkers: 1,
	testTimeout: 180000,
	verbose: true,
};
