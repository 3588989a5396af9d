import type { IDataObject } from 'n8n-workflow';

import type { OrderField } from './types';

/** Where each compared field may sit in an order record; the shapes differ between order types and revisions. */
const ORDER_FIELD_PATHS: Record<OrderField, string[][]> = {
	cardId: [['cardId'], ['cardInfo', 'cardId']],
	productCode: [['productInfo', 'productCode'], ['productCode']],
	cardCurrency: [
		['productInfo', 'cardCurrency'],
		['cardCurrency'],
		['cardInfo', 'cardCurrency'],
		['cardInfos', '0', 'cardCurrency'],
	],
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

/** What an item sent, in words: "card CARD123456, amount 10". */
export function describeSent(body: IDataObject, fields: OrderField[]): string {
	return fields
		.filter((field) => !isEmpty(body[field]))
		.map((field) => `${FIELD_WORDS[field]} ${String(body[field])}`)
		.join(', ');
}

function readPath(record: IDataObject, path: string[]): unknown {
	let value: unknown = record;
	for (const key of path) {
		if (typeof value !== 'object' || value === null) return undefined;
		value = (value as IDataObject)[key];
	}
	return value;
}

/** The value an earlier order shows for a field: undefined when its shape does not have the field. */
function shownValue(
	earlier: IDataObject,
	field: OrderField,
): { shown: false } | { shown: true; value: unknown } {
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
	if (typeof asked === 'number' || typeof found === 'number')
		return Number(asked) === Number(found);
	return String(asked) === String(found);
}

/** What an item asks for, as far as an earlier order can show it. A field the user left unset is absent. */
export type AskedOrder = Partial<Record<OrderField, unknown>>;

/** A field the earlier order does not show, with what else is known of it (the card's value now). */
export interface Unconfirmed {
	field: OrderField;
	note?: string;
}

export interface OrderComparison {
	/** Sentences naming each field the earlier order shows with another value than this item asks for. */
	differences: string[];
	/** Fields this item sets that the earlier order does not show: not proven equal. */
	unconfirmed: Unconfirmed[];
}

/**
 * Compares an earlier order with what this item asks for. A field the user set that the earlier order shows
 * with another value is a difference; so is a field the user left unset (no total limit) that the earlier
 * order shows with a value. A field the earlier order does not show cannot be compared: it is unconfirmed,
 * never counted as equal.
 */
export function compareOrder(
	asked: AskedOrder,
	earlier: IDataObject,
	fields: OrderField[],
	unsetMeansNone: OrderField[] = [],
): OrderComparison {
	const differences: string[] = [];
	const unconfirmed: Unconfirmed[] = [];
	for (const field of fields) {
		const askedValue = asked[field];
		const found = shownValue(earlier, field);
		if (isEmpty(askedValue)) {
			if (!unsetMeansNone.includes(field)) continue;
			if (!found.shown) unconfirmed.push({ field });
			else if (!isEmpty(found.value)) {
				differences.push(
					`the earlier order set a ${FIELD_WORDS[field]} of ${String(found.value)} (this one sets none)`,
				);
			}
			continue;
		}
		if (!found.shown) {
			unconfirmed.push({ field });
			continue;
		}
		if (isEmpty(found.value)) {
			differences.push(
				`the earlier order set no ${FIELD_WORDS[field]} (this one: ${String(askedValue)})`,
			);
		} else if (!same(askedValue, found.value)) {
			differences.push(
				`the earlier order's ${FIELD_WORDS[field]} was ${String(found.value)} (this one: ${String(askedValue)})`,
			);
		}
	}
	return { differences, unconfirmed };
}

function lastFour(value: unknown): string | undefined {
	return typeof value === 'string' || typeof value === 'number'
		? /(\d{4})\s*$/.exec(String(value))?.[1]
		: undefined;
}

/** The card number an earlier order shows: whole (proves the card) or masked (can only disprove it). */
function shownCardNumber(earlier: IDataObject): { whole?: string; lastFour?: string } {
	const info = (earlier.cardInfo ?? {}) as IDataObject;
	const whole = [info.cardNo, info.cardNumber, earlier.cardNo, earlier.cardNumber].find(
		(value) => typeof value === 'string' && /^\d{12,19}$/.test(value),
	) as string | undefined;
	if (whole) return { whole, lastFour: lastFour(whole) };
	const masked = [
		info.maskedCardNo,
		info.maskedCardNumber,
		info.maskCardNumber,
		earlier.maskedCardNo,
		earlier.maskedCardNumber,
	].find((value) => !isEmpty(value));
	return { lastFour: lastFour(masked) };
}

/**
 * Settles what the earlier order does not show from the card this item names (GET /v1/cards/{cardId}): the
 * card itself, by its number when the order shows the whole number; then a Share Balance card's limits, which
 * only the card shows. A limit the card holds now that is not the one asked stays unconfirmed, with the card's
 * value named: the earlier order may have set it, or a later one changed it. Nothing of the card is kept.
 */
export function confirmWithCard(
	comparison: OrderComparison,
	asked: AskedOrder,
	earlier: IDataObject,
	card: IDataObject | undefined,
	unsetMeansNone: OrderField[] = [],
): OrderComparison {
	if (!card) return comparison;
	const differences = [...comparison.differences];
	const unconfirmed: Unconfirmed[] = [];
	let cardProven = !comparison.unconfirmed.some((entry) => entry.field === 'cardId');
	const cardLastFour = lastFour(card.cardNumber);
	for (const entry of comparison.unconfirmed) {
		if (entry.field !== 'cardId') continue;
		const shown = shownCardNumber(earlier);
		if (shown.whole && shown.whole === card.cardNumber) cardProven = true;
		else if (shown.lastFour && cardLastFour && shown.lastFour !== cardLastFour) {
			differences.push(
				`the earlier order was for the card ending ${shown.lastFour} (this one: ${String(asked.cardId)}, ending ${cardLastFour})`,
			);
		} else unconfirmed.push(entry);
	}
	for (const entry of comparison.unconfirmed) {
		const field = entry.field;
		if (field === 'cardId') continue;
		if (!cardProven || (field !== 'maxAuthAmount' && field !== 'maxCreditAmount')) {
			unconfirmed.push(entry);
			continue;
		}
		const askedValue = asked[field];
		const onCard = card[field];
		const askedNone = isEmpty(askedValue) && unsetMeansNone.includes(field);
		if (askedNone ? isEmpty(onCard) : !isEmpty(onCard) && same(askedValue, onCard)) continue;
		unconfirmed.push({
			field,
			note: `the card's ${FIELD_WORDS[field]} is now ${isEmpty(onCard) ? 'none' : String(onCard)} (this one: ${askedNone ? 'none' : String(askedValue)})`,
		});
	}
	return { differences, unconfirmed };
}

/** How an unconfirmed field reads in a sentence: "the currency", or what the card shows of it. */
export function describeUnconfirmed(entry: Unconfirmed): string {
	return entry.note ?? `the ${FIELD_WORDS[entry.field]}`;
}
