import type { IDataObject } from 'n8n-workflow';

/** First 6 and last 4 digits, as card schemes allow to be shown. */
export function maskCardNumber(cardNumber: unknown): unknown {
	if (typeof cardNumber !== 'string' && typeof cardNumber !== 'number') return cardNumber;
	const digits = String(cardNumber).replace(/\s+/g, '');
	if (digits.length < 11) return '*'.repeat(digits.length);
	return `${digits.slice(0, 6)}${'*'.repeat(digits.length - 10)}${digits.slice(-4)}`;
}

const CARD_NUMBER_KEYS = new Set(['cardnumber', 'cardno']);

/**
 * Masks full card numbers (cardNumber, cardNo) and hides CVVs wherever they sit in a record: the
 * share-balance order query answers the full number as cardInfo.cardNo.
 */
export function maskCardData<T>(value: T): T {
	if (Array.isArray(value)) return value.map((entry: unknown) => maskCardData(entry)) as T;
	if (typeof value !== 'object' || value === null) return value;
	const masked: IDataObject = {};
	for (const [key, entry] of Object.entries(value as IDataObject)) {
		const name = key.toLowerCase();
		if (CARD_NUMBER_KEYS.has(name)) masked[key] = maskCardNumber(entry) as string;
		else if (name === 'cvv') masked[key] = entry === null || entry === undefined ? entry : '***';
		else masked[key] = maskCardData(entry);
	}
	return masked as T;
}
