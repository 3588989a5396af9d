import type { IDataObject } from 'n8n-workflow';

/** First 6 and last 4 digits, as card schemes allow to be shown. */
export function maskCardNumber(cardNumber: unknown): unknown {
	if (typeof cardNumber !== 'string' && typeof cardNumber !== 'number') return cardNumber;
	const digits = String(cardNumber).replace(/\s+/g, '');
	if (digits.length < 11) return '*'.repeat(digits.length);
	return `${digits.slice(0, 6)}${'*'.repeat(digits.length - 10)}${digits.slice(-4)}`;
}

/** Masks the card number and hides the CVV of a card record (Card → Get). */
export function maskCard(card: IDataObject): IDataObject {
	const masked: IDataObject = { ...card };
	if ('cardNumber' in masked) masked.cardNumber = maskCardNumber(masked.cardNumber) as string;
	if ('cvv' in masked) masked.cvv = masked.cvv === null || masked.cvv === undefined ? masked.cvv : '***';
	return masked;
}
