/**
 * The answer bodies the provider expects (webhook document, section 6). It treats `success: false`,
 * or an error status, as a failed delivery and sends the notification again later. Its PHP example
 * answers HTTP 200 in every case and lets the body decide; so does the node.
 */
export interface ProviderAnswer {
	success: boolean;
	errorCode: string;
	errorMessage: string;
}

export const ANSWER_STATUS = 200;

export const ACCEPTED: ProviderAnswer = { success: true, errorCode: '', errorMessage: '' };

export type RefusalReason =
	| 'noSecret'
	| 'noRawBody'
	| 'notJson'
	| 'missingFields'
	| 'badSignature'
	| 'unknownEventType';

const REFUSALS: Record<RefusalReason, ProviderAnswer> = {
	noSecret: {
		success: false,
		errorCode: 'INVALID_SIGNATURE',
		errorMessage:
			'The receiver has no webhook secret configured, so no notification can be verified',
	},
	noRawBody: {
		success: false,
		errorCode: 'INVALID_SIGNATURE',
		errorMessage: 'The request body could not be read as sent, so the signature cannot be verified',
	},
	notJson: {
		success: false,
		errorCode: 'INVALID_SIGNATURE',
		errorMessage: 'The request body is not a JSON object',
	},
	missingFields: {
		success: false,
		errorCode: 'INVALID_SIGNATURE',
		errorMessage: 'The notification lacks id, type, createdTime, data, version or signature',
	},
	badSignature: {
		success: false,
		errorCode: 'INVALID_SIGNATURE',
		errorMessage: 'Signature verification failed',
	},
	unknownEventType: {
		success: false,
		errorCode: 'UNKNOWN_EVENT_TYPE',
		errorMessage: 'Unknown event type',
	},
};

export function refusal(reason: RefusalReason): ProviderAnswer {
	return { ...REFUSALS[reason] };
}
