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
export function compareOrder(
	asked: AskedOrder,
	earlier: IDataObject,
	fields: OrderField[],
	unsetMeansNone: OrderField[] = [],
): OrderComparison {
	const differences: string[] = [];
	const unverified: OrderField[] = [];
	for (const field of fields) {
		const askedValue = asked[field];
		const found = shownValue(earlier, field);
		if (isEmpty(askedValue)) {
			if (!unsetMeansNone.includes(field)) continue;
			if (!found.shown) unverified.push(field);
			else if (!isEmpty(found.value)) {
				differences.push(
					`the earlier order set a ${FIELD_WORDS[field]} of ${String(found.value)} (this one sets none)`,
				);
			}
			continue;
		}
		if (!found.shown) {
			unverified.push(field);
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
	return { differences, unverified };
}
