import { runAgentWithBillProTool } from '../harness/agentTools';
import { useSandbox } from './sandboxFixture';

/**
 * An AI agent's BillPro tool where n8n runs it again in a way no record can follow: n8n runs an
 * in-process tool's Retry On Fail tries as new runs, and a Retry of the execution runs the agent
 * anew. A write is refused there before anything is sent, with what to do instead.
 */
describe("An AI agent's BillPro tool that writes", () => {
	const billPro = useSandbox();
	const parameters = {
		resource: 'customer',
		operation: 'create',
		firstName: 'Ada',
		lastName: 'Agent',
		email: 'ada.agent@example.com',
	};
	const creates = () => billPro.requests().filter((request) => request.method === 'POST');

	it('creates the customer when the tool is called', async () => {
		const { output, error } = await runAgentWithBillProTool({
			credentials: billPro.singleProfile(),
			parameters,
		});
		expect(error).toBeUndefined();
		expect(JSON.parse(String(output.Agent[0].json.answer))).toEqual([
			expect.objectContaining({ email: 'ada.agent@example.com' }),
		]);
		expect(creates()).toHaveLength(1);
	});

	it('with Retry On Fail on, is refused before anything is sent, naming the setting', async () => {
		const { output } = await runAgentWithBillProTool({
			credentials: billPro.singleProfile(),
			parameters,
			settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 },
		});
		expect(output.Agent[0].json.error).toMatch(
			/^Retry On Fail is on in this BillPro tool's Settings\n\nDetails: n8n runs a failed AI tool again as a new run.*Turn Retry On Fail off/s,
		);
		expect(creates()).toHaveLength(0);
	});

	it("in n8n's Retry of an execution whose agent failed, is refused: the first run's create is not repeated", async () => {
		const failed = await runAgentWithBillProTool({
			credentials: billPro.singleProfile(),
			parameters,
			failAfterCalls: true,
		});
		expect(failed.error?.message).toBe('The model failed after its tool calls');
		expect(creates()).toHaveLength(1);

		const retried = await failed.retry();
		expect(retried.error?.message).toBe('The model failed after its tool calls');
		const { runData } = retried.run.data.resultData;
		const toolRuns = runData['Create customer'] ?? [];
		expect(JSON.stringify(toolRuns.at(-1))).toMatch(
			/This BillPro tool call is part of a Retry of a failed execution/,
		);
		expect(creates()).toHaveLength(1);
		expect(
			billPro.sandbox.store.customers(1).filter((c) => c.email === parameters.email),
		).toHaveLength(1);
	});
});
