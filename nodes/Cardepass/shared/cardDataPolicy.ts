import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { maskCardData } from './masking';
import { isToolCall } from './toolCall';

/**
 * What leaves the node of a card's data. Every answer may carry a full card number (a share-balance order's
 * cardInfo.cardNo does), so every output is masked, unless the operation offers Reveal Card Number and CVV,
 * the user switched it on, and no AI agent is calling the node.
 */
export function revealsCardData(ctx: IExecuteSingleFunctions): boolean {
	return ctx.getNodeParameter('revealCardData', false) === true && !isToolCall(ctx);
}

export function outputCardData(
	ctx: IExecuteSingleFunctions,
	offersReveal: boolean,
	records: IDataObject[],
): IDataObject[] {
	return offersReveal && revealsCardData(ctx) ? records : records.map(maskCardData);
}
