import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The secret Cardepass signs its webhook notifications with. There is no request that could check it:
 * the Cardepass Trigger node's test (testedBy) only checks that one is there, and the notice says so.
 */
export class CardepassWebhookApi implements ICredentialType {
	name = 'cardepassWebhookApi';

	displayName = 'Cardepass Webhook API';

	icon: Icon = { light: 'file:cardepass.svg', dark: 'file:cardepass.dark.svg' };

	documentationUrl = 'https://github.com/cardepass/n8n-nodes-cardepass#cardepass-trigger';

	properties: INodeProperties[] = [
		{
			displayName:
				'This secret cannot be tested here: Cardepass has no API to check it. n8n\'s "Connection tested successfully" only means that a secret is entered. It is checked on each notification: one signed with another secret is refused (INVALID_SIGNATURE) and starts no workflow.',
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
