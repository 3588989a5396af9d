import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { cardepassBaseUrl } from '../../../credentials/CardepassOAuth2Api.credentials';

/** The node's credential type, as every request path names it. */
export const CARDEPASS_CREDENTIAL_TYPE = 'cardepassOAuth2Api';

/**
 * The credential's API root, read once per node run and shared by its items. It is not an expression in the
 * node's request defaults: n8n would evaluate that twice for every item. The key is the run's node context,
 * which lives exactly as long as the run (a Retry of the execution has a context of its own).
 */
const baseUrlOfRun = new WeakMap<object, Promise<string>>();

export async function cardepassBaseUrlOfRun(ctx: IExecuteSingleFunctions): Promise<string> {
	const run = ctx.getContext('node');
	let baseUrl = baseUrlOfRun.get(run);
	if (!baseUrl) {
		baseUrl = ctx.getCredentials(CARDEPASS_CREDENTIAL_TYPE).then(cardepassBaseUrl);
		baseUrlOfRun.set(run, baseUrl);
	}
	return await baseUrl;
}
