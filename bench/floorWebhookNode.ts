/**
 * The gateway job's floor node (bench/gatewayJob.ts): the least a community webhook trigger does
 * to start a workflow for each payment notification in n8n. Installed with the floor package
 * (bench/floorPackage.ts), it reads the BillPro Payment Gateway API credential (the trigger
 * needs its key) and starts the workflow with one empty item; n8n answers, as for its own
 * Webhook node (Respond Immediately). No decryption, no checks, no duplicate memory. Version 1.1
 * as the trigger, for which n8n skips an expression a version-1 webhook node costs. Self-contained:
 * its n8n-workflow imports are types only.
 */
import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	NodeConnectionType,
} from 'n8n-workflow';

export class BillProFloorWebhook implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BillPro Floor Webhook (benchmark)',
		name: 'billProFloorWebhook',
		group: ['trigger'],
		version: 1.1,
		description: "The gateway benchmark's floor: the least a webhook trigger does",
		defaults: { name: 'BillPro Floor Webhook' },
		inputs: [],
		outputs: ['main' as NodeConnectionType],
		credentials: [{ name: 'billProGatewayApi', required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [],
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		await this.getCredentials('billProGatewayApi');
		return { workflowData: [[{ json: {} }]] };
	}
}
