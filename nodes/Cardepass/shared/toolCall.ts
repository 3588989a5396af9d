import type { IExecuteSingleFunctions } from 'n8n-workflow';

/** Whether an AI agent is calling the node as a tool (n8n gives the tool variant a type ending in "Tool"). */
export function isToolCall(ctx: IExecuteSingleFunctions): boolean {
	return ctx.getNode().type.endsWith('Tool');
}
