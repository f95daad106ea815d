import {
	NodeConnectionTypes,
	NodeOperationError,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IHookFunctions,
	type INodeCredentialTestResult,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import {
	decrypt,
	keyBytes,
	keyProblem,
	sealedNotification,
	type WebhookRequest,
} from './decryption';
import { notificationKey, seenBefore } from './duplicates';
import {
	EVENT_OPTIONS,
	eventOf,
	parseNotification,
	type GatewayEvent,
	type GatewayNotification,
} from './events';
import { outputItem } from './output';
import { acknowledge, refuse, start } from './replies';

const CREDENTIAL = 'billProGatewayApi';

/** Static-data fields the activation keeps: which Production URL this node listens at, since when. */
const LISTENING_AT = 'listeningAt';
const LISTENING_SINCE = 'listeningSince';

export class BillProGatewayTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BillPro Payment Gateway Trigger',
		name: 'billProGatewayTrigger',
		icon: { light: 'file:billpro.svg', dark: 'file:billpro.dark.svg' },
		group: ['trigger'],
		// 1.1 changes nothing in the node: n8n evaluates an expression on every request to a
		// version-1 webhook node (its Webhook node's binaryData option), and spares later versions
		// (bench/README.md, Gateway notifications).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			"Starts the workflow when BillPro's payment gateway (CardCorp) reports a payment, refund or card registration",
		defaults: { name: 'BillPro Payment Gateway Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'billProGatewayApi', required: true, testedBy: 'decryptionKeyFormat' }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName:
					"BillPro Merchant Support sets up the payment gateway's notifications for you: send them this node's Production URL, which n8n shows above under Webhook URLs, and enter the decryption key they give you in the credential. Notifications reach the workflow only while it is published (active).",
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: EVENT_OPTIONS,
				default: [
					'paymentApproved',
					'paymentDeclined',
					'preAuthorisation',
					'refund',
					'registrationCreated',
					'registrationDeleted',
				],
				description:
					'Which notifications start the workflow. Others are acknowledged to the gateway and start nothing.',
			},
		],
	};

	methods = {
		credentialTest: {
			// No request can test the key (the gateway only sends): check that it can be used.
			async decryptionKeyFormat(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const problem = keyProblem(credential.data?.secretKey);
				return problem
					? { status: 'Error', message: problem }
					: { status: 'OK', message: 'The decryption key has the right format' };
			},
		},
	};

	// The gateway has no API to register webhooks at: BillPro Merchant Support registers the
	// Production URL. Activation checks the key, so a wrong one fails there and not on every
	// notification, and notes which URL this node listens at.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				return staticData[LISTENING_AT] === this.getNodeWebhookUrl('default');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const credentials = await this.getCredentials(CREDENTIAL);
				const problem = keyProblem(credentials.secretKey);
				if (problem) {
					throw new NodeOperationError(this.getNode(), problem, {
						description: 'Copy the key again from what BillPro Merchant Support sent you.',
					});
				}
				const staticData = this.getWorkflowStaticData('node');
				staticData[LISTENING_AT] = this.getNodeWebhookUrl('default');
				staticData[LISTENING_SINCE] = new Date().toISOString();
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				// The duplicate memory stays: the gateway may deliver again after re-activation.
				const staticData = this.getWorkflowStaticData('node');
				delete staticData[LISTENING_AT];
				delete staticData[LISTENING_SINCE];
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const credentials = await this.getCredentials(CREDENTIAL);
		const problem = keyProblem(credentials.secretKey);
		// The user's set-up, not the sender, is wrong: a failed execution shows it, and the
		// gateway's retries deliver the notification once the key is corrected.
		if (problem) throw new NodeOperationError(this.getNode(), problem);

		const parts = sealedNotification(this.getRequestObject() as WebhookRequest);
		if ('problem' in parts) return refuse(this, 400, parts.problem);
		const plaintext = decrypt(parts.sealed, keyBytes(String(credentials.secretKey)));
		if (plaintext === undefined) {
			return refuse(this, 401, 'The notification does not authenticate with the decryption key');
		}
		const notification = parseNotification(plaintext);
		if (!notification) {
			return refuse(this, 400, 'The decrypted notification is not a JSON object with a type');
		}

		const event = eventOf(notification);
		if (!event) return acknowledge('not a notification this trigger starts workflows for');
		const events = this.getNodeParameter('events', []) as GatewayEvent[];
		if (!events.includes(event)) return acknowledge(`${event} is not one of the selected events`);
		// Built first: once remembered, a notification is answered 200 with nothing left to fail.
		const item = { json: outputItem(notification, event) };
		if (this.getMode() !== 'manual' && isDuplicate(this, notification)) {
			return acknowledge('duplicate of a notification that already started the workflow');
		}
		return start(this, [item]);
	}
}

/**
 * Production notifications only: a test event (Listen for test event) neither checks nor adds
 * to the memory, so testing with a real notification never makes it a duplicate later.
 */
function isDuplicate(context: IWebhookFunctions, notification: GatewayNotification): boolean {
	const key = notificationKey(notification);
	if (key === undefined) return false;
	const trigger = `${context.getWorkflow().id ?? ''}/${context.getNode().id}`;
	return seenBefore(context.getWorkflowStaticData('node'), trigger, key, Date.now());
}
