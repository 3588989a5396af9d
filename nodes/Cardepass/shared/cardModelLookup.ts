import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toRecords } from './envelope';
import type { SendRead } from './orderQuery';
import { cardKind } from './productRules';
import type { CardModel, OrderSpec } from './types';

/** The Card Model choice that reads the model from the card itself (Card → Get). */
export const CARD_MODEL_FROM_CARD = 'fromCard';

const MODELS: Record<string, CardModel> = { standard: 'standard', sharebalance: 'sharebalance' };

/** Reads only the card's model: nothing else of the card (its number, its CVV) is kept. */
async function readCardModel(
	ctx: IExecuteSingleFunctions,
	cardId: string,
	send: SendRead,
): Promise<CardModel> {
	const card = toRecords(
		await send({ method: 'GET', url: `/v1/cards/${encodeURIComponent(cardId)}`, qs: {} }),
	)[0] as IDataObject | undefined;
	const model = MODELS[String(card?.cardModel ?? '').toLowerCase()];
	if (!model) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Cardepass did not say which model card ${cardId} is`,
			{
				itemIndex: ctx.getItemIndex(),
				description: 'Set Card Model to Standard or Share Balance instead of From the Card.',
			},
		);
	}
	return model;
}

/** The card model an order goes to: fixed by the operation, chosen by the user, or read from the card. */
export async function resolveOrderModel(
	ctx: IExecuteSingleFunctions,
	spec: OrderSpec,
	body: IDataObject,
	send: SendRead,
): Promise<CardModel> {
	if (spec.model !== 'fromParameter') return spec.model;
	const chosen = ctx.getNodeParameter('cardModel') as string;
	if (chosen !== CARD_MODEL_FROM_CARD) return chosen as CardModel;
	const cardId = String(body.cardId);
	// The product rules keep each card's product, currency and model per credential: one read serves both.
	const known = await cardKind(ctx, send, cardId);
	const model = MODELS[String(known?.cardModel ?? '').toLowerCase()];
	// A card that could not be read is read again here, so its error (CARD_NOT_FOUND…) reaches the user.
	return model ?? (await readCardModel(ctx, cardId, send));
}
