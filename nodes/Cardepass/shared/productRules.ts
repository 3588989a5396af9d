import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { settle, toRecords } from './envelope';
import type { SendRead } from './orderQuery';
import { refusalBeforeSending } from './refusal';
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

/** What a rule check needs to know of a card: never its number, CVV or anything else it was sent with. */
export interface CardKind {
	productCode: string;
	cardCurrency: string;
	cardModel: string;
}

/**
 * Products and card kinds are kept per credential for RULES_KEPT_MS, so a top-up costs one request once
 * they are known, however many items or executions follow. A card's product, currency and model never
 * change; a product's rules rarely do, and a changed rule is read at the latest RULES_KEPT_MS later (the
 * server checks its own rules on every order anyway). A read that failed is tried again after FAILED_READ_KEPT_MS.
 */
export const RULES_KEPT_MS = 5 * 60_000;
const FAILED_READ_KEPT_MS = 30_000;
const CARDS_KEPT_PER_CREDENTIAL = 1000;

interface Kept<T> {
	value: Promise<T | undefined>;
	until: number;
}

interface CredentialRules {
	products?: Kept<IDataObject[]>;
	cards: Map<string, Kept<CardKind>>;
}

const rulesByCredential = new Map<string, CredentialRules>();
/** The server each item's requests go to, so an edited credential pointing elsewhere reads its rules anew. */
const serverOfItem = new WeakMap<object, string>();

/** Called with each item's resolved base URL before its order is checked. */
export function noteServer(ctx: object, baseUrl: string): void {
	serverOfItem.set(ctx, baseUrl);
}

function rulesOf(ctx: IExecuteSingleFunctions): CredentialRules {
	const credential = ctx.getNode().credentials?.cardepassOAuth2Api;
	const key = `${credential?.id ?? credential?.name ?? ''} ${serverOfItem.get(ctx) ?? ''}`;
	let rules = rulesByCredential.get(key);
	if (!rules) {
		rules = { cards: new Map() };
		rulesByCredential.set(key, rules);
	}
	return rules;
}

/** The kept value while it is fresh, else `load()`'s, kept for as long as its outcome deserves. */
function keep<T>(
	kept: Kept<T> | undefined,
	load: () => Promise<T | undefined>,
	store: (entry: Kept<T>) => void,
): Promise<T | undefined> {
	if (kept && Date.now() < kept.until) return kept.value;
	const entry: Kept<T> = { value: load(), until: Number.POSITIVE_INFINITY };
	store(entry);
	void entry.value.then((value) => {
		entry.until = Date.now() + (value === undefined ? FAILED_READ_KEPT_MS : RULES_KEPT_MS);
	});
	return entry.value;
}

async function readOrUndefined(promise: Promise<unknown>): Promise<unknown> {
	const answer = await settle(promise);
	return answer.ok ? answer.value : undefined;
}

function products(
	ctx: IExecuteSingleFunctions,
	send: SendRead,
): Promise<IDataObject[] | undefined> {
	const rules = rulesOf(ctx);
	return keep(
		rules.products,
		async () => {
			const data = await readOrUndefined(send({ method: 'GET', url: '/v1/products', qs: {} }));
			return data === undefined ? undefined : toRecords(data);
		},
		(entry) => (rules.products = entry),
	);
}

/**
 * A card's product, currency and model, read once per credential and server and kept RULES_KEPT_MS
 * (undefined when it could not be read). Whatever else needs a card's model can share this read.
 */
export function cardKind(
	ctx: IExecuteSingleFunctions,
	send: SendRead,
	cardId: string,
): Promise<CardKind | undefined> {
	const rules = rulesOf(ctx);
	return keep(
		rules.cards.get(cardId),
		async () => {
			const data = await readOrUndefined(
				send({ method: 'GET', url: `/v1/cards/${encodeURIComponent(cardId)}`, qs: {} }),
			);
			const found = data === undefined ? undefined : toRecords(data)[0];
			if (!found) return undefined;
			return {
				productCode: String(found.productCode),
				cardCurrency: String(found.cardCurrency),
				cardModel: String(found.cardModel),
			};
		},
		(entry) => {
			rules.cards.delete(cardId);
			rules.cards.set(cardId, entry);
			// The longest-kept card drops out; a Map keeps insertion order.
			if (rules.cards.size > CARDS_KEPT_PER_CREDENTIAL)
				rules.cards.delete(rules.cards.keys().next().value!);
		},
	);
}

const MODEL_NAMES: Record<CardModel, string> = {
	standard: 'Standard',
	sharebalance: 'ShareBalance',
};

const OPERATION_NAMES: Record<string, string> = {
	allowOpenCard: 'opening cards',
	allowTopUpCard: 'top-ups',
	allowWithdraw: 'withdrawals',
	allowUpdateLimit: 'limit changes',
	allowBlockCard: 'blocking cards',
	allowUnBlockCard: 'unblocking cards',
	allowCancelCard: 'cancelling cards',
};

/** The node's refusal of an order a product rule published by Cardepass forbids: the order is not sent. */
function refuseByProductRule(ctx: IExecuteSingleFunctions, message: string, rule: string): never {
	throw refusalBeforeSending(
		ctx.getNode(),
		ctx.getItemIndex(),
		message,
		`The product's rule at Cardepass: ${rule}. Product → Get Many shows every rule; pick another product, amount or card.`,
	);
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
		const found = body.cardId ? await cardKind(ctx, send, String(body.cardId)) : undefined;
		if (!found) return;
		productCode = found.productCode;
		currency = found.cardCurrency;
	}
	const product = list.find((entry) => entry.productCode === productCode);
	const config = ((product?.cardBinConfigs ?? []) as BinConfig[]).find(
		(entry) => entry.cardModel === MODEL_NAMES[model] && entry.currency === currency,
	);
	if (!config) return;
	const where = `${productCode}, ${MODEL_NAMES[model]} card in ${currency}`;

	if (config.permissions?.[rule.permission] === false) {
		refuseByProductRule(
			ctx,
			`This product does not allow ${OPERATION_NAMES[rule.permission]} (${where})`,
			`${rule.permission} is false`,
		);
	}
	if (!rule.amount) return;
	const amount = body[rule.amount.field];
	if (typeof amount !== 'number') return;
	const minimum = config[rule.amount.minimum];
	if (typeof minimum === 'number' && amount < minimum) {
		refuseByProductRule(
			ctx,
			`This product takes ${rule.amount.label} of at least ${minimum} ${currency}, not ${amount} (${where})`,
			`${rule.amount.minimum} is ${minimum}`,
		);
	}
	if (config[rule.amount.precision] === 'IntegerOnly' && !Number.isInteger(amount)) {
		refuseByProductRule(
			ctx,
			`This product only accepts whole amounts: ${amount} has decimals (${where})`,
			`${rule.amount.precision} is IntegerOnly`,
		);
	}
}
