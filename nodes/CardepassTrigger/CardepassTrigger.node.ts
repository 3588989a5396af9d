import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ACCEPTED, refusal } from './shared/answers';
import { cardepassWebhookSecretTest, webhookSecret } from './shared/credentialTest';
import { triggerProperties } from './shared/description';
import { decide, type TriggerFilters } from './shared/filters';
import { verifyNotification } from './shared/notification';
import { notificationItem } from './shared/output';
import { answered, answerNow } from './shared/respond';
import { DEFAULT_REPEAT_WINDOW_DAYS, seenBefore } from './shared/repeats';

const CREDENTIAL = 'cardepassWebhookApi';

export class CardepassTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cardepass Trigger',
		name: 'cardepassTrigger',
		icon: { light: 'file:cardepass.svg', dark: 'file:cardepass.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
		// n8n's node search shows one entry for both Cardepass nodes, with this description: it names both.
		description:
			'Issue, top up, freeze and cancel Cardepass virtual cards, read balances and fund logs, and start workflows on card payments',
		defaults: { name: 'Cardepass Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// n8n's verification requires a credential test; this one can only check that a secret is there.
		credentials: [
			{ name: 'cardepassWebhookApi', required: true, testedBy: 'cardepassWebhookSecretTest' },
		],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: triggerProperties,
	};

	methods = { credentialTest: { cardepassWebhookSecretTest } };

	// Cardepass has no API for webhooks: the URL is entered in its portal by hand, so there is nothing
	// to look up, register or remove on activation and deactivation.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const verification = verifyNotification(rawBodyOf(this), await secretOf(this));
		if (!verification.verified) {
			answerNow(this, refusal(verification.reason));
			return answered();
		}
		const { notification } = verification;

		const filters: TriggerFilters = {
			events: this.getNodeParameter('events', []) as string[],
			transactionStatuses: this.getNodeParameter('transactionStatuses', []) as string[],
			fundsDirections: this.getNodeParameter('fundsDirections', []) as string[],
		};
		const decision = decide(notification, filters);
		if (decision === 'unknownEventType') {
			answerNow(this, refusal('unknownEventType'));
			return answered();
		}
		const windowDays = this.getNodeParameter(
			'options.repeatWindowDays',
			DEFAULT_REPEAT_WINDOW_DAYS,
		) as number;
		const repeat =
			decision === 'start' &&
			seenBefore(this.getWorkflowStaticData('node'), notification.id, windowDays, Date.now());
		answerNow(this, ACCEPTED);
		if (decision === 'filteredOut' || repeat) return answered();
		return answered([[{ json: notificationItem(notification) }]]);
	}
}

/** The body as it arrived: n8n keeps it as `rawBody` next to the parsed `body`. */
function rawBodyOf(context: IWebhookFunctions): Buffer | string | undefined {
	const { rawBody } = context.getRequestObject() as { rawBody?: unknown };
	return Buffer.isBuffer(rawBody) || typeof rawBody === 'string' ? rawBody : undefined;
}

/** The configured secret, or '' (every notification is then refused) when none can be read. */
async function secretOf(context: IWebhookFunctions): Promise<string> {
	try {
		return webhookSecret(await context.getCredentials<{ webhookSecret?: unknown }>(CREDENTIAL));
	} catch (error) {
		// No credential chosen or it cannot be decrypted: refusing everything is the safe answer.
		context.logger.warn(
			`Cardepass Trigger has no usable webhook secret: ${(error as Error).message}`,
		);
		return '';
	}
}
