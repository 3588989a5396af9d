import { sleep } from 'n8n-workflow';

import { readEnvelope, settle } from './envelope';
import { isTemporaryFailure } from './errors';
import type { RequestSlot } from './limiter';
import { withRequestSlot } from './limiter';
import type { RequestOptions } from './types';

/** Temporary failures (429, 5xx, a dropped connection, an unreadable answer) are sent again this often by default. */
export const DEFAULT_RETRIES = 2;

/** Waits before the first, second, third… repeat of a temporary failure. */
const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000];

/** Sends a request with changes to its options and answers the envelope's `data`; `withEnvelope` also gives its responseId. */
export interface Sender {
	(overrides?: Partial<RequestOptions>): Promise<unknown>;
	withEnvelope(
		overrides?: Partial<RequestOptions>,
	): Promise<{ data: unknown; responseId?: string }>;
}

/**
 * The one way a request reaches Cardepass, for operations and dropdowns alike: within the credential's
 * concurrency limit (`slot`), repeated on temporary failures (429, 5xx, a dropped connection, an unreadable
 * answer) up to `retries` times, the envelope checked. `transport` makes the HTTP request with n8n's helpers.
 * `refusal` (the credential's Allowed HTTP Request Domains forbid the host) is thrown instead of every
 * request: n8n would fetch the token, client secret included, before its own check.
 */
export function createSender(options: {
	slot: RequestSlot;
	needsToken: () => Promise<boolean>;
	retries: number;
	transport: (overrides: Partial<RequestOptions>) => Promise<unknown>;
	refusal?: Error;
}): Sender {
	const sendOnce = async (overrides: Partial<RequestOptions>) => {
		if (options.refusal) throw options.refusal;
		return await withRequestSlot(options.slot, options.needsToken, async () =>
			readEnvelope(await options.transport(overrides)),
		);
	};
	const withEnvelope = async (overrides: Partial<RequestOptions> = {}) => {
		for (let attempt = 0; ; attempt++) {
			const answer = await settle(sendOnce(overrides));
			if (answer.ok) return answer.value;
			if (attempt >= options.retries || !isTemporaryFailure(answer.error)) throw answer.error;
			// The slot is free while waiting, so other items go on.
			await sleep(RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]);
		}
	};
	const send = (async (overrides: Partial<RequestOptions> = {}) =>
		(await withEnvelope(overrides)).data) as Sender;
	send.withEnvelope = withEnvelope;
	return send;
}
