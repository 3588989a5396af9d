import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { CardepassApiFailure } from './envelope';
import type { SendRead } from './orderQuery';
import { findOrder } from './orderQuery';
import type { CardModel } from './types';

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

const FAILED_STATUSES = new Set(['failure', 'failed', 'cancelled', 'canceled', 'rejected']);
const DONE_STATUS = 'completed';

/** Whether an order's status says it failed or was cancelled: nothing was made under its number. */
export function isFailedStatus(status: unknown): boolean {
	return FAILED_STATUSES.has(String(status ?? '').toLowerCase());
}

/** Waits between order queries: 0.5 s, 1 s, 2 s, 4 s, then every 5 s, until the time limit. */
const COMPLETION_POLL_DELAYS_MS = [500, 1000, 2000, 4000, 5000];

/** The numbers an order can be looked up by: its own, else the Customer Order No it was sent with. */
function lookupKey(
	order: IDataObject,
	customerOrderNo: string,
): { orderNo?: string; customerOrderNo?: string } {
	const orderNo = isEmpty(order.orderNo) ? undefined : String(order.orderNo);
	return orderNo ? { orderNo } : { customerOrderNo };
}

export async function waitForCompletion(
	send: SendRead,
	model: CardModel,
	orderType: string,
	order: IDataObject,
	customerOrderNo: string,
	timeoutSeconds: number,
): Promise<IDataObject> {
	const by = lookupKey(order, customerOrderNo);
	const named = by.orderNo
		? `Cardepass order ${by.orderNo}`
		: `The Cardepass order with Customer Order No ${customerOrderNo}`;
	const deadline = Date.now() + timeoutSeconds * 1000;
	let current = order;
	for (let attempt = 0; ; attempt++) {
		const status = String(current.status ?? '').toLowerCase();
		if (status === DONE_STATUS) return current;
		if (isFailedStatus(status)) {
			const reason = isEmpty(current.failureReason)
				? 'no reason given'
				: String(current.failureReason);
			throw new CardepassApiFailure(`${named} failed: ${reason}`, {
				errorCode: 'ORDER_FAILED',
				errorMessage: reason,
			});
		}
		const left = deadline - Date.now();
		if (left <= 0) {
			throw new CardepassApiFailure(
				`${named} was still ${String(current.status ?? 'in progress')} after ${timeoutSeconds} s`,
				{
					errorCode: 'ORDER_NOT_COMPLETED',
					errorMessage: `Check it later with Order → Get (${by.orderNo ? `Order No ${by.orderNo}, ` : ''}Customer Order No ${customerOrderNo}). Do not send the order again with a new number: it may still complete.`,
				},
			);
		}
		// The last wait is cut to the deadline, so the final look happens when the time is up, not before.
		await sleep(
			Math.min(
				COMPLETION_POLL_DELAYS_MS[Math.min(attempt, COMPLETION_POLL_DELAYS_MS.length - 1)],
				left,
			),
		);
		current = (await findOrder(send, model, orderType, by)) ?? current;
	}
}
