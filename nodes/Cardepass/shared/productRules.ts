import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { CardepassApiFailure, settle, toRecords } from './envelope';
import type { SendRead } from './orderQuery';
import type { CardModel, ProductRule } from './types';

/**
 * API v1.4 servers describe, per product, card model and currency, which orders are allowed and which
 * amounts they take (`cardBinConfigs`). When the server sends them, orders are checked against them before
 * anything is sent; v1.0 servers send none and orders go out as before.
 */
interface BinConfig {
	cardModel?: string;
	currency?: string;
	minPreTopUpAmount?: number | null;
	minTopUpAmount?: number | null;
	openCardAmountPrecision?: string;
	topUpAmountPrecision?: string;
	permissions?: Record<string, boolean | undefined>;
}

/** Products and cards read once per execution and credential, however many items the node has. */
const executionCaches = new Map<string, { products?: Promise<IDataObject[] | undefined>; cards: Map<string, Promise<IDataObject | undefined>> }>();
const CACHED_EXECUTIONS = 20;

function cacheFor(ctx: IExecuteSingleFunctions): ReturnType<typeof executionCaches.get> {
	const executionId = ctx.getExecutionId();
	if (!executionId) return undefined;
	const credential = ctx.getNode().credentials?.cardepassOAuth2Api;
	const key = `${executionId}:${ctx.getWorkflow().id ?? ''}:${credential?.id ?? credential?.name ?? ''}`;
	let cache = executionCaches.get(key);
	if (!cache) {
		cache = { cards: new Map() };
		executionCaches.set(key, cache);
		// Old executions drop out; a Map keeps insertion order.
		if (executionCaches.size > CACHED_EXECUTIONS) executionCaches.delete(executionCaches.keys().next().value!);
	}
	return cache;
}

async function readOrUndefined(promise: Promise<unknown>): Promise<unknown> {
	const answer = await settle(promise);
	return answer.ok ? answer.value : undefined;
}

function products(ctx: IExecuteSingleFunctions, send: SendRead): Promise<IDataObject[] | undefined> {
	const load = async () => {
		const data = await readOrUndefined(send({ method: 'GET', url: '/v1/products', qs: {} }));
		return data === undefined ? undefined : toRecords(data);
	};
	const cache = cacheFor(ctx);
	if (!cache) return load();
	cache.products ??= load();
	return cache.products;
}

function card(ctx: IExecuteSingleFunctions, send: SendRead, cardId: string): Promise<IDataObject | undefined> {
	const load = async () => {
		const data = await readOrUndefined(send({ method: 'GET', url: `/v1/cards/${encodeURIComponent(cardId)}`, qs: {} }));
		return data === undefined ? undefined : toRecords(data)[0];
	};
	const cache = cacheFor(ctx);
	if (!cache) return load();
	let pending = cache.cards.get(cardId);
	if (!pending) {
		pending = load();
		cache.cards.set(cardId, pending);
	}
	return pending;
}

const MODEL_NAMES: Record<CardModel, string> = { standard: 'Standard', sharebalance: 'ShareBalance' };

const OPERATION_NAMES: Record<string, string> = {
	allowOpenCard: 'opening cards',
	allowTopUpCard: 'top-ups',
	allowWithdraw: 'withdrawals',
	allowUpdateLimit: 'limit changes',
	allowBlockCard: 'blocking cards',
	allowUnBlockCard: 'unblocking cards',
	allowCancelCard: 'cancelling cards',
};

function refuse(message: string, rule: string): never {
	throw new CardepassApiFailure(message, {
		errorCode: 'PRODUCT_RULE',
		errorMessage: `The product's rule (cardBinConfigs): ${rule}. Product → Get Many shows every rule.`,
	});
}

/** Checks an order against the product's rules, when the server publishes them. */
export async function checkProductRules(
	ctx: IExecuteSingleFunctions,
	rule: ProductRule,
	model: CardModel,
	body: IDataObject,
	send: SendRead,
): Promise<void> {
	const list = await products(ctx, send);
	if (!list?.some((product) => Array.isArray(product.cardBinConfigs))) return;

	let productCode = body.productCode as string | undefined;
	let currency = body.cardCurrency as string | undefined;
	if (!productCode || !currency) {
		const found = body.cardId ? await card(ctx, send, String(body.cardId)) : undefined;
		if (!found) return;
		productCode = found.productCode as string;
		currency = found.cardCurrency as string;
	}
	const product = list.find((entry) => entry.productCode === productCode);
	const config = ((product?.cardBinConfigs ?? []) as BinConfig[]).find(
		(entry) => entry.cardModel === MODEL_NAMES[model] && entry.currency === currency,
	);
	if (!config) return;
	const where = `${productCode}, ${MODEL_NAMES[model]} card in ${currency}`;

	if (config.permissions?.[rule.permission] === false) {
		refuse(`This product does not allow ${OPERATION_NAMES[rule.permission]} (${where})`, `${rule.permission} is false`);
	}
	if (!rule.amount) return;
	const amount = body[rule.amount.field];
	if (typeof amount !== 'number') return;
	const minimum = config[rule.amount.minimum];
	if (typeof minimum === 'number' && amount < minimum) {
		refuse(
			`This product takes ${rule.amount.label} of at least ${minimum} ${currency}, not ${amount} (${where})`,
			`${rule.amount.minimum} is ${minimum}`,
		);
	}
	if (config[rule.amount.precision] === 'IntegerOnly' && !Number.isInteger(amount)) {
		refuse(
			`This product only accepts whole amounts: ${amount} has decimals (${where})`,
			`${rule.amount.precision} is IntegerOnly`,
		);
	}
}
