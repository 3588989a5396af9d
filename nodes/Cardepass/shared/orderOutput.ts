import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { CardModel } from './types';

/** The Simplify switch every order operation has, as n8n's own nodes name it. */
export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		"Whether to return the order in one shape, the same for a new order, an earlier order and a completed one, instead of Cardepass's answer as it came",
};

const MODEL_NAMES: Record<CardModel, string> = {
	standard: 'Standard',
	sharebalance: 'ShareBalance',
};

function at(record: unknown, ...path: Array<string | number>): unknown {
	let value = record;
	for (const key of path) {
		if (typeof value !== 'object' || value === null) return undefined;
		value = (value as IDataObject)[key as string];
	}
	return value;
}

function first(...values: unknown[]): unknown {
	return values.find((value) => value !== undefined && value !== null && value !== '');
}

function orNull(value: unknown): unknown {
	return value === undefined || value === '' ? null : value;
}

/** The card an order is about, wherever its answer puts it (documents differ by order type and revision). */
function cardOf(record: IDataObject): unknown {
	return first(
		at(record, 'cardInfos', 0),
		at(record, 'cardInfo'),
		at(record, 'orderLines', 0, 'cardInfo'),
	);
}

/** The last four digits of whichever card number the answer shows, masked or not. */
function maskedCardNumber(card: unknown): string | null {
	const shown = first(
		at(card, 'maskCardNumber'),
		at(card, 'maskedCardNumber'),
		at(card, 'maskedCardNo'),
		at(card, 'cardNumber'),
		at(card, 'cardNo'),
	);
	const lastFour =
		typeof shown === 'string' || typeof shown === 'number'
			? /(\d{4})\s*$/.exec(String(shown))?.[1]
			: undefined;
	return lastFour ? `****${lastFour}` : null;
}

/** The amount an order moves: loaded, added, withdrawn or returned on cancellation; none for the others. */
function amountOf(record: IDataObject, orderType: string): unknown {
	switch (orderType) {
		case 'ApplyCard':
		case 'CardTopUp':
			return first(record.totalTopUpAmount, record.topUpAmount);
		case 'CardWithdraw':
			return record.withdrawAmount;
		case 'CardCancel':
			return first(record.settleAmount, record.refundAmount);
		default:
			return undefined;
	}
}

export interface OrderFacts {
	/** The order query's type of this operation: one vocabulary, where two POST answers name theirs otherwise (TopUpCard, ModifyCreditLimit). */
	orderType: string;
	model: CardModel;
	earlierOrder: boolean;
	/**
	 * What Cardepass shows of the card an earlier order was proven to be for (its record, or the currency the
	 * product rules keep): gives what the order query leaves out and a new order's answer shows (the
	 * currency, the card number's last four digits, a Share Balance card's limits). Never what the item asked.
	 */
	card?: IDataObject;
}

/**
 * An order in one shape whatever path it took (a new order's answer, an earlier order found by its Customer
 * Order No, the order query after Wait for Completion): the same keys every time, null where Cardepass did
 * not say. Nothing comes from what the item asked for.
 */
export function simplifyOrder(record: IDataObject, facts: OrderFacts): IDataObject {
	const card = cardOf(record);
	const known = facts.card ?? {};
	const simplified: IDataObject = {
		orderNo: orNull(record.orderNo) as string,
		customerOrderNo: orNull(record.customerOrderNo) as string,
		orderType: facts.orderType,
		cardModel: MODEL_NAMES[facts.model],
		status: orNull(record.status) as string,
		cardId: orNull(first(record.cardId, at(card, 'cardId'), known.cardId)) as string,
		maskedCardNumber: maskedCardNumber(card) ?? maskedCardNumber(record) ?? maskedCardNumber(known),
		amount: orNull(amountOf(record, facts.orderType)) as number,
		fee: orNull(first(record.totalFee, record.fee, record.withdrawFee, record.transFee)) as number,
		totalAmount: orNull(first(record.totalPayAmount, record.totalAmount)) as number,
		currency: orNull(
			first(
				at(record, 'productInfo', 'cardCurrency'),
				at(card, 'cardCurrency'),
				record.cardCurrency,
				known.cardCurrency,
			),
		) as string,
	};
	if (
		facts.orderType === 'CreditLimit' ||
		(facts.orderType === 'ApplyCard' && facts.model === 'sharebalance')
	) {
		simplified.maxAuthAmount = orNull(first(record.maxAuthAmount, known.maxAuthAmount)) as number;
		simplified.maxCreditAmount = orNull(
			first(record.maxCreditAmount, known.maxCreditAmount),
		) as number;
	}
	simplified.failureReason = orNull(record.failureReason) as string;
	simplified.createdOn = orNull(record.createdOn) as string;
	simplified.completedOn = orNull(record.completedOn) as string;
	simplified.earlierOrder = facts.earlierOrder;
	return simplified;
}
