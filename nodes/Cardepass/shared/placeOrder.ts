import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecuteSingleFunctions,
} from 'n8n-workflow';

import { readCard, recoverEarlierOrder } from './earlierOrder';
import { CardepassApiFailure, settle, toRecords } from './envelope';
import { isTemporaryFailure, readFailure } from './errors';
import { describeSent } from './orderComparison';
import { waitForCompletion } from './orderCompletion';
import type { SendRead } from './orderQuery';
import { describeOrderType, findOrder } from './orderQuery';
import { resolveOrderModel } from './cardModelLookup';
import type { OrderFacts } from './orderOutput';
import { fillGaps, simplifyOrder } from './orderOutput';
import { checkProductRules } from './productRules';
import type { CardModel, OrderSpec } from './types';

/** Sends this item's request, with changes to its options; retries and the concurrency limit are the sender's. */
export type Send = (
	overrides?: Partial<DeclarativeRestApiSettings.HttpRequestOptions>,
) => Promise<unknown>;

/**
 * Whether a failed order request is Cardepass refusing it (a business or parameter error), as opposed to a
 * lost connection, a server error or a refused token. A refused repeat may come with no duplicate code at all
 * (only the HTTP status's generic code and a message), so every refusal of an order is looked up.
 */
function refusalOf(error: unknown): CardepassApiFailure | undefined {
	const failure = readFailure(error);
	if (!failure?.details.errorCode || isTemporaryFailure(error)) return undefined;
	const status = Number(failure.details.httpCode ?? 200);
	if (status === 401 || status === 403) return undefined;
	return failure;
}

/** An order answer without an order: the request reached Cardepass, what it did is unknown. */
function resultUnknown(order: OrderSpec, model: CardModel, body: IDataObject): CardepassApiFailure {
	const customerOrderNo = String(body.customerOrderNo);
	const sent = describeSent(body, order.matchFields);
	return new CardepassApiFailure(
		`Cardepass answered ${describeOrderType(order.orderType, model)} with no order, so its result is unknown (Customer Order No ${customerOrderNo}${sent ? `; sent: ${sent}` : ''})`,
		{
			errorCode: 'RESULT_UNKNOWN',
			errorMessage: `Running it again with the same Customer Order No is safe: Cardepass will not make it twice, and the node then returns the order it made. To check first, use Order → Get with Customer Order No ${customerOrderNo}.`,
		},
	);
}

/**
 * What a new order's answer leaves out, read from Cardepass, so a new order and the same order found again
 * read alike: the order's card from the order query when the answer names none (v1.0's top-up), then the
 * card's currency and last digits from the card's record. Never from what the item asked for.
 */
async function completeFromCardepass(
	simplified: IDataObject,
	facts: Omit<OrderFacts, 'card'>,
	sendRead: SendRead,
): Promise<IDataObject> {
	let complete = simplified;
	if (complete.cardId === null && typeof complete.orderNo === 'string') {
		const found = await settle(
			findOrder(sendRead, facts.model, facts.orderType, { orderNo: complete.orderNo }),
		);
		if (found.ok && found.value) complete = fillGaps(complete, simplifyOrder(found.value, facts));
	}
	if (complete.currency !== null && complete.maskedCardNumber !== null) return complete;
	if (typeof complete.cardId !== 'string') return complete;
	const card = await readCard(sendRead, complete.cardId);
	return card ? fillGaps(complete, simplifyOrder({}, { ...facts, card })) : complete;
}

/**
 * Sends an order. An item succeeds only with an order Cardepass confirmed: the order in its answer, or, when
 * the number is refused as used, the earlier order under it proven to be this one (earlierOrder.ts). With
 * Wait for Completion, the order is followed until it is done. With Simplify on (the default) every path
 * gives the same shape.
 */
export async function placeOrder(
	ctx: IExecuteSingleFunctions,
	order: OrderSpec,
	send: Send,
	body: IDataObject,
	options: { completionTimeoutSeconds?: number },
): Promise<IDataObject> {
	const sendRead: SendRead = async (request) => await send({ ...request, body: undefined });
	const model = await resolveOrderModel(ctx, order, body, sendRead);
	await checkProductRules(ctx, order.rule, model, body, sendRead);
	let placed: IDataObject;
	let earlier: { card?: IDataObject } | undefined;
	// Orders whose endpoint depends on the card model are sent to the model's own path.
	const url = order.endpoint ? `/v1/orders/${model}/${order.endpoint}` : undefined;
	const answer = await settle(send(url ? { body, url } : { body }));
	if (answer.ok) {
		const record = toRecords(answer.value)[0];
		if (!record || record.orderNo === undefined || record.orderNo === null || record.orderNo === '')
			throw resultUnknown(order, model, body);
		placed = record;
	} else {
		const refusal = refusalOf(answer.error);
		if (!refusal) throw answer.error;
		const recovered = await recoverEarlierOrder(
			ctx,
			order,
			model,
			body,
			sendRead,
			refusal.details,
			refusal.details.errorCode === 'DUPLICATE_ORDER',
		);
		if (!recovered) throw answer.error;
		placed = recovered.order;
		earlier = { card: recovered.card };
	}
	if (options.completionTimeoutSeconds !== undefined) {
		placed = await waitForCompletion(
			sendRead,
			model,
			order.orderType,
			placed,
			String(body.customerOrderNo),
			options.completionTimeoutSeconds,
		);
	}
	if (ctx.getNodeParameter('simplify', true) === true) {
		const facts = { orderType: order.orderType, model, earlierOrder: earlier !== undefined };
		if (earlier) return simplifyOrder(placed, { ...facts, card: earlier.card });
		return await completeFromCardepass(simplifyOrder(placed, facts), facts, sendRead);
	}
	return earlier ? { ...placed, earlierOrder: true } : placed;
}
