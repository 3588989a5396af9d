import { DEFAULT_MAX_CONCURRENT_REQUESTS } from '../../dist/nodes/Cardepass/shared/limiter';
import { REVISIONS, useSimulatedCardepass } from '../helpers/simulatedCardepass';

const TOP_UP_PATH = '/v1/orders/standard/topup';
const ITEMS = 1000;
const BLOCKED_CARD = 'CARD456789';

/** Every 97th item tops up a blocked card: Cardepass refuses it, which must stay that item's error alone. */
const items = Array.from({ length: ITEMS }, (_, i) => ({
	row: i,
	cardId: i % 97 === 50 ? BLOCKED_CARD : 'CARD123456',
	amount: 10 + (i % 7),
}));

describe.each(REVISIONS)(
	"1,000 top-ups through n8n's engine while Cardepass misbehaves, against API v%s",
	(revision) => {
		const box = useSimulatedCardepass({ revision, latencyMs: 3 });

		test('no order is made twice, no item is lost or repeated, and tokens are not fetched per item', async () => {
			const faults = [
				{ kind: 'status', status: 429, probability: 0.02 },
				{ kind: 'status', status: 500, probability: 0.01 },
				{ kind: 'status', status: 502, probability: 0.005 },
				{ kind: 'status', status: 503, probability: 0.01 },
				{ kind: 'html', probability: 0.005 },
				{ kind: 'malformedJson', probability: 0.005 },
				{ kind: 'dropAfterCommit', probability: 0.02 },
				{ kind: 'dropBeforeCommit', probability: 0.005 },
			] as const;
			faults.forEach((fault, index) =>
				box.sim.inject({
					match: { path: TOP_UP_PATH },
					times: Infinity,
					seed: 11 + index,
					...fault,
				}),
			);
			box.sim.inject({ match: { path: TOP_UP_PATH }, skip: 400, kind: 'revokeTokens' });

			const {
				items: output,
				rawItems,
				error,
			} = await box.engine.run(
				{
					resource: 'card',
					operation: 'topUp',
					cardId: '={{ $json.cardId }}',
					topUpAmount: '={{ $json.amount }}',
				},
				items,
				{ retryOnFail: true, maxTries: 3, waitBetweenTries: 10, onError: 'continueRegularOutput' },
			);

			expect(error).toBeUndefined();
			// Every input item comes out exactly once, in order.
			expect(output).toHaveLength(ITEMS);
			expect(rawItems.map((item) => (item.pairedItem as { item: number }).item)).toEqual(
				items.map((_, i) => i),
			);

			// Each item kept one Customer Order No through every repeat, and no two items shared one.
			const sent = box.sim.apiRequests({ path: TOP_UP_PATH }) as Array<{
				body: { customerOrderNo: string; cardId: string; topUpAmount: number };
			}>;
			const itemOfNumber = new Map<string, string>();
			for (const { body } of sent) {
				const identity = `${body.cardId}/${body.topUpAmount}`;
				expect(itemOfNumber.get(body.customerOrderNo) ?? identity).toBe(identity);
				itemOfNumber.set(body.customerOrderNo, identity);
			}
			expect(itemOfNumber.size).toBe(ITEMS);

			// Done once or an item-level error; the blocked card's items fail with the provider's code.
			const orders = box.sim.getOrders({ orderType: 'CardTopUp' });
			const ordersByNumber = new Map(orders.map((order) => [order.customerOrderNo, order]));
			expect(ordersByNumber.size).toBe(orders.length);
			const failed = output.filter((item) => item.error);
			const done = output.filter((item) => !item.error);
			for (const [index, item] of output.entries()) {
				if (item.error) continue;
				const order = ordersByNumber.get(item.customerOrderNo as string);
				expect(order?.topUpAmount).toBe(items[index].amount);
			}
			const blockedItems = items.filter((item) => item.cardId === BLOCKED_CARD).length;
			expect(
				failed.filter(
					(item) => (item.error as { errorCode?: string }).errorCode === 'CARD_STATUS_INVALID',
				),
			).toHaveLength(blockedItems);
			expect(done.length + failed.length).toBe(ITEMS);
			expect(orders.length).toBeGreaterThanOrEqual(done.length);
			expect(orders.length).toBeLessThanOrEqual(ITEMS - blockedItems);

			// One token for the cold start, and one renewal round after the revocation (at most one per request in flight).
			expect(box.sim.tokenRequests()).toBeGreaterThanOrEqual(2);
			expect(box.sim.tokenRequests()).toBeLessThanOrEqual(1 + box.sim.maxConcurrent);
			expect(box.sim.maxConcurrent).toBeLessThanOrEqual(DEFAULT_MAX_CONCURRENT_REQUESTS);

			process.stdout.write(
				`[stress] ${ITEMS} items: ${done.length} done, ${failed.length} item errors, ${sent.length} top-up requests, ` +
					`${orders.length} orders, ${box.sim.tokenRequests()} token requests, max ${box.sim.maxConcurrent} in flight\n`,
			);
		}, 180_000);
	},
);
