/** The secret as the trigger uses it. */
export function webhookSecret(data: { webhookSecret?: unknown } | undefined): string {
	return typeof data?.webhookSecret === 'string' ? data.webhookSecret.trim() : '';
}
