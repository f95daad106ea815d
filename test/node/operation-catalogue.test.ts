import { OPERATIONS, VALID_RUNS } from './operations';

describe('The operation catalogue the tests across operations start from', () => {
	const keys = OPERATIONS.map((entry) => entry.key);

	it('has valid parameters for every operation of the node, and one run that sets every field', () => {
		const missing = keys.filter((key) => !VALID_RUNS.some((run) => run.operation === key));
		const withoutEveryField = keys.filter(
			(key) => !VALID_RUNS.some((run) => run.operation === key && run.everyField),
		);
		expect(keys.length).toBeGreaterThan(0);
		expect(missing).toEqual([]);
		expect(withoutEveryField).toEqual([]);
	});

	it('lists no operation the node does not have', () => {
		const unknown = VALID_RUNS.map((run) => run.operation).filter((key) => !keys.includes(key));
		expect(unknown).toEqual([]);
	});
});
