/**
 * Generated Customer Order Nos (shared/orderNumber.ts): the same for the same item, run and execution (so a
 * retry never pays twice), different for any other. The engine tests (idempotency, execution-retry,
 * loop-over-items) run it through n8n; these pin each part of what a number is made of.
 */
import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import {
	GENERATED_ORDER_NO_PATTERN,
	stableCustomerOrderNo,
} from '../../dist/nodes/Cardepass/shared/orderNumber';

/** An item's context: its node context (undefined: no execution data), run index and item index. */
function item(
	nodeContext: IDataObject | undefined,
	runIndex: number | undefined,
	itemIndex: number,
) {
	return {
		getContext: (type: string) => {
			// The node's own context: kept per node, saved with the execution.
			if (type !== 'node') throw new Error(`no ${type} context here`);
			if (!nodeContext) throw new Error('no execution data');
			return nodeContext;
		},
		getItemIndex: () => itemIndex,
		getWorkflowDataProxy: (index: number) => {
			expect(index).toBe(itemIndex);
			return runIndex === undefined ? {} : { $runIndex: runIndex };
		},
	} as unknown as IExecuteSingleFunctions;
}

test('a number is "N8N" and 21 upper-case hex digits', () => {
	const number = stableCustomerOrderNo(item({}, 0, 0));
	expect(number).toMatch(GENERATED_ORDER_NO_PATTERN);
	expect(GENERATED_ORDER_NO_PATTERN.test('N8N0123456789ABCDEF01234')).toBe(true);
	expect(GENERATED_ORDER_NO_PATTERN.test('n8n0123456789abcdef01234')).toBe(false);
	expect(GENERATED_ORDER_NO_PATTERN.test('N8N0123456789ABCDEF012345')).toBe(false);
	expect(GENERATED_ORDER_NO_PATTERN.test('XN8N0123456789ABCDEF01234')).toBe(false);
});

test('the same item, run and node context give the same number (a retry)', () => {
	const context: IDataObject = {};
	expect(stableCustomerOrderNo(item(context, 2, 5))).toBe(
		stableCustomerOrderNo(item(context, 2, 5)),
	);
});

test('the seed is kept in the node context under its key, and reused from there', () => {
	const context: IDataObject = {};
	const first = stableCustomerOrderNo(item(context, 0, 0));
	expect(typeof context.cardepassOrderNoSeed).toBe('string');
	// A Retry from the Executions list brings the context back: a copy of it gives the same number.
	expect(stableCustomerOrderNo(item({ ...context }, 0, 0))).toBe(first);
	// A seed that is not text is replaced.
	const broken: IDataObject = { cardepassOrderNoSeed: 42 };
	stableCustomerOrderNo(item(broken, 0, 0));
	expect(typeof broken.cardepassOrderNoSeed).toBe('string');
});

test('another execution or node (another context) gives another number', () => {
	expect(stableCustomerOrderNo(item({}, 0, 0))).not.toBe(stableCustomerOrderNo(item({}, 0, 0)));
});

test('another item gives another number', () => {
	const context: IDataObject = {};
	expect(stableCustomerOrderNo(item(context, 0, 1))).not.toBe(
		stableCustomerOrderNo(item(context, 0, 2)),
	);
});

test('another run of the node in the same execution (Loop Over Items) gives another number', () => {
	const context: IDataObject = {};
	const numbers = [0, 1, 2].map((run) => stableCustomerOrderNo(item(context, run, 0)));
	expect(new Set(numbers).size).toBe(3);
});

test('run and item are kept apart: run 1 item 23 is not run 12 item 3', () => {
	const context: IDataObject = {};
	expect(stableCustomerOrderNo(item(context, 1, 23))).not.toBe(
		stableCustomerOrderNo(item(context, 12, 3)),
	);
});

test('no run index is run 0', () => {
	const context: IDataObject = {};
	expect(stableCustomerOrderNo(item(context, undefined, 4))).toBe(
		stableCustomerOrderNo(item(context, 0, 4)),
	);
	expect(stableCustomerOrderNo(item(context, undefined, 4))).not.toBe(
		stableCustomerOrderNo(item(context, 1, 4)),
	);
});

test('without execution data a number is never reused', () => {
	const numbers = [1, 2, 3].map(() => stableCustomerOrderNo(item(undefined, 0, 0)));
	for (const number of numbers) expect(number).toMatch(GENERATED_ORDER_NO_PATTERN);
	expect(new Set(numbers).size).toBe(3);
});
