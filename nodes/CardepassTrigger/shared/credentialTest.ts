import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

/** The secret as the trigger uses it. */
export function webhookSecret(data: { webhookSecret?: unknown } | undefined): string {
	return typeof data?.webhookSecret === 'string' ? data.webhookSecret.trim() : '';
}

/**
 * "Test" of the Cardepass Webhook API credential. No request can check a webhook secret: only a
 * notification signed with it can. So the test checks that a secret is there and says what it cannot check.
 */
export async function cardepassWebhookSecretTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	if (!webhookSecret(credential.data)) {
		return {
			status: 'Error',
			message:
				'No webhook secret: the Cardepass Trigger refuses every notification until the secret from the Cardepass portal is entered',
		};
	}
	return {
		status: 'OK',
		message:
			'Secret saved. It cannot be checked until Cardepass sends a notification: one signed with another secret is answered INVALID_SIGNATURE and starts no workflow',
	};
}
