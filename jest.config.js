/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		// Type checking happens once in `npm run lint` (tsc -p test); jest only transpiles.
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }],
	},
	setupFiles: ['<rootDir>/test/harness/n8nHome.ts'],
	setupFilesAfterEnv: ['<rootDir>/test/harness/n8nTeardown.ts'],
	testTimeout: 30000,
};
