import type { IDataObject } from 'n8n-workflow';

import { settle, toRecords } from './envelope';
import { readFailure } from './errors';
import type { CardModel } from './types';

/** Sends a read (GET) through the item's request path; returns the envelope's data. */
export type SendRead = (request: {
	method: 'GET';
	url: string;
	qs: IDataObject;
}) => Promise<unknown>;

/** The order query's types per card model (a Customer Order No is unique across all of them). */
export const ORDER_TYPES: Record<CardModel, string[]> = {
	standard: ['ApplyCard', 'CardTopUp', 'CardWithdraw', 'CardBlock', 'CardUnblock', 'CardCancel'],
	sharebalance: ['ApplyCard', 'CreditLimit', 'CardBlock', 'CardUnblock', 'CardCancel'],
};

/** How an order type reads in a sentence. */
const ORDER_TYPE_WORDS: Record<string, string> = {
	ApplyCard: 'a card issue',
	CardTopUp: 'a top-up',
	CardWithdraw: 'a withdrawal',
	CardBlock: 'a block',
	CardUnblock: 'an unblock',
	CardCancel: 'a cancellation',
	CreditLimit: 'a limit change',
};

const MODEL_WORDS: Record<CardModel, string> = {
	standard: 'Standard',
	sharebalance: 'Share Balance',
};

export function describeOrderType(orderType: string, model: CardModel): string {
	return `${ORDER_TYPE_WORDS[orderType] ?? orderType} (${MODEL_WORDS[model]} card)`;
}

/** Looks an order up with the order query (Order → Get); undefined when the provider has no such order. */
export async function findOrder(
	send: SendRead,
	model: CardModel,
	orderType: string,
	by: { orderNo?: string; customerOrderNo?: string },
): Promise<IDataObject | undefined> {
	const qs: IDataObject = { OrderType: orderType };
	if (by.orderNo) qs.OrderNo = by.orderNo;
	if (by.customerOrderNo) qs.CustomerOrderNo = by.customerOrderNo;
	const answer = await settle(send({ method: 'GET', url: `/v1/orders/${model}`, qs }));
	if (answer.ok) {
		return toRecords(answer.value)[0];
	}
	const details = readFailure(answer.error)?.details;
	if (details?.errorCode === 'ORDER_NOT_FOUND' || details?.httpCode === '404') return undefined;
	throw answer.error;
}

/** Where an order under a Customer Order No was found when it is not the kind of order asked for. */
export interface OrderElsewhere {
	model: CardModel;
	orderType: string;
	order: IDataObject;
}

/** Looks a Customer Order No up under every other order type of both card models. */
export async function findOrderOfAnotherKind(
	send: SendRead,
	model: CardModel,
	orderType: string,
	customerOrderNo: string,
): Promise<OrderElsewhere | undefined> {
	const models: CardModel[] =
		model === 'standard' ? ['standard', 'sharebalance'] : ['sharebalance', 'standard'];
	for (const otherModel of models) {
		for (const otherType of ORDER_TYPES[otherModel]) {
			if (otherModel === model && otherType === orderType) continue;
			const order = await findOrder(send, otherModel, otherType, { customerOrderNo });
			if (order) return { model: otherModel, orderType: otherType, order };
		}
	}
	return undefined;
}
