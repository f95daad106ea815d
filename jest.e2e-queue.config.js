/**
 * Queue-mode end-to-end tests (`npm run test:e2e:queue`): n8n 2.41.1 as main, 2 workers and a
 * webhook processor on Redis and PostgreSQL (test/e2e-queue/support/globalSetup.ts). Runs the
 * queue's own tests, and the single-process suite's example tests unchanged: in queue mode their
 * executeWorkflow() goes through the queue to a worker.
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e-queue', '<rootDir>/test/e2e'],
	testMatch: [
		'<rootDir>/test/e2e-queue/**/*.e2e.ts',
		'<rootDir>/test/e2e/{bulk-import-customers,new-customer-subscription,retry-declined-payments,retry-a-failed-import}.e2e.ts',
	],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }],
	},
	globalSetup: '<rootDir>/test/e2e-queue/support/globalSetup.ts',
	globalTeardown: '<rootDir>/test/e2e-queue/support/globalTeardown.ts',
	maxWorkers: 1,
	testTimeout: 180000,
	verbose: true,
};
