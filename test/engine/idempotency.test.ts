import { GENERATED_ORDER_NO_PATTERN } from '../../nodes/Cardepass/shared/orderNumber';
import {
	REVISIONS,
	REVISIONS_AND_REFUSALS,
	useSimulatedCardepass,
} from '../helpers/simulatedCardepass';

const TOP_UP_PATH = '/v1/orders/standard/topup';
const topUp = (extra: Record<string, unknown> = {}) => ({
	resource: 'card',
	operation: 'topUp',
	cardId: 'CARD123456',
	topUpAmount: '={{ $json.amount }}',
	...extra,
});
const amounts = (count: number) =>
	Array.from({ length: count }, (_, i) => ({ amount: 10 + i, invoiceId: `INV-${i}` }));

function sentOrderNumbers(sim: ReturnType<typeof useSimulatedCardepass>['sim']): string[] {
	return sim
		.apiRequests({ path: TOP_UP_PATH })
		.map((r: { body: { customerOrderNo: string } }) => r.body.customerOrderNo);
}

describe.each(REVISIONS_AND_REFUSALS)(
	'Customer Order No generated when left empty, against API v%s, repeats refused as %s',
	(revision, duplicateRefusal) => {
		const box = useSimulatedCardepass({ revision, duplicateRefusal });

		test('differs per item, per execution, per node and per workflow, and fits the API', async () => {
			await box.engine.run(topUp(), amounts(3));
			const first = sentOrderNumbers(box.sim);
			expect(first).toHaveLength(3);
			for (const number of first) expect(number).toMatch(GENERATED_ORDER_NO_PATTERN);
			expect(new Set(first).size).toBe(3);

			box.sim.clearRequests();
			await box.engine.run(topUp(), amounts(3));
			await box.engine.run(topUp(), amounts(3), { id: 'another-node' });
			await box.engine.run(topUp(), amounts(3), { workflowId: 'another-workflow' });
			const later = sentOrderNumbers(box.sim);
			expect(new Set([...first, ...later]).size).toBe(12);
			expect(box.sim.getOrders({ orderType: 'CardTopUp' })).toHaveLength(12);
		});

		test('Retry On Fail with 5 items and one lost answer makes exactly 5 orders, each item getting its own', async () => {
			box.sim.inject({ match: { path: TOP_UP_PATH }, skip: 2, kind: 'dropAfterCommit' });
			// The node's own retries are off: this is n8n's Retry On Fail, which sends every item again.
			const { items, error } = await box.engine.run(
				topUp({ options: { retries: 0 } }),
				amounts(5),
				{
					retryOnFail: true,
					maxTries: 2,
					waitBetweenTries: 10,
				},
			);
			expect(error).toBeUndefined();
			const orders = box.sim.getOrders({ orderType: 'CardTopUp' });
			expect(orders).toHaveLength(5);
			expect(items).toHaveLength(5);
			// Every item's output is the order made for that item: same number, same amount.
			items.forEach((item, index) => {
				const order = orders.find((o) => o.customerOrderNo === item.customerOrderNo);
				expect(order?.topUpAmount).toBe(10 + index);
				expect(item.earlierOrder).toBe(true);
			});
			// The retry re-sent every item with the number of its first attempt.
			const sent = sentOrderNumbers(box.sim);
			expect(sent).toHaveLength(10);
			expect(sent.slice(5)).toEqual(expect.arrayContaining(sent.slice(0, 5)));
		});
	},
);

