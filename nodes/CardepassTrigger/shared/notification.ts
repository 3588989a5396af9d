import type { IDataObject } from 'n8n-workflow';

import type { RefusalReason } from './answers';
import { type JsonNode, readJsonText } from './jsonText';
import { compactJson, phpJsonEncode } from './phpJson';
import { verifySignature } from './signature';

/** A notification whose signature was verified. */
export interface Notification {
	id: string;
	type: string;
	createdTime: string;
	version: string;
	data: IDataObject;
}

export type Verification =
	| { verified: true; notification: Notification }
	| { verified: false; reason: RefusalReason };

const TEXT_FIELDS = ['id', 'type', 'createdTime', 'version', 'signature'] as const;
const ENVELOPE_FIELDS = new Set<string>([...TEXT_FIELDS, 'data']);

/**
 * Reads and verifies one notification from the request body exactly as it arrived. Fails closed:
 * without a secret, a readable body, every envelope field and a matching signature it refuses.
 */
export function verifyNotification(
	rawBody: Buffer | string | undefined,
	secret: string,
): Verification {
	if (!secret) return { verified: false, reason: 'noSecret' };
	if (rawBody === undefined) return { verified: false, reason: 'noRawBody' };
	const text = typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8');

	let root: JsonNode;
	try {
		root = readJsonText(text);
	} catch {
		return { verified: false, reason: 'notJson' };
	}
	if (root.kind !== 'object') return { verified: false, reason: 'notJson' };

	const fields = new Map<string, JsonNode>();
	for (const { key, value } of root.entries) {
		// A repeated envelope field could be read one way here and another way by the signer.
		if (ENVELOPE_FIELDS.has(key) && fields.has(key))
			return { verified: false, reason: 'missingFields' };
		fields.set(key, value);
	}
	const textOf = (name: string) => {
		const node = fields.get(name);
		return node?.kind === 'string' ? node.value : undefined;
	};
	const [id, type, createdTime, version, signature] = TEXT_FIELDS.map(textOf);
	const data = fields.get('data');
	if (
		!id ||
		!type ||
		createdTime === undefined ||
		version === undefined ||
		!signature ||
		data?.kind !== 'object'
	) {
		return { verified: false, reason: 'missingFields' };
	}

	const asArrived = text.slice(data.start, data.end);
	const dataTexts = [asArrived];
	// The PHP example's form (see phpJson.ts) is tried only where PHP's escapes, numbers or empty
	// objects make it differ from the plain compact text. Where they don't, it would equal the compact
	// text, and accepting it would let a body whose data was re-spaced after signing pass.
	const asPhpEncodes = phpJsonEncode(data);
	if (
		asPhpEncodes !== undefined &&
		asPhpEncodes !== asArrived &&
		asPhpEncodes !== compactJson(data)
	)
		dataTexts.push(asPhpEncodes);
	if (!verifySignature({ id, type, createdTime, version }, dataTexts, signature, secret)) {
		return { verified: false, reason: 'badSignature' };
	}
	return {
		verified: true,
		notification: { id, type, createdTime, version, data: JSON.parse(asArrived) as IDataObject },
	};
}
