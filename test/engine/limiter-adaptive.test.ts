import { SlotDriver } from '../helpers/slotDriver';
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

// The pace is learned from how fast answers come back, so these run on the driver's clock: the same
// answers give the same pace on a fast machine and on a busy one.
describe('the node finds the pace the server takes, within Max Concurrent Requests', () => {
	let driver: SlotDriver;
	beforeEach(() => (driver = new SlotDriver()));
	afterEach(() => driver.dispose());

	test('against a server that answers 429 above 4 requests in flight, with the limit set to 20, every request goes through once and few are refused', async () => {
		const credential = driver.credential('busy', { latencyMs: () => 40, refuseAtOpen: 4 });
		await driver.until(driver.run(credential, 'top-ups', 20, 120));

		const accepted = driver.sent.filter((request) => !request.refused);
		const refused = driver.sent.length - accepted.length;
		expect(accepted).toHaveLength(120);
		// Finding the pace costs a few refusals; a fixed 20 at once would have most requests refused.
		expect(refused).toBeGreaterThan(0);
		expect(refused / driver.sent.length).toBeLessThan(0.15);
	});

	test('against a server that answers fast and clean, it grows to the limit set, and not above it', async () => {
		const credential = driver.credential('fast', { latencyMs: () => 40 });
		await driver.until(driver.run(credential, 'top-ups', 20, 200));

		expect(driver.sent).toHaveLength(200);
		expect(driver.mostAtOnce()).toBe(20);
	});

	test('fewer requests are sent at once as soon as answers come back much slower than before', async () => {
		const credential = driver.credential('slowing', {
			latencyMs: (index) => (index < 150 ? 20 : 600),
		});
		await driver.until(driver.run(credential, 'top-ups', 20, 260));

		const fast = driver.sent.slice(0, 150);
		const slow = driver.sent.slice(150);
		expect(driver.mostAtOnce((request) => fast.includes(request))).toBe(20);
		// A few slow answers tell a slower server from one slow answer.
		const thirdSlowAnswer = slow.map((request) => request.endedAt!).sort((a, b) => a - b)[2];
		const sentAfterIt = driver.sent.filter((request) => request.startedAt >= thirdSlowAnswer);
		expect(sentAfterIt.length).toBeGreaterThan(20);
		expect(driver.mostAtOnce((request) => sentAfterIt.includes(request))).toBeLessThan(20);
	});
});

describe.each(REVISIONS)(
	'against a server that answers 429 above 4 requests in flight, API v%s',
	(revision) => {
		const box = useSimulatedCardepass({
			revision,
			latencyMs: 40,
			rateLimit: { maxConcurrent: 4 },
		});

		test('with the limit set to 20, every order is made once and no item fails', async () => {
			const { items, error } = await box.engine.run(topUp(20), refs(120));

			expect(error).toBeUndefined();
			expect(items).toHaveLength(120);
			expect(items.filter((item) => item.error)).toEqual([]);
			const orders = box.sim.getOrders({ orderType: 'CardTopUp' });
			expect(new Set(orders.map((order) => order.customerOrderNo)).size).toBe(120);
			expect(orders).toHaveLength(120);
			expect(box.sim.apiRequests({ path: TOP_UP_PATH }).length).toBeGreaterThanOrEqual(120);
		});
	},
);

describe.each(REVISIONS)('against a server that answers fast and clean, API v%s', (revision) => {
	const box = useSimulatedCardepass({ revision, latencyMs: 40 });

	test('with the limit set to 20, never more than 20 requests are in flight', async () => {
		await box.engine.run({ resource: 'account', operation: 'getBalances' });
		box.sim.resetMetrics();
		const { items } = await box.engine.run(topUp(20), refs(200));
		expect(items).toHaveLength(200);
		expect(box.sim.maxConcurrent).toBeLessThanOrEqual(20);
	});
});
