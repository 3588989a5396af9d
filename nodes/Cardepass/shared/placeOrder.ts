import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecuteSingleFunctions,
} from 'n8n-workflow';

import { CardepassApiFailure, settle, toRecords } from './envelope';
import { readFailure } from './errors';
import type { AskedOrder, OrderComparison } from './orderComparison';
import { compareOrder } from './orderComparison';
import { waitForCompletion } from './orderCompletion';
import type { SendRead } from './orderQuery';
import { describeOrderType, findOrder, findOrderOfAnotherKind } from './orderQuery';
import { resolveOrderModel } from './cardModelLookup';
import { simplifyOrder } from './orderOutput';
import { checkProductRules } from './productRules';
import type { CardModel, OrderSpec } from './types';

/** Sends this item's request, with changes to its options; retries and the concurrency limit are the sender's. */
export type Send = (
	overrides?: Partial<DeclarativeRestApiSettings.HttpRequestOptions>,
) => Promise<unknown>;

function isDuplicateOrder(error: unknown): boolean {
	return readFailure(error)?.details.errorCode === 'DUPLICATE_ORDER';
}

function duplicateDetails(error: unknown): CardepassApiFailure['details'] {
	return { ...(readFailure(error)?.details ?? {}) };
}

/**
 * Cardepass says the Customer Order No was used before. The earlier order is looked up: when it is this
 * same order it is returned (earlierOrder: true, with the fields that could not be checked named); when a
 * field it shows differs, the item fails saying what differed. A new number is advised only then.
 */
async function recoverEarlierOrder(
	ctx: IExecuteSingleFunctions,
	order: OrderSpec,
	model: CardModel,
	body: IDataObject,
	sendRead: SendRead,
	duplicate: unknown,
): Promise<{ order: IDataObject; unverified: string[] }> {
	const customerOrderNo = String(body.customerOrderNo);
	const details = duplicateDetails(duplicate);
	const earlier = await findOrder(sendRead, model, order.orderType, { customerOrderNo });
	if (!earlier) {
		const elsewhere = await findOrderOfAnotherKind(
			sendRead,
			model,
			order.orderType,
			customerOrderNo,
		);
		if (elsewhere) {
			throw new CardepassApiFailure(
				`Customer Order No ${customerOrderNo} was already used for ${describeOrderType(elsewhere.orderType, elsewhere.model)}, not ${describeOrderType(order.orderType, model)}`,
				{ ...details, errorMessage: 'Give this order its own Customer Order No.' },
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
	const unsetOnPurpose = order.unsetOnPurpose?.call(ctx) ?? [];
	const asked: AskedOrder = {};
	for (const field of order.matchFields)
		asked[field] = unsetOnPurpose.includes(field) ? undefined : body[field];
	const comparison: OrderComparison = compareOrder(
		asked,
		earlier,
		order.matchFields,
		unsetOnPurpose,
	);
	if (comparison.differences.length > 0) {
		const orderNo = earlier.orderNo ? ` (order ${String(earlier.orderNo)})` : '';
		throw new CardepassApiFailure(
			`Customer Order No ${customerOrderNo} was already used for a different order${orderNo}: ${comparison.differences.join('; ')}`,
			{ ...details, errorMessage: 'Give this order its own Customer Order No.' },
		);
	}
	return { order: earlier, unverified: comparison.unverified };
}

/**
 * Sends an order. A Customer Order No used before returns the earlier order when it is the same order;
 * with Wait for Completion, the order is followed until it is done. With Simplify on (the default) every
 * path gives the same shape.
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
	let earlier: { unverified: string[] } | undefined;
	// An earlier order Cardepass already shows under this number (an emptied card's withdrawal) is not sent again.
	const known = await order.completeBody?.call(ctx, body, sendRead);
	if (known) {
		placed = known;
		earlier = { unverified: [] };
	} else {
		// Orders whose endpoint depends on the card model are sent to the model's own path.
		const url = order.endpoint ? `/v1/orders/${model}/${order.endpoint}` : undefined;
		const answer = await settle(send(url ? { body, url } : { body }));
		if (answer.ok) {
			placed = toRecords(answer.value)[0] ?? {};
		} else {
			if (!isDuplicateOrder(answer.error)) throw answer.error;
			const recovered = await recoverEarlierOrder(ctx, order, model, body, sendRead, answer.error);
			placed = recovered.order;
			earlier = { unverified: recovered.unverified };
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
			sent: body,
			earlierOrder: earlier !== undefined,
			unverified: earlier?.unverified ?? [],
		});
	}
	if (!earlier) return placed;
	return {
		...placed,
		earlierOrder: true,
		...(earlier.unverified.length > 0 ? { unverified: earlier.unverified } : {}),
	};
}