describe.each(REVISIONS_AND_REFUSALS)(
	'a Customer Order No that was used before, against API v%s, repeats refused as %s',
	(revision, duplicateRefusal) => {
		const box = useSimulatedCardepass({ revision, duplicateRefusal });

		test("a re-run with the user's own numbers pays nothing twice and outputs the earlier orders", async () => {
			const first = await box.engine.run(
				topUp({ customerOrderNo: '={{ $json.invoiceId }}' }),
				amounts(3),
			);
			expect(first.items.map((item) => item.earlierOrder)).toEqual([false, false, false]);
			const balance = box.sim.getCard('CARD123456')!.balanceAmount;

			const again = await box.engine.run(
				topUp({ customerOrderNo: '={{ $json.invoiceId }}' }),
				amounts(3),
			);
			expect(again.error).toBeUndefined();
			expect(again.items).toEqual(
				[0, 1, 2].map((i) =>
					expect.objectContaining({
						customerOrderNo: `INV-${i}`,
						earlierOrder: true,
						orderNo: first.items[i].orderNo,
					}),
				),
			);
			expect(box.sim.getOrders({ orderType: 'CardTopUp' })).toHaveLength(3);
			expect(box.sim.getCard('CARD123456')!.balanceAmount).toBe(balance);
		});

		test('the same number for a different amount fails and says why', async () => {
			await box.engine.run(topUp({ customerOrderNo: 'INV-77' }), [{ amount: 10 }]);
			const { error } = await box.engine.run(topUp({ customerOrderNo: 'INV-77' }), [
				{ amount: 99 },
			]);
			expect(error?.message).toMatch(
				/^Customer Order No INV-77 was already used for a different order \(order \S+\): the earlier order's amount was 10 \(this one: 99\)$/,
			);
			expect(error?.description).toMatch(/Give this order its own Customer Order No/);
			// The refusal's own code stays in the error: support traces it by its Response ID.
			expect(error?.description).toMatch(
				duplicateRefusal === 'generic' ? /^Error code: 400 · Response ID: \S+/ : /DUPLICATE_ORDER/,
			);
			expect(box.sim.getOrders({ orderType: 'CardTopUp' })).toHaveLength(1);
		});

		test('the same number on another card fails', async () => {
			await box.engine.run(topUp({ customerOrderNo: 'INV-78' }), [{ amount: 10 }]);
			const { error } = await box.engine.run(
				topUp({ customerOrderNo: 'INV-78', cardId: 'CARD234567' }),
				[{ amount: 10 }],
			);
			expect(error?.message).toMatch(/already used for a different order/);
		});

		test('the same number used by another kind of order fails', async () => {
			await box.engine.run({
				resource: 'card',
				operation: 'block',
				cardModel: 'standard',
				cardId: 'CARD123456',
				customerOrderNo: 'INV-79',
			});
			const { error } = await box.engine.run(topUp({ customerOrderNo: 'INV-79' }), [
				{ amount: 10 },
			]);
			// Only a refusal that names the number as used is followed to other kinds of order; a generic
			// refusal with nothing of this kind under the number is reported as it came.
			expect(error?.message).toBe(
				duplicateRefusal === 'generic'
					? '订单号重复'
					: 'Customer Order No INV-79 was already used for a block (Standard card), not a top-up (Standard card)',
			);
		});
	},
);

describe.each(REVISIONS)('Wait for Completion, against API v%s', (revision) => {
	const box = useSimulatedCardepass({
		revision,
		orderCompletion: { afterMs: 400 },
		orderViews: 'extended',
	});

	test('off: the order comes back as Cardepass first answers it (Processing)', async () => {
		const { items } = await box.engine.run(topUp({ customerOrderNo: 'W-0' }), [{ amount: 10 }]);
		expect(items[0].status).toBe('Processing');
	});

	test('on: the node polls the order query until the order is Completed', async () => {
		const { items, error } = await box.engine.run(
			topUp({ customerOrderNo: 'W-1', options: { waitForCompletion: true } }),
			[{ amount: 10 }],
		);
		expect(error).toBeUndefined();
		expect(items[0]).toMatchObject({ customerOrderNo: 'W-1', status: 'Completed' });
		const queries = box.sim.apiRequests({ path: '/v1/orders/standard' });
		expect(queries.length).toBeGreaterThanOrEqual(1);
		expect(queries[0].query).toMatchObject({ OrderType: 'CardTopUp', OrderNo: items[0].orderNo });
	});

	test('a failed order becomes an item error with its failureReason', async () => {
		box.sim.failNextOrder({ reason: 'Card issuer declined' });
		const { items } = await box.engine.run(
			topUp({ customerOrderNo: '={{ $json.invoiceId }}', options: { waitForCompletion: true } }),
			amounts(2),
			{ onError: 'continueRegularOutput' },
		);
		const failed = items.filter((item) => item.error);
		expect(failed).toEqual([
			{
				error: expect.objectContaining({
					message: expect.stringMatching(/^Cardepass order \S+ failed: Card issuer declined$/),
					errorCode: 'ORDER_FAILED',
				}),
			},
		]);
		expect(items.filter((item) => item.status === 'Completed')).toHaveLength(1);
	});
});

describe.each(REVISIONS)(
	'Wait for Completion against a server that answers only the documented fields, API v%s',
	(revision) => {
		const box = useSimulatedCardepass({ revision, orderCompletion: { afterMs: 400 } });

		test('a failed order says Cardepass gave no reason', async () => {
			box.sim.failNextOrder({ reason: 'Card issuer declined' });
			const { error } = await box.engine.run(
				topUp({ customerOrderNo: 'W-DOC', options: { waitForCompletion: true } }),
				[{ amount: 10 }],
			);
			expect(error?.message).toMatch(/^Cardepass order \S+ failed: no reason given$/);
		});
	},
);

describe.each(REVISIONS)(
	'Wait for Completion with an order slower than the time limit, against API v%s',
	(revision) => {
		const box = useSimulatedCardepass({ revision, orderCompletion: { afterMs: 10_000 } });

		test('fails with the order number to check later', async () => {
			const { error } = await box.engine.run(
				topUp({
					customerOrderNo: 'W-SLOW',
					options: { waitForCompletion: true, completionTimeout: 1 },
				}),
				[{ amount: 10 }],
			);
			const [order] = box.sim.getOrders({ customerOrderNo: 'W-SLOW' });
			expect(error?.message).toBe(
				`Cardepass order ${order.orderNo} was still Processing after 1 s`,
			);
			expect(error?.description).toContain(
				`Order → Get (Order No ${order.orderNo}, Customer Order No W-SLOW)`,
			);
		});
	},
);
