import { createHash, randomUUID } from 'crypto';
import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

/** Generated numbers: "N8N" and 21 hex digits, well inside the length the provider accepts. */
export const GENERATED_ORDER_NO_PATTERN = /^N8N[0-9A-F]{21}$/;

/** The key under which the seed of generated numbers is kept in the node's execution context. */
const SEED_KEY = 'cardepassOrderNoSeed';

/**
 * A random seed kept in the node's context for this execution. n8n saves the context with the
 * execution, and a Retry from the Executions list runs under a new execution ID but copies the failed
 * execution's data, context included: the seed, and so every generated number, survives the Retry.
 */
function executionSeed(ctx: IExecuteSingleFunctions): string {
	let context: IDataObject;
	try {
		context = ctx.getContext('node');
	} catch {
		// No execution data to keep a seed in: nothing ties a retry to its first attempt, so never reuse a number.
		return `no-context-${randomUUID()}`;
	}
	if (typeof context[SEED_KEY] !== 'string') context[SEED_KEY] = randomUUID();
	return context[SEED_KEY] as string;
}

/**
 * A Customer Order No for an item whose user left the field empty.
 *
 * It is the same when n8n retries the node (Retry On Fail re-runs every item with the same run and item
 * index) and when the failed execution is retried from the Executions list (the seed comes back with
 * the execution's data, and n8n refuses that Retry when the node was renamed), and different for any
 * other item, run, node, workflow or execution.
 */
export function stableCustomerOrderNo(ctx: IExecuteSingleFunctions): string {
	const itemIndex = ctx.getItemIndex();
	const proxy = ctx.getWorkflowDataProxy(itemIndex) as { $runIndex?: number };
	// The seed is random for every execution and node, so it alone tells executions, workflows and nodes apart.
	const identity = [executionSeed(ctx), proxy.$runIndex ?? 0, itemIndex].join('|');
	return `N8N${createHash('sha256').update(identity).digest('hex').slice(0, 21).toUpperCase()}`;
}
