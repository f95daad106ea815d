/**
 * A trigger pointed at another BillPro account, as a user does it: a copy of
 * examples/welcome-new-customers on a BillPro credential of its own (made and edited through
 * n8n's REST API, as the editor's credential dialog does), active, then the credential edited to
 * another merchant profile. Used by the e2e and the queue-mode suites. Only sandbox fixture
 * tokens, never a real one.
 */
import { endpointPath, QUERY } from '../../../nodes/BillPro/shared/api';
import { MULTI_PROFILE_TOKEN, SINGLE_PROFILE_TOKEN } from '../../../sandbox';
import { activate, deactivate, waitForExecutions, type ExecutionSummary } from './activeWorkflows';
import { e2e, exampleJson, importWorkflow, n8nRest, sandbox } from './context';

const TYPE = 'billProApi';

const account = (apiToken: string, profileId: string) => ({
	apiToken,
	environment: 'custom',
	customUrl: e2e().sandboxBaseUrl,
	profileId,
});

export interface SwitchableWelcome {
	workflowId: string;
	/**
	 * The credential edited to merchant profile 5 (its seeded customers, ids 4 and 5, are above
	 * profile 1's), the poll that reads it waited for, then a customer added there with `email`:
	 * the workflow's finished executions once there is one.
	 */
	runsAfterSwitching(email: string, pollMs: number): Promise<ExecutionSummary[]>;
	/** Deactivates the workflow and deletes its credential. */
	deactivate(): Promise<void>;
}

/** The copy `workflowId` of welcome-new-customers, on its own credential (profile 1), active. */
export async function activeWelcomeOnItsOwnCredential(
	workflowId: string,
): Promise<SwitchableWelcome> {
	const name = `BillPro account switch (${workflowId})`;
	const rest = await n8nRest();
	const { id: credentialId } = await rest.data<{ id: string }>('POST', '/rest/credentials', {
		name,
		type: TYPE,
		data: account(SINGLE_PROFILE_TOKEN, ''),
	});
	const workflow = exampleJson('welcome-new-customers');
	workflow.id = workflowId;
	workflow.name += ', its credential switched to another account';
	const trigger = workflow.nodes.find((node) => node.type.endsWith('.billProTrigger'))!;
	trigger.credentials = { billProApi: { id: credentialId, name } };
	await importWorkflow(workflow);
	await activate(workflowId, trigger.name);
	return {
		workflowId,
		async runsAfterSwitching(email, pollMs) {
			await (
				await n8nRest()
			).data('PATCH', `/rest/credentials/${credentialId}`, {
				name,
				type: TYPE,
				data: account(MULTI_PROFILE_TOKEN, '5'),
			});
			await waitForPollIn('5', pollMs);
			await addCustomer(MULTI_PROFILE_TOKEN, email, '5');
			return await waitForExecutions(workflowId, 1, pollMs);
		},
		// The credential goes too: the editor picks the newest BillPro credential for a new node,
		// and the other tests expect the stack's "BillPro Sandbox" to be the only one.
		async deactivate() {
			await deactivate(workflowId);
			await (await n8nRest()).data('DELETE', `/rest/credentials/${credentialId}`);
		},
	};
}

/** A customer added through BillPro's API, in `profileId` when the token has several. */
export async function addCustomer(token: string, email: string, profileId?: string) {
	const query = profileId ? `?${QUERY.profileId}=${profileId}` : '';
	const added = await sandbox.api<{ id: number }>(
		token,
		'POST',
		`${endpointPath('createCustomer')}${query}`,
		{ customer: { first_name: 'Elsa', last_name: 'Elsewhere', email } },
	);
	if (added.status !== 200)
		throw new Error(`customer: ${added.status} ${JSON.stringify(added.body)}`);
	return added.body.id;
}

/** Waits until a poll has read the customer list of merchant profile `profileId`. */
export async function waitForPollIn(profileId: string, timeoutMs: number): Promise<void> {
	const customers = `/api/v1${endpointPath('listCustomers')}`;
	for (const until = Date.now() + timeoutMs; Date.now() < until; ) {
		const requests = await sandbox.requests();
		const polled = requests.some(
			(request) =>
				request.method === 'GET' &&
				request.path === customers &&
				request.profileId === profileId &&
				request.status === 200,
		);
		// A poll of a small list takes a few requests: give it time to finish before going on.
		if (polled) return await new Promise((resolve) => setTimeout(resolve, 5_000));
		await new Promise((resolve) => setTimeout(resolve, 1_000));
	}
	throw new Error(`No poll of profile ${profileId}'s customers within ${timeoutMs} ms`);
}
