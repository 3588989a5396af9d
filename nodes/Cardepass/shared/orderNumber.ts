import { createHash, randomUUID } from 'crypto';
import type { IExecuteSingleFunctions } from 'n8n-workflow';

/** Generated numbers: "N8N" and 21 hex digits, well inside the length the provider accepts. */
export const GENERATED_ORDER_NO_PATTERN = /^N8N[0-9A-F]{21}$/;

/**
 * A Customer Order No for an item whose user left the field empty.
 *
 * It must be the same when n8n retries the node (Retry On Fail re-runs every item of the node with the
 * same execution, run and item index), and different for any other item, run, node, workflow or
 * execution. Execution IDs restart at 1 in every n8n database, so the workflow and node IDs are part of it.
 */
export function stableCustomerOrderNo(ctx: IExecuteSingleFunctions): string {
	const itemIndex = ctx.getItemIndex();
	const proxy = ctx.getWorkflowDataProxy(itemIndex) as { $runIndex?: number };
	// Without an execution ID nothing ties a retry to its first attempt, so never reuse a number.
	const executionId = ctx.getExecutionId() ?? `no-execution-${randomUUID()}`;
	const identity = [
		ctx.getWorkflow().id ?? 'unsaved-workflow',
		ctx.getNode().id ?? ctx.getNode().name,
		executionId,
		proxy.$runIndex ?? 0,
		itemIndex,
	].join('|');
	return `N8N${createHash('sha256').update(identity).digest('hex').slice(0, 21).toUpperCase()}`;
}
