import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { cardepassBaseUrl } from '../../../credentials/CardepassOAuth2Api.credentials';
import { toRecords, unwrapEnvelope } from '../shared/envelope';
import { toNodeError } from '../shared/errors';

const CARD_MODEL_NAMES: Record<string, string> = { standard: 'Standard', sharebalance: 'ShareBalance' };

async function fetchProducts(ctx: ILoadOptionsFunctions): Promise<IDataObject[]> {
	const credentials = await ctx.getCredentials('cardepassOAuth2Api');
	try {
		const body = await ctx.helpers.httpRequestWithAuthentication.call(ctx, 'cardepassOAuth2Api', {
			method: 'GET',
			url: `${cardepassBaseUrl(credentials)}/v1/products`,
			json: true,
		});
		return toRecords(unwrapEnvelope(body));
	} catch (error) {
		const nodeError = toNodeError(ctx.getNode(), error, 0, undefined);
		throw nodeError instanceof NodeApiError ? nodeError : new NodeApiError(ctx.getNode(), error as JsonObject);
	}
}

function listOf(value: unknown): string[] {
	return Array.isArray(value) ? value.map(String) : [];
}

/** Products the account may use for the chosen card model. */
export async function getProducts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
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
	const productCode = String(this.getCurrentNodeParameter('productCode') ?? '');
	const products = await fetchProducts(this);
	const chosen = products.filter((product) => !productCode || product.productCode === productCode);
	const currencies = [...new Set(chosen.flatMap((product) => listOf(product.cardCurrency)))].sort();
	return currencies.map((currency) => ({ name: currency, value: currency }));
}
