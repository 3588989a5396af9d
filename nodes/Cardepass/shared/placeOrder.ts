import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecuteSingleFunctions,
} from 'n8n-workflow';

import { recoverEarlierOrder } from './earlierOrder';
import { CardepassApiFailure, settle, toRecords } from './envelope';
import { isTemporaryFailure, readFailure } from './errors';
import { describeSent } from './orderComparison';
import { waitForCompletion } from './orderCompletion';
import type { SendRead } from './orderQuery';
import { describeOrderType } from './orderQuery';
import { resolveOrderModel } from './cardModelLookup';
import { simplifyOrder } from './orderOutput';
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
	// An earlier order Cardepass already shows under this number (an emptied card's withdrawal) is not sent again.
	const known = await order.completeBody?.call(ctx, body, sendRead);
	if (known) {
		placed = known;
		earlier = {};
	} else {
		// Orders whose endpoint depends on the card model are sent to the model's own path.
		const url = order.endpoint ? `/v1/orders/${model}/${order.endpoint}` : undefined;
		const answer = await settle(send(url ? { body, url } : { body }));
		if (answer.ok) {
			const record = toRecords(answer.value)[0];
			if (
				!record ||
				record.orderNo === undefined ||
				record.orderNo === null ||
				record.orderNo === ''
			)
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
		return simplifyOrder(placed, {
			orderType: order.orderType,
			model,
			earlierOrder: earlier !== undefined,
			card: earlier?.card,
		});
	}
	return earlier ? { ...placed, earlierOrder: true } : placed;
}
