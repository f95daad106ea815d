import { ExternalSecretsProxy } from 'n8n-core';
import type { ICredentialDataDecryptedObject, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { TestCredentialsHelper } from './credentialsHelper';

const N8N_URL = 'http://127.0.0.1:5678';

/**
 * What n8n's app hands every context it builds (its WorkflowExecuteAdditionalData.getBase lives
 * in the `n8n` package, not in n8n-core): the stored credentials by type, n8n's URLs (n8n-core
 * throws on an empty one), and `extra` (hooks, the webhook's request and response…).
 */
export function additionalDataWith(
	stored: Record<string, ICredentialDataDecryptedObject>,
	extra: Partial<IWorkflowExecuteAdditionalData> = {},
): IWorkflowExecuteAdditionalData {
	const unused = () => {
		throw new Error('not used by these tests');
	};
	return {
		credentialsHelper: new TestCredentialsHelper(stored),
		executeWorkflow: unused,
		getRunExecutionData: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${N8N_URL}/rest`,
		instanceBaseUrl: N8N_URL,
		formWaitingBaseUrl: `${N8N_URL}/form-waiting`,
		webhookBaseUrl: `${N8N_URL}/webhook`,
		webhookWaitingBaseUrl: `${N8N_URL}/webhook-waiting`,
		webhookTestBaseUrl: `${N8N_URL}/webhook-test`,
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: unused,
		externalSecretsProxy: new ExternalSecretsProxy(),
		...extra,
	} as IWorkflowExecuteAdditionalData;
}
