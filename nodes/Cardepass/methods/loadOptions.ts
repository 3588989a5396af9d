import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { cardepassBaseUrl } from '../../../credentials/CardepassOAuth2Api.credentials';
import type { DomainRestriction } from '../shared/allowedDomains';
import { domainRefusalError } from '../shared/allowedDomains';
import { CARDEPASS_CREDENTIAL_TYPE } from '../shared/baseUrl';
import { toRecords } from '../shared/envelope';
import { isTemporaryFailure, toNodeError } from '../shared/errors';
import { DEFAULT_MAX_CONCURRENT_REQUESTS } from '../shared/limiter';
import { createSender } from '../shared/sender';

/** A dropdown is waited on by a person: one repeat of a temporary failure, not the operations' two. */
const DROPDOWN_RETRIES = 1;

const CARD_MODEL_NAMES: Record<string, string> = {
	standard: 'Standard',
	sharebalance: 'ShareBalance',
};

/**
 * The products, through the same request path as the operations: the credential's limit, allowed domains,
 * retries, envelope.
 */
async function fetchProducts(ctx: ILoadOptionsFunctions): Promise<IDataObject[]> {
	const credentials = await ctx.getCredentials<
		DomainRestriction & {
			environment?: string;
			baseUrl?: string;
			oauthTokenData?: { access_token?: string };
		}
	>(CARDEPASS_CREDENTIAL_TYPE);
	const credential = ctx.getNode().credentials?.[CARDEPASS_CREDENTIAL_TYPE];
	const server = cardepassBaseUrl(credentials);
	const send = createSender({
		refusal: domainRefusalError(ctx.getNode(), credentials, server),
		slot: {
			credential: credential?.id ?? credential?.name ?? 'default',
			server,
			caller: 'dropdown',
			limit: DEFAULT_MAX_CONCURRENT_REQUESTS,
			overloaded: isTemporaryFailure,
		},
		needsToken: async () => !credentials.oauthTokenData?.access_token,
		retries: DROPDOWN_RETRIES,
		transport: async () =>
			await ctx.helpers.httpRequestWithAuthentication.call(ctx, CARDEPASS_CREDENTIAL_TYPE, {
				method: 'GET',
				url: `${server}/v1/products`,
				json: true,
			}),
	});
	try {
		return toRecords(await send());
	} catch (error) {
		throw toNodeError(ctx.getNode(), error, 0, undefined);
	}
}

function listOf(value: unknown): string[] {
	return Array.isArray(value) ? value.map(String) : [];
}

/**
 * A new node asks for its options before n8n has filled in its credential, and n8n loads them again once it
 * has: until then the list holds one entry that says what it waits for, instead of an error.
 */
function waitingForCredential(
	ctx: ILoadOptionsFunctions,
	what: string,
): INodePropertyOptions[] | undefined {
	if (ctx.getNode().credentials?.[CARDEPASS_CREDENTIAL_TYPE]) return undefined;
	return [
		{
			name: `Choose a Cardepass credential to list the ${what}`,
			value: '',
			description: `The ${what} come from your Cardepass account: choose or create the credential at the top of this panel`,
		},
	];
}

/** Products the account may use for the chosen card model. */
export async function getProducts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const waiting = waitingForCredential(this, 'products');
	if (waiting) return waiting;
	const model = CARD_MODEL_NAMES[String(this.getCurrentNodeParameter('cardModel') ?? '')];
	return (await fetchProducts(this))
		.filter((product) => {
			const models = listOf(product.cardModels);
			return !model || models.length === 0 || models.includes(model);
		})
		.map((product) => ({
			name: `${String(product.productName ?? product.productCode)} (${String(product.productCode)})`,
			value: String(product.productCode),
			description: product.description ? String(product.description) : undefined,
		}));
}

/** The settlement currencies of the chosen product. */
export async function getCurrencies(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const waiting = waitingForCredential(this, 'currencies');
	if (waiting) return waiting;
	const productCode = String(this.getCurrentNodeParameter('productCode') ?? '');
	const products = await fetchProducts(this);
	const chosen = products.filter((product) => !productCode || product.productCode === productCode);
	const currencies = [...new Set(chosen.flatMap((product) => listOf(product.cardCurrency)))].sort();
	return currencies.map((currency) => ({ name: currency, value: currency }));
}
