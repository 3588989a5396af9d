import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { readFailure } from '../../shared/errors';
import { optionsCollection } from '../../shared/fields';
import type { CardepassOperation } from '../../shared/operation';
import type { Sender } from '../../shared/sender';

/**
 * Whether Cardepass answers with this credential. A failure is the answer, not an error, so a monitoring
 * workflow can branch on `connected`.
 */
async function ping(this: IExecuteSingleFunctions, send: Sender): Promise<IDataObject[]> {
	const startedAt = Date.now();
	try {
		const { responseId } = await send.withEnvelope();
		return [
			{
				connected: true,
				responseId: responseId ?? null,
				milliseconds: Date.now() - startedAt,
				error: null,
			},
		];
	} catch (error) {
		const failure = readFailure(error);
		const details = failure?.details ?? {};
		return [
			{
				connected: false,
				responseId: details.responseId ?? null,
				milliseconds: Date.now() - startedAt,
				error: {
					message: failure?.message ?? (error as Error).message,
					errorCode: details.errorCode ?? null,
					httpCode: details.httpCode ?? null,
				},
			},
		];
	}
}

export const checkConnection: CardepassOperation = {
	name: 'Check Connection',
	value: 'checkConnection',
	action: 'Check the connection',
	description:
		'Whether Cardepass answers with this credential (for monitoring): connected true or false, never an error',
	request: { method: 'GET', url: '/v1/ping' },
	properties: [optionsCollection(false)],
	spec: { read: ping },
};
