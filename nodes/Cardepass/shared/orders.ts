import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { CardepassApiFailure, settle, toRecords } from './envelope';
import { readFailure } from './errors';
import type { CardModel, OrderField, OrderSpec } from './types';

export type SendJson = (request: { method: 'GET'; url: string; qs: IDataObject }) => Promise<unknown>;

export function orderModel(ctx: IExecuteSingleFunctions, spec: OrderSpec): CardModel {
	return spec.model === 'fromParameter' ? (ctx.getNodeParameter('cardModel') as CardModel) : spec.model;
}

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

const MODEL_WORDS: Record<CardModel, string> = { standard: 'Standard', sharebalance: 'Share Balance' };

export function describeOrderType(orderType: string, model: CardModel): string {
	return `${ORDER_TYPE_WORDS[orderType] ?? orderType} (${MODEL_WORDS[model]} card)`;
}

/** Looks an order up with the order query (Order → Get); undefined when the provider has no such order. */
export async function findOrder(
	send: SendJson,
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
	send: SendJson,
	model: CardModel,
	orderType: string,
	customerOrderNo: string,
): Promise<OrderElsewhere | undefined> {
	const models: CardModel[] = model === 'standard' ? ['standard', 'sharebalance'] : ['sharebalance', 'standard'];
	for (const otherModel of models) {
		for (const otherType of ORDER_TYPES[otherModel]) {
			if (otherModel === model && otherType === orderType) continue;
			const order = await findOrder(send, otherModel, otherType, { customerOrderNo });
			if (order) return { model: otherModel, orderType: otherType, order };
		}
	}
	return undefined;
}

/** Where each compared field may sit in an order record; the shapes differ between order types and revisions. */
const ORDER_FIELD_PATHS: Record<OrderField, string[][]> = {
	cardId: [['cardId'], ['cardInfo', 'cardId']],
	productCode: [['productInfo', 'productCode'], ['productCode']],
	cardCurrency: [['productInfo', 'cardCurrency'], ['cardCurrency'], ['cardInfo', 'cardCurrency'], ['cardInfos', '0', 'cardCurrency']],
	topUpAmount: [['topUpAmount'], ['totalTopUpAmount']],
	withdrawAmount: [['withdrawAmount']],
	maxAuthAmount: [['maxAuthAmount']],
	maxCreditAmount: [['maxCreditAmount']],
};

/** How each field reads in a sentence. */
const FIELD_WORDS: Record<OrderField, string> = {
	cardId: 'card',
	productCode: 'product',
	cardCurrency: 'currency',
	topUpAmount: 'amount',
	withdrawAmount: 'amount withdrawn',
	maxAuthAmount: 'max amount per payment',
	maxCreditAmount: 'total limit',
};

function readPath(record: IDataObject, path: string[]): unknown {
	let value: unknown = record;
	for (const key of path) {
		if (typeof value !== 'object' || value === null) return undefined;
		value = (value as IDataObject)[key];
	}
	return value;
}

