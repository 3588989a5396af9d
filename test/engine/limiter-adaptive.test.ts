import type { Simulator } from '../helpers/simulatedCardepass';
import { REVISIONS, useSimulatedCardepass } from '../helpers/simulatedCardepass';

const TOP_UP_PATH = '/v1/orders/standard/topup';

const topUp = (maxConcurrentRequests: number) => ({
	resource: 'card',
	operation: 'topUp',
	cardId: 'CARD123456',
	topUpAmount: 10,
	customerOrderNo: '={{ $json.ref }}',
	options: { maxConcurrentRequests },
});

const refs = (count: number) => Array.from({ length: count }, (_, i) => ({ ref: `PACE-${i}` }));

interface Seen {
	startedAt: number;
	endedAt: number;
	status: number;
	body: { customerOrderNo: string };
}

const topUps = (sim: Simulator) => sim.apiRequests({ path: TOP_UP_PATH }) as Seen[];

function mostAtOnce(spans: Seen[]): number {
	const events = spans.flatMap((span) => [
		{ at: span.startedAt, change: 1 },
		{ at: span.endedAt, change: -1 },
	]);
	events.sort((a, b) => a.at - b.at || a.change - b.change);
	let open = 0;
	let most = 0;
	for (const event of events) {
		open += event.change;
		most = Math.max(most, open);
	}
	return most;
}

describe.each(REVISIONS)(
	'the node finds the pace the server takes, within Max Concurrent Requests, against API v%s',
	(revision) => {
		describe('a server that answers 429 above 4 requests in flight', () => {
			const box = useSimulatedCardepass({
				revision,
				latencyMs: 40,
				rateLimit: { maxConcurrent: 4 },
			});

			test('with the limit set to 20, every order goes through once and few requests are refused', async () => {
				const { items, error } = await box.engine.run(topUp(20), refs(120));

				expect(error).toBeUndefined();
				expect(items).toHaveLength(120);
				expect(items.filter((item) => item.error)).toEqual([]);
				const orders = box.sim.getOrders({ orderType: 'CardTopUp' });
				expect(new Set(orders.map((order) => order.customerOrderNo)).size).toBe(120);
				expect(orders).toHaveLength(120);
				// Finding the pace costs a few refusals; a fixed 20 at once would have most requests refused.
				const sent = topUps(box.sim);
				const refused = sent.filter((request) => request.status === 429).length;
				expect(refused / sent.length).toBeLessThan(0.15);
				process.stdout.write(
					`[pace] API v${revision}: ${sent.length} top-up requests for 120 orders, ${refused} answered 429\n`,
				);
			});
		});

		describe('a server that answers fast and clean', () => {
			const box = useSimulatedCardepass({ revision, latencyMs: 40 });

			test('grows to the limit set, and not above it', async () => {
				await box.engine.run({ resource: 'account', operation: 'getBalances' });
				box.sim.resetMetrics();
				const { items } = await box.engine.run(topUp(20), refs(200));
				expect(items).toHaveLength(200);
				expect(box.sim.maxConcurrent).toBe(20);
			});
		});

		describe('a server whose answers slow down mid-run', () => {
			const box = useSimulatedCardepass({ revision, latencyMs: 20 });

			test('fewer requests are sent at once as soon as answers come back much slower than before', async () => {
				await box.engine.run({ resource: 'account', operation: 'getBalances' });
				box.sim.inject({
					match: { path: TOP_UP_PATH },
					kind: 'delay',
					ms: 600,
					skip: 150,
					times: Infinity,
				});
				const { items, error } = await box.engine.run(topUp(20), refs(260));
				expect(error).toBeUndefined();
				expect(items).toHaveLength(260);

				const seen = topUps(box.sim);
				const fast = seen.slice(0, 150);
				const slow = seen.slice(150);
				expect(mostAtOnce(fast)).toBe(20);
				// A few slow answers tell a slower server from one slow answer (a busy machine needs a few more).
				const tenthSlowAnswer = slow.map((request) => request.endedAt).sort((a, b) => a - b)[9];
				const sentAfterIt = seen.filter((request) => request.startedAt >= tenthSlowAnswer);
				expect(sentAfterIt.length).toBeGreaterThan(20);
				expect(mostAtOnce(sentAfterIt)).toBeLessThan(20);
			});
		});
	},
);
