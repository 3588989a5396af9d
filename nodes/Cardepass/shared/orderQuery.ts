import type { IDataObject } from 'n8n-workflow';

import { CardepassApiFailure, settle, toRecords } from './envelope';
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

/** The error code of an order query answer that is not the order asked for. */
export const ORDER_NOT_PROVEN = 'ORDER_NOT_PROVEN';

function shown(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '';
}

/**
 * The one record the order query found, checked to be the order asked for: one record only, under the number
 * asked for, of the type asked for. Anything else is not that order, and the node cannot tell which one is.
 */
function theOrderAskedFor(
	records: IDataObject[],
	orderType: string,
	by: { orderNo?: string; customerOrderNo?: string },
): IDataObject | undefined {
	const asked = by.orderNo ? `Order No ${by.orderNo}` : `Customer Order No ${by.customerOrderNo}`;
	const refuse = (what: string) =>
		new CardepassApiFailure(
			`Cardepass answered the look-up of ${asked} with ${what}, so the node cannot tell which order is ${asked}`,
			{
				errorCode: ORDER_NOT_PROVEN,
				errorMessage: `Check the order with Order → Get (${asked}) or ask Cardepass support before sending it again under another number.`,
			},
		);
	if (records.length === 0) return undefined;
	if (records.length > 1) throw refuse(`${records.length} orders`);
	const [record] = records;
	const check = (field: string, expected: string | undefined, words: string) => {
		if (expected === undefined) return;
		if (!shown(record[field])) throw refuse(`an order that shows no ${words}`);
		if (String(record[field]) !== expected)
			throw refuse(`an order of another ${words} (${String(record[field])})`);
	};
	check('orderNo', by.orderNo, 'Order No');
	check('customerOrderNo', by.customerOrderNo, 'Customer Order No');
	if (shown(record.orderType) && String(record.orderType) !== orderType)
		throw refuse(`an order of another type (${String(record.orderType)})`);
	return record;
}

/**
 * Looks an order up with the order query (Order → Get); undefined when the provider has no such order. The
 * record found must be the order asked for (see theOrderAskedFor).
 */
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
		return theOrderAskedFor(toRecords(answer.value), orderType, by);
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