/** The value an earlier order shows for a field: undefined when its shape does not have the field. */
function shownValue(earlier: IDataObject, field: OrderField): { shown: false } | { shown: true; value: unknown } {
	for (const path of ORDER_FIELD_PATHS[field]) {
		const value = readPath(earlier, path);
		if (value !== undefined) return { shown: true, value };
	}
	return { shown: false };
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

function same(asked: unknown, found: unknown): boolean {
	if (typeof asked === 'number' || typeof found === 'number') return Number(asked) === Number(found);
	return String(asked) === String(found);
}

/** What an item asks for, as far as an earlier order can show it. A field the user left unset is absent. */
export type AskedOrder = Partial<Record<OrderField, unknown>>;

export interface OrderComparison {
	/** Sentences naming each field the earlier order shows with another value than this item asks for. */
	differences: string[];
	/** Fields this item sets that the earlier order does not show, so they could not be checked. */
	unverified: OrderField[];
}

/**
 * Compares an earlier order with what this item asks for. A field the user set that the earlier order shows
 * with another value is a difference; so is a field the user left unset (no total limit) that the earlier
 * order shows with a value. A field the earlier order does not show cannot be compared: it is named as
 * unverified, never counted as a difference.
 */
export function compareOrder(asked: AskedOrder, earlier: IDataObject, fields: OrderField[], unsetMeansNone: OrderField[] = []): OrderComparison {
	const differences: string[] = [];
	const unverified: OrderField[] = [];
	for (const field of fields) {
		const askedValue = asked[field];
		const found = shownValue(earlier, field);
		if (isEmpty(askedValue)) {
			if (!unsetMeansNone.includes(field)) continue;
			if (!found.shown) unverified.push(field);
			else if (!isEmpty(found.value)) {
				differences.push(`the earlier order set a ${FIELD_WORDS[field]} of ${String(found.value)} (this one sets none)`);
			}
			continue;
		}
		if (!found.shown) {
			unverified.push(field);
			continue;
		}
		if (isEmpty(found.value)) {
			differences.push(`the earlier order set no ${FIELD_WORDS[field]} (this one: ${String(askedValue)})`);
		} else if (!same(askedValue, found.value)) {
			differences.push(`the earlier order's ${FIELD_WORDS[field]} was ${String(found.value)} (this one: ${String(askedValue)})`);
		}
	}
	return { differences, unverified };
}

/**
 * "Withdraw Whole Balance" against an earlier withdrawal: the earlier order shows only the amount it moved,
 * so the card tells whether that was the whole balance. Only the balance is read from the card's record.
 */
export async function wholeBalanceDifference(send: SendJson, cardId: string, earlier: IDataObject): Promise<string | undefined> {
	const withdrawn = shownValue(earlier, 'withdrawAmount');
	if (!withdrawn.shown || isEmpty(withdrawn.value)) return undefined;
	const card = toRecords(await send({ method: 'GET', url: `/v1/cards/${encodeURIComponent(cardId)}`, qs: {} }))[0];
	const balance = Number(card?.balanceAmount);
	if (!Number.isFinite(balance) || balance <= 0) return undefined;
	return `the earlier order withdrew ${String(withdrawn.value)} and the card still holds ${balance} (this one withdraws the whole balance)`;
}

const FAILED_STATUSES = new Set(['failure', 'failed', 'cancelled', 'canceled', 'rejected']);
const DONE_STATUS = 'completed';

/** Waits between order queries: 0.5 s, 1 s, 2 s, 4 s, then every 5 s, until the time limit. */
const COMPLETION_POLL_DELAYS_MS = [500, 1000, 2000, 4000, 5000];

/** The numbers an order can be looked up by: its own, else the Customer Order No it was sent with. */
function lookupKey(order: IDataObject, customerOrderNo: string): { orderNo?: string; customerOrderNo?: string } {
	const orderNo = isEmpty(order.orderNo) ? undefined : String(order.orderNo);
	return orderNo ? { orderNo } : { customerOrderNo };
}

export async function waitForCompletion(
	send: SendJson,
	model: CardModel,
	orderType: string,
	order: IDataObject,
	customerOrderNo: string,
	timeoutSeconds: number,
): Promise<IDataObject> {
	const by = lookupKey(order, customerOrderNo);
	const named = by.orderNo ? `order ${by.orderNo}` : `the order with Customer Order No ${customerOrderNo}`;
	const deadline = Date.now() + timeoutSeconds * 1000;
	let current = order;
	for (let attempt = 0; ; attempt++) {
		const status = String(current.status ?? '').toLowerCase();
		if (status === DONE_STATUS) return current;
		if (FAILED_STATUSES.has(status)) {
			const reason = isEmpty(current.failureReason) ? 'no reason given' : String(current.failureReason);
			throw new CardepassApiFailure(`Cardepass ${named} failed: ${reason}`, {
				errorCode: 'ORDER_FAILED',
				errorMessage: reason,
			});
		}
		const left = deadline - Date.now();
		if (left <= 0) {
			throw new CardepassApiFailure(`Cardepass ${named} was still ${String(current.status ?? 'in progress')} after ${timeoutSeconds} s`, {
				errorCode: 'ORDER_NOT_COMPLETED',
				errorMessage: `Check it later with Order → Get (${by.orderNo ? `Order No ${by.orderNo}, ` : ''}Customer Order No ${customerOrderNo}). Do not send the order again with a new number: it may still complete.`,
			});
		}
		// The last wait is cut to the deadline, so the final look happens when the time is up, not before.
		await sleep(Math.min(COMPLETION_POLL_DELAYS_MS[Math.min(attempt, COMPLETION_POLL_DELAYS_MS.length - 1)], left));
		current = (await findOrder(send, model, orderType, by)) ?? current;
	}
}
