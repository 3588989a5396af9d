import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { CardepassApiFailure, settle, toRecords } from './envelope';
import type { CardModel, OrderField, OrderSpec } from './types';

export type SendJson = (request: { method: 'GET'; url: string; qs: IDataObject }) => Promise<unknown>;

export function orderModel(ctx: IExecuteSingleFunctions, spec: OrderSpec): CardModel {
	return spec.model === 'fromParameter' ? (ctx.getNodeParameter('cardModel') as CardModel) : spec.model;
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
	const details = (answer.error as CardepassApiFailure).details;
	if (details?.errorCode === 'ORDER_NOT_FOUND' || details?.httpCode === '404') return undefined;
	throw answer.error;
}

/** Where each compared field sits in an order record; the shapes differ between order types. */
const ORDER_FIELD_PATHS: Record<OrderField, string[][]> = {
	cardId: [['cardId'], ['cardInfo', 'cardId']],
	productCode: [['productInfo', 'productCode'], ['productCode']],
	cardCurrency: [['productInfo', 'cardCurrency'], ['cardCurrency']],
	topUpAmount: [['topUpAmount'], ['totalTopUpAmount']],
	withdrawAmount: [['withdrawAmount']],
	maxAuthAmount: [['maxAuthAmount']],
	maxCreditAmount: [['maxCreditAmount']],
};

function readPath(record: IDataObject, path: string[]): unknown {
	let value: unknown = record;
	for (const key of path) {
		if (typeof value !== 'object' || value === null) return undefined;
		value = (value as IDataObject)[key];
	}
	return value;
}

function same(asked: unknown, found: unknown): boolean {
	if (typeof asked === 'number' || typeof found === 'number') return Number(asked) === Number(found);
	return String(asked) === String(found);
}

/**
 * Compares an earlier order with what this item asks for. Returns the differences; a field the earlier
 * order does not show cannot be compared, and when nothing could be compared the match is not confirmed.
 */
export function orderDifferences(asked: IDataObject, earlier: IDataObject, fields: OrderField[]): string[] {
	const differences: string[] = [];
	let compared = 0;
	for (const field of fields) {
		if (asked[field] === undefined || asked[field] === null) continue;
		const found = ORDER_FIELD_PATHS[field]
			.map((path) => readPath(earlier, path))
			.find((value) => value !== undefined && value !== null);
		if (found === undefined) continue;
		compared++;
		if (!same(asked[field], found)) differences.push(`${field} ${String(found)} (asked ${String(asked[field])})`);
	}
	if (compared === 0) differences.push('none of the order details could be compared');
	return differences;
}

const FAILED_STATUSES = new Set(['failure', 'failed', 'cancelled', 'canceled', 'rejected']);
const DONE_STATUS = 'completed';

/** Waits between order queries: 0.5 s, 1 s, 2 s, 4 s, then every 5 s, until the time limit. */
const COMPLETION_POLL_DELAYS_MS = [500, 1000, 2000, 4000, 5000];

export async function waitForCompletion(
	send: SendJson,
	model: CardModel,
	orderType: string,
	order: IDataObject,
	timeoutSeconds: number,
): Promise<IDataObject> {
	const orderNo = String(order.orderNo ?? '');
	const deadline = Date.now() + timeoutSeconds * 1000;
	let current = order;
	for (let attempt = 0; ; attempt++) {
		const status = String(current.status ?? '').toLowerCase();
		if (status === DONE_STATUS) return current;
		if (FAILED_STATUSES.has(status)) {
			const reason = current.failureReason ? String(current.failureReason) : 'no reason given';
			throw new CardepassApiFailure(`Cardepass order ${orderNo} failed: ${reason}`, {
				errorCode: 'ORDER_FAILED',
				errorMessage: reason,
			});
		}
		const delay = COMPLETION_POLL_DELAYS_MS[Math.min(attempt, COMPLETION_POLL_DELAYS_MS.length - 1)];
		if (Date.now() + delay > deadline) {
			throw new CardepassApiFailure(
				`Cardepass order ${orderNo} was still ${current.status ?? 'in progress'} after ${timeoutSeconds} s`,
				{
					errorCode: 'ORDER_NOT_COMPLETED',
					errorMessage: `Check it later with Order → Get (Order No ${orderNo}${
						current.customerOrderNo ? `, Customer Order No ${String(current.customerOrderNo)}` : ''
					}). Do not send the order again with a new number: it may still complete.`,
				},
			);
		}
		await sleep(delay);
		current = (await findOrder(send, model, orderType, { orderNo })) ?? current;
	}
}
