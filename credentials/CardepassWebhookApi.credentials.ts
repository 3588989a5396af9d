import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The secret Cardepass signs its webhook notifications with. There is no request that could check it:
 * the Cardepass Trigger node tests it (testedBy) and says so.
 */
export class CardepassWebhookApi implements ICredentialType {
	name = 'cardepassWebhookApi';

	displayName = 'Cardepass Webhook API';

	icon: Icon = { light: 'file:cardepass.svg', dark: 'file:cardepass.dark.svg' };

	documentationUrl = 'https://github.com/cardepass/n8n-nodes-cardepass#cardepass-trigger';

	properties: INodeProperties[] = [
		{
			displayName:
				'Cardepass has no API to check a webhook secret: it can only be checked when a notification arrives. A notification signed with another secret is refused and starts no workflow.',
			name: 'verificationNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The secret set with the webhook in the Cardepass portal. Cardepass signs every notification with it (HMAC-SHA256); leading and trailing spaces are ignored.',
		},
	];
}
