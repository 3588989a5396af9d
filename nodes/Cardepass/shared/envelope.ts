import type { IDataObject } from 'n8n-workflow';

/** The wrapper the provider puts around every answer. */
interface CardepassEnvelope {
	responseId?: string | null;
	hasError?: boolean;
	errorCode?: string | null;
	errorMessage?: string | null;
	data?: unknown;
}

/** A refusal from the provider, or an answer that could not be read, with what support needs to trace it. */
export class CardepassApiFailure extends Error {
	constructor(
		message: string,
		readonly details: {
			errorCode?: string;
			errorMessage?: string;
			responseId?: string;
			httpCode?: string;
			retryAfterSeconds?: number;
		} = {},
	) {
		super(message);
		this.name = 'CardepassApiFailure';
	}
}

export function isEnvelope(body: unknown): body is CardepassEnvelope {
	return (
		typeof body === 'object' &&
		body !== null &&
		!Array.isArray(body) &&
		('hasError' in body || 'responseId' in body)
	);
}

function text(value: unknown): string | undefined {
	return value === null || value === undefined || value === '' ? undefined : String(value);
}

/** Turns an envelope that reports an error into a failure carrying the provider's own words. */
export function failureFromEnvelope(
	envelope: CardepassEnvelope,
	httpCode?: string,
): CardepassApiFailure {
	const errorMessage = text(envelope.errorMessage);
	const errorCode = text(envelope.errorCode);
	return new CardepassApiFailure(
		errorMessage ?? `Cardepass refused the request (${errorCode ?? 'no error code'})`,
		{
			errorCode,
			errorMessage,
			responseId: text(envelope.responseId),
			httpCode,
		},
	);
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return NOT_JSON;
	}
}

/** Waits for a promise and reports its outcome instead of throwing, so callers can decide what a failure means. */
export async function settle<T>(
	promise: Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
	return await promise.then(
		(value) => ({ ok: true as const, value }),
		(error: unknown) => ({ ok: false as const, error }),
	);
}

/** The envelope's `data`; see readEnvelope. */
export function unwrapEnvelope(body: unknown): unknown {
	return readEnvelope(body).data;
}

/**
 * Returns the envelope's `data` and `responseId`, or throws when the provider says `hasError`, whatever the
 * HTTP status. A body that is not an envelope at all (an HTML page from a proxy, truncated JSON) is an error too.
 */
export function readEnvelope(body: unknown): { data: unknown; responseId?: string } {
	if (typeof body === 'string') {
		const trimmed = body.trim();
		if (trimmed === '') return { data: undefined };
		body = parseJson(trimmed);
		if (body === NOT_JSON) {
			throw new CardepassApiFailure(
				'Cardepass sent an answer that is not valid JSON, so the result of this request is unknown',
				{ errorCode: 'INVALID_RESPONSE' },
			);
		}
	}
	if (!isEnvelope(body)) {
		throw new CardepassApiFailure('Cardepass sent an answer in an unexpected format', {
			errorCode: 'INVALID_RESPONSE',
		});
	}
	if (body.hasError === true) throw failureFromEnvelope(body);
	return { data: body.data, responseId: text(body.responseId) };
}

/** Splits unwrapped data into records: an array gives one record per element, an object gives one. */
export function toRecords(data: unknown): IDataObject[] {
	if (data === null || data === undefined) return [];
	if (Array.isArray(data)) {
		return data.map((entry) =>
			typeof entry === 'object' && entry !== null
				? (entry as IDataObject)
				: { value: entry as string },
		);
	}
	if (typeof data === 'object') return [data as IDataObject];
	return [{ value: data as string }];
}
