import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { ANSWER_STATUS, type ProviderAnswer } from './answers';

/**
 * Writes the provider's answer at once, before any workflow runs, so a slow workflow cannot make the
 * provider time out and send the notification again. Only Node's own response methods are used:
 * they behave the same on every n8n version.
 */
export function answerNow(context: IWebhookFunctions, answer: ProviderAnswer): void {
	const response = context.getResponseObject();
	response.writeHead(ANSWER_STATUS, { 'Content-Type': 'application/json; charset=utf-8' });
	response.end(JSON.stringify(answer));
}

export function answered(
	workflowData?: IWebhookResponseData['workflowData'],
): IWebhookResponseData {
	return workflowData ? { noWebhookResponse: true, workflowData } : { noWebhookResponse: true };
}
