import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { cardepassBaseUrl } from '../../../credentials/CardepassOAuth2Api.credentials';
import type { DomainRestriction } from './allowedDomains';

/** The node's credential type, as every request path names it. */
export const CARDEPASS_CREDENTIAL_TYPE = 'cardepassOAuth2Api';

/** Where the credential sends requests, and the hosts it may send them to. */
export interface CardepassDestination {
	baseUrl: string;
	restriction: DomainRestriction;
}

function destinationOf(
	credentials: DomainRestriction & { environment?: unknown; baseUrl?: unknown },
): CardepassDestination {
	return {
		baseUrl: cardepassBaseUrl(credentials),
		restriction: {
			allowedHttpRequestDomains: credentials.allowedHttpRequestDomains,
			allowedDomains: credentials.allowedDomains,
		},
	};
}

/**
 * The credential's API root and domain restriction, read once per node run and shared by its items. The root
 * is not an expression in the node's request defaults: n8n would evaluate that twice for every item. The key
 * is the run's node context, which lives exactly as long as the run (a Retry of the execution has a context
 * of its own).
 */
const destinationOfRun = new WeakMap<object, Promise<CardepassDestination>>();

export async function cardepassDestinationOfRun(
	ctx: IExecuteSingleFunctions,
): Promise<CardepassDestination> {
	const run = ctx.getContext('node');
	let destination = destinationOfRun.get(run);
	if (!destination) {
		destination = ctx.getCredentials(CARDEPASS_CREDENTIAL_TYPE).then(destinationOf);
		destinationOfRun.set(run, destination);
	}
	return await destination;
}
