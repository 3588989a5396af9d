import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The sentence every refusal before sending starts its advice with: the user knows no money moved. */
export const NOTHING_SENT = 'Nothing was sent to Cardepass.';

/**
 * The node's own refusal of an item before the order or request goes out: a rule of the node, not an answer
 * of Cardepass. `whatToDo` ends the description; the message names the field.
 */
export function refusalBeforeSending(
	node: INode,
	itemIndex: number,
	message: string,
	whatToDo: string,
): NodeOperationError {
	return new NodeOperationError(node, message, {
		itemIndex,
		description: `${NOTHING_SENT} ${whatToDo}`,
	});
}
