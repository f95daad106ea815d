/**
 * How the trigger answers the gateway. A 2xx ends the gateway's retries [V], so a notification
 * that cannot be trusted gets an error status and one that is understood but starts nothing gets
 * 200. Answers name the reason only: never the key, the body or a header value.
 */
import type { INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/** Answered by the node itself; n8n then sends nothing more and starts nothing. */
export function refuse(
	context: IWebhookFunctions,
	status: 400 | 401,
	message: string,
): IWebhookResponseData {
	send(context, status, { message });
	return { noWebhookResponse: true };
}

/**
 * Answered 200 by the node itself, then n8n starts the workflow with `items`. Answering here,
 * not through responseMode onReceived, is what keeps the duplicate memory: n8n 2.41 saves the
 * static data a webhook wrote when it is told the request was answered, and with onReceived it is
 * told only after starting the run, whose set-up clears n8n's "static data changed" flag
 * (dist/workflow-runner.js establishContextForPersistence). See the README's trigger section.
 */
export function start(
	context: IWebhookFunctions,
	items: INodeExecutionData[],
): IWebhookResponseData {
	send(context, 200, { received: true, workflowStarted: true });
	return { noWebhookResponse: true, workflowData: [items] };
}

function send(context: IWebhookFunctions, status: number, answer: object): void {
	const res = context.getResponseObject();
	const body = JSON.stringify(answer);
	// The node:http methods, which n8n's express response has too.
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(body),
	});
	res.end(body);
}

/** Answered 200 by n8n with this body; no workflow starts. */
export function acknowledge(reason: string): IWebhookResponseData {
	return { webhookResponse: { received: true, workflowStarted: false, reason } };
}
