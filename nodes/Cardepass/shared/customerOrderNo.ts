import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import type { InputCheck } from './types';
import { isToolCall, refuseToolOrderWithoutNumber } from './toolCall';
import { refuseInput } from './validation';

const NAME = 'customerOrderNo';
const LABEL = 'Customer Order No';
/** The most characters Cardepass takes in a Customer Order No. */
export const CUSTOMER_ORDER_NO_MAX_LENGTH = 32;

/** "1st", "2nd", "3rd", "11th": how the editor's user counts input items. */
function ordinal(position: number): string {
	const tens = position % 100;
	const suffix =
		tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][position % 10] ?? 'th');
	return `${position}${suffix}`;
}

/** What the field holds in the node itself: undefined when left empty, else the typed text or expression. */
function rawField(ctx: IExecuteSingleFunctions): unknown {
	const raw = ctx.getNode().parameters[NAME];
	return raw === '' || raw === null ? undefined : raw;
}

function emptyValueWords(value: unknown): string {
	if (value === undefined || value === null) return 'no value';
	if (typeof value === 'string' && value !== '') return 'only spaces';
	return 'an empty value';
}

/**
 * Customer Order No: sent trimmed when it has a value. Only a field left empty in the node lets the node
 * generate a number (request.ts); a field that holds something, such as an expression reading a misspelt column
 * or an empty cell, and gives nothing for an item, refuses that item: a generated number would differ on the
 * next run of the same rows and pay them again.
 */
export const checkCustomerOrderNo: InputCheck = function (this: IExecuteSingleFunctions, request) {
	const body = ((request.body as IDataObject | undefined) ?? {}) as IDataObject;
	request.body = body;
	const raw = rawField(this);
	const value = raw === undefined ? undefined : this.getNodeParameter(NAME, null);
	const blank =
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
	if (blank) {
		if (isToolCall(this)) refuseToolOrderWithoutNumber(this);
		if (raw === undefined) {
			delete body.customerOrderNo;
			return;
		}
		const item = `the ${ordinal(this.getItemIndex() + 1)} input item`;
		const source =
			typeof raw === 'string' && raw.startsWith('=')
				? `the expression ${raw.slice(1).trim()} gave ${emptyValueWords(value)}`
				: `the field holds ${emptyValueWords(value)}`;
		refuseInput(
			this,
			`${LABEL} is empty for ${item}: ${source}`,
			`Fill it in the input data, or leave the field empty in the node to let the node generate a number.`,
		);
	}
	if (typeof value !== 'string' && typeof value !== 'number') {
		refuseInput(
			this,
			`${LABEL} must be text, got ${JSON.stringify(value)}`,
			`Give ${LABEL} text or a number from your data, such as an invoice number.`,
		);
	}
	const text = String(value).trim();
	if (text.length > CUSTOMER_ORDER_NO_MAX_LENGTH) {
		refuseInput(
			this,
			`${LABEL} is longer than ${CUSTOMER_ORDER_NO_MAX_LENGTH} characters`,
			`Shorten ${LABEL}.`,
		);
	}
	body.customerOrderNo = text;
};
