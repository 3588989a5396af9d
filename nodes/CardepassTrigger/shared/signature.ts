import { createHmac, timingSafeEqual } from 'crypto';

/** The fields the provider signs, as text. `data` is the JSON text of the `data` field. */
export interface SignedFields {
	id: string;
	type: string;
	createdTime: string;
	data: string;
	version: string;
}

/** HMAC-SHA256 with the secret over id + type + createdTime + data + version (UTF-8), Base64. */
export function computeSignature(fields: SignedFields, secret: string): string {
	const content = fields.id + fields.type + fields.createdTime + fields.data + fields.version;
	return createHmac('sha256', Buffer.from(secret, 'utf8')).update(content, 'utf8').digest('base64');
}

/** Compares in constant time; the lengths of two signatures are no secret. */
export function signaturesMatch(expected: string, received: string): boolean {
	const a = Buffer.from(expected, 'utf8');
	const b = Buffer.from(received, 'utf8');
	return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Whether `received` signs these fields with one of the `data` texts. The provider's Java and C#
 * examples sign the `data` field's raw JSON text as it arrived; its PHP example signs
 * `json_encode($payload['data'])` instead, a re-encoding that differs from the raw text as soon as the
 * data holds `/` or non-ASCII characters (see phpJson.ts). Either form proves the sender knows the
 * secret, so both are accepted; every candidate is checked, so the time taken does not tell which matched.
 */
export function verifySignature(
	fields: Omit<SignedFields, 'data'>,
	dataTexts: string[],
	received: string,
	secret: string,
): boolean {
	let matched = false;
	for (const data of dataTexts) {
		if (signaturesMatch(computeSignature({ ...fields, data }, secret), received)) matched = true;
	}
	return matched;
}
