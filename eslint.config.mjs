import { config } from '@n8n/node-cli/eslint';

// n8n's own rules apply to what ships (package.json, credentials/, nodes/). test/ holds the
// sandbox, the test harness and the tests: never published, type-checked by `tsc -p test`.
export default [{ ignores: ['test/**', 'docs/**', 'gulpfile.js', 'jest.config.js'] }, ...config];
