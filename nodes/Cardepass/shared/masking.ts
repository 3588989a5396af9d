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
 * share-balance order query answers the full number as cardInfo.cardNo. A record without card data is
 * returned as it is, not copied: a 100,000-record export keeps one copy of its records, not two.
 */
export function maskCardData<T>(value: T): T {
	if (Array.isArray(value)) {
		let masked: unknown[] | undefined;
		value.forEach((entry: unknown, index) => {
			const maskedEntry = maskCardData(entry);
			if (maskedEntry !== entry) (masked ??= [...value])[index] = maskedEntry;
		});
		return (masked ?? value) as T;
	}
	if (typeof value !== 'object' || value === null) return value;
	let masked: IDataObject | undefined;
	for (const [key, entry] of Object.entries(value as IDataObject)) {
		const name = key.toLowerCase();
		const maskedEntry = CARD_NUMBER_KEYS.has(name)
			? (maskCardNumber(entry) as string)
			: name === 'cvv'
				? entry === null || entry === undefined
					? entry
					: '***'
				: maskCardData(entry);
		if (maskedEntry !== entry) (masked ??= { ...(value as IDataObject) })[key] = maskedEntry;
	}
	return (masked ?? value) as T;
}
