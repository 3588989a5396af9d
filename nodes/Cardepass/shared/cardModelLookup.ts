import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toRecords } from './envelope';
import type { SendRead } from './orderQuery';
import type { CardModel, OrderSpec } from './types';

/** The Card Model choice that reads the model from the card itself (Card → Get). */
export const CARD_MODEL_FROM_CARD = 'fromCard';

const MODELS: Record<string, CardModel> = { standard: 'standard', sharebalance: 'sharebalance' };

/** One read per card and execution: the node's context object is the same for every item of an execution. */
const readsByExecution = new WeakMap<object, Map<string, Promise<CardModel>>>();

function executionCache(ctx: IExecuteSingleFunctions): Map<string, Promise<CardModel>> {
	let key: object;
	try {
		key = ctx.getContext('node');
	} catch {
		return new Map();
	}
	let cache = readsByExecution.get(key);
	if (!cache) {
		cache = new Map();
		readsByExecution.set(key, cache);
	}
	return cache;
}

/** Reads only the card's model: nothing else of the card (its number, its CVV) is kept. */
async function readCardModel(ctx: IExecuteSingleFunctions, cardId: string, send: SendRead): Promise<CardModel> {
	const card = toRecords(await send({ method: 'GET', url: `/v1/cards/${encodeURIComponent(cardId)}`, qs: {} }))[0] as IDataObject | undefined;
	const model = MODELS[String(card?.cardModel ?? '').toLowerCase()];
	if (!model) {
		throw new NodeOperationError(ctx.getNode(), `Cardepass did not say which model card ${cardId} is`, {
			itemIndex: ctx.getItemIndex(),
			description: 'Set Card Model to Standard or Share Balance instead of From the Card.',
		});
	}
	return model;
}

/** The card model an order goes to: fixed by the operation, chosen by the user, or read from the card. */
export async function resolveOrderModel(ctx: IExecuteSingleFunctions, spec: OrderSpec, body: IDataObject, send: SendRead): Promise<CardModel> {
	if (spec.model !== 'fromParameter') return spec.model;
	const chosen = ctx.getNodeParameter('cardModel') as string;
	if (chosen !== CARD_MODEL_FROM_CARD) return chosen as CardModel;
	const cardId = String(body.cardId);
	const cache = executionCache(ctx);
	let model = cache.get(cardId);
	if (!model) {
		model = readCardModel(ctx, cardId, send);
		cache.set(cardId, model);
		// A failed read is not kept: the next item (or Retry On Fail) reads again.
		model.catch(() => cache.delete(cardId));
	}
	return await model;
}
