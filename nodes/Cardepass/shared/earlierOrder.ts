import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { CardepassApiFailure, settle, toRecords } from './envelope';
import type { AskedOrder } from './orderComparison';
import { compareOrder, confirmWithCard, describeUnconfirmed } from './orderComparison';
import { isFailedStatus } from './orderCompletion';
import type { SendRead } from './orderQuery';
import {
	describeOrderType,
	findOrder,
	findOrderOfAnotherKind,
	ORDER_NOT_PROVEN,
} from './orderQuery';
import { cardKind } from './productRules';
import type { CardModel, OrderSpec } from './types';

function isNotProven(error: unknown): boolean {
	return error instanceof CardepassApiFailure && error.details.errorCode === ORDER_NOT_PROVEN;
}

const NEW_NUMBER = 'Give this order its own Customer Order No.';

/** The card this item names, read only when the earlier order leaves something to confirm or to show. */
export async function readCard(
	sendRead: SendRead,
	cardId: unknown,
): Promise<IDataObject | undefined> {
	if (typeof cardId !== 'string' || cardId === '') return undefined;
	const answer = await settle(
		sendRead({ method: 'GET', url: `/v1/cards/${encodeURIComponent(cardId)}`, qs: {} }),
	);
	return answer.ok ? toRecords(answer.value)[0] : undefined;
}

/**
 * A Customer Order No refused as used before: the earlier order under it, when it is this item's order.
 * `refusal` is what Cardepass said; `namedDuplicate` says whether it named the number as used (the draft's code).
 * Returns undefined when no earlier order is found and the refusal did not say the number was used: the
 * caller then reports the refusal as it came.
 */
export async function recoverEarlierOrder(
	ctx: IExecuteSingleFunctions,
	order: OrderSpec,
	model: CardModel,
	body: IDataObject,
	sendRead: SendRead,
	refusal: CardepassApiFailure['details'],
	namedDuplicate: boolean,
): Promise<{ order: IDataObject; card?: IDataObject } | undefined> {
	const customerOrderNo = String(body.customerOrderNo);
	const details = { ...refusal };
	const lookup = await settle(findOrder(sendRead, model, order.orderType, { customerOrderNo }));
	if (!lookup.ok) {
		// A refusal that did not say the number was used stays as it came when the look-up itself fails.
		if (namedDuplicate || isNotProven(lookup.error)) throw lookup.error;
		return undefined;
	}
	const earlier = lookup.value;
	if (!earlier) {
		if (!namedDuplicate) return undefined;
		const elsewhere = await findOrderOfAnotherKind(
			sendRead,
			model,
			order.orderType,
			customerOrderNo,
		);
		if (elsewhere) {
			throw new CardepassApiFailure(
				`Customer Order No ${customerOrderNo} was already used for ${describeOrderType(elsewhere.orderType, elsewhere.model)}, not ${describeOrderType(order.orderType, model)}`,
				{ ...details, errorMessage: NEW_NUMBER },
			);
		}
		throw new CardepassApiFailure(
			`Cardepass says Customer Order No ${customerOrderNo} was already used, but no order under it can be found`,
			{
				...details,
				errorMessage:
					'The node cannot tell whether this order was made. Look it up with Order → Get, or ask Cardepass support with the Response ID, before sending it under another number.',
			},
		);
	}
	const orderNo = earlier.orderNo ? ` (order ${String(earlier.orderNo)})` : '';
	if (isFailedStatus(earlier.status)) {
		const reason = earlier.failureReason ? String(earlier.failureReason) : 'no reason given';
		throw new CardepassApiFailure(
			`Customer Order No ${customerOrderNo} was already used by an order that ${String(earlier.status).toLowerCase()}${orderNo}: ${reason}`,
			{
				...details,
				errorMessage:
					'Nothing was made under this number, and Cardepass will not take it again. To try the order again, give it a new Customer Order No on purpose.',
			},
		);
	}
	const unsetOnPurpose = order.unsetOnPurpose?.call(ctx) ?? [];
	const asked: AskedOrder = {};
	for (const field of order.matchFields)
		asked[field] = unsetOnPurpose.includes(field) ? undefined : body[field];
	let comparison = compareOrder(asked, earlier, order.matchFields, unsetOnPurpose);
	// The card is read only when the order leaves something to prove that the card shows.
	const card =
		comparison.unconfirmed.length > 0 ? await readCard(sendRead, body.cardId) : undefined;
	comparison = confirmWithCard(comparison, asked, earlier, card, unsetOnPurpose);
	if (comparison.differences.length > 0) {
		throw new CardepassApiFailure(
			`Customer Order No ${customerOrderNo} was already used for a different order${orderNo}: ${comparison.differences.join('; ')}`,
			{ ...details, errorMessage: NEW_NUMBER },
		);
	}
	if (comparison.unconfirmed.length > 0) {
		const status = String(earlier.status ?? '');
		const still =
			status && status.toLowerCase() !== 'completed'
				? ` (the earlier order is still ${status}: once it is done, the card may show more)`
				: '';
		throw new CardepassApiFailure(
			`Customer Order No ${customerOrderNo} was already used${orderNo}, and Cardepass does not show enough of that order to prove it is this one; not confirmed: ${comparison.unconfirmed.map(describeUnconfirmed).join('; ')}${still}`,
			{
				...details,
				errorMessage: `Nothing was sent again. If this is a new order, ${NEW_NUMBER.charAt(0).toLowerCase()}${NEW_NUMBER.slice(1)} If it is the same order, check it with Order → Get (Customer Order No ${customerOrderNo}).`,
			},
		);
	}
	return {
		order: earlier,
		card: card ? shownFacts(card) : await knownCard(ctx, sendRead, body.cardId),
	};
}

/** What the output may show of a card: never its whole number or CVV, only the last four digits. */
function shownFacts(card: IDataObject): IDataObject {
	const lastFour = /(\d{4})$/.exec(String(card.cardNumber ?? ''))?.[1];
	return {
		cardId: card.cardId,
		cardCurrency: card.cardCurrency,
		maxAuthAmount: card.maxAuthAmount,
		maxCreditAmount: card.maxCreditAmount,
		maskedCardNumber: lastFour ? `****${lastFour}` : undefined,
	};
}

/** The card's currency as the product rules keep it (read once per card and credential, then kept). */
async function knownCard(
	ctx: IExecuteSingleFunctions,
	sendRead: SendRead,
	cardId: unknown,
): Promise<IDataObject | undefined> {
	if (typeof cardId !== 'string' || cardId === '') return undefined;
	const kind = await cardKind(ctx, sendRead, cardId);
	return kind ? { cardCurrency: kind.cardCurrency } : undefined;
}
