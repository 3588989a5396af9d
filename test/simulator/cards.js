'use strict';

const { ok, businessError } = require('./envelope');

/**
 * The card as GET /v1/cards/{cardId} answers it (v1.4 adds the product's permissions).
 * @param {import('./context').Context} ctx
 * @param {import('./state').Card} card
 */
function cardView(ctx, card) {
	const share = card.cardModel === 'ShareBalance';
	const view = {
		cardId: card.cardId,
		cardModel: card.cardModel,
		productCode: card.productCode,
		cardNumber: card.cardNumber,
		cvv: card.cvv,
		expirationMMYY: card.expirationMMYY,
		cardCurrency: card.cardCurrency,
		alias: card.alias,
		balanceAmount: ctx.store.availableBalance(card),
		status: card.status,
		maxAuthAmount: share ? card.maxAuthAmount : null,
		usedCreditAmount: share ? card.usedCreditAmount : null,
		maxCreditAmount: share ? card.maxCreditAmount : null,
		cardOrganization: card.cardOrganization,
		applyTime: card.applyTime,
	};
	if (ctx.revision !== '1.4') return view;
	const config = ctx.store.binConfig(card.productCode, card.cardModel, card.cardCurrency);
	return { ...view, permissions: config ? { ...config.permissions } : null };
}

/**
 * GET /v1/cards/{cardId}. Unknown → CARD_NOT_FOUND (HTTP 200 by default; option cardNotFoundStatus: 404).
 * @param {import('./context').Context} ctx
 * @param {import('./context').ApiRequest} req
 */
function getCard(ctx, req) {
	const cardId = req.params[0];
	const card = ctx.store.card(cardId);
	if (!card)
		throw businessError(
			'CARD_NOT_FOUND',
			`Card '${cardId}' was not found`,
			ctx.options.cardNotFoundStatus,
		);
	return { status: 200, body: ok(cardView(ctx, card), '查询成功') };
}

module.exports = { getCard, cardView };
