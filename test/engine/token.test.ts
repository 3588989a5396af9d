import { DEFAULT_MAX_CONCURRENT_REQUESTS } from '../../dist/nodes/Cardepass/shared/limiter';
import { REVISIONS, useSimulatedCardepass } from '../helpers/simulatedCardepass';

const topUps = (count: number, prefix: string) =>
	Array.from({ length: count }, (_, i) => ({ ref: `${prefix}-${i}` }));
const TOP_UP = {
	resource: 'card',
	operation: 'topUp',
	cardId: 'CARD123456',
	topUpAmount: 10,
	customerOrderNo: '={{ $json.ref }}',
};

describe.each(REVISIONS)(
	'OAuth2 token life (n8n-core fetches, stores and renews it), against API v%s',
	(revision) => {
		const box = useSimulatedCardepass({ revision, latencyMs: 20 });

		test('a cold 50-item run makes one token request and stays within the default Max Concurrent Requests', async () => {
			const { items, error } = await box.engine.run(TOP_UP, topUps(50, 'COLD'));
			expect(error).toBeUndefined();
			expect(items).toHaveLength(50);
			expect(box.sim.tokenRequests()).toBe(1);
			expect(box.sim.maxConcurrent).toBeLessThanOrEqual(DEFAULT_MAX_CONCURRENT_REQUESTS);
			expect(box.sim.maxConcurrent).toBeGreaterThan(1);
			expect(box.engine.storedToken).toEqual(expect.any(String));
		});

		test('a second 50-item run with the token stored makes zero token requests', async () => {
			await box.engine.run({ resource: 'account', operation: 'getBalances' });
			box.sim.clearRequests();
			const { items } = await box.engine.run(TOP_UP, topUps(50, 'WARM'));
			expect(items).toHaveLength(50);
			expect(box.sim.tokenRequests()).toBe(0);
			expect(box.sim.getOrders({ orderType: 'CardTopUp' })).toHaveLength(50);
		});

		test('a credential whose token was cleared (e.g. re-saved) is cold again: one token request for 50 items', async () => {
			await box.engine.run({ resource: 'account', operation: 'getBalances' });
			box.engine.clearToken();
			box.sim.clearRequests();
			const { items } = await box.engine.run(TOP_UP, topUps(50, 'RECOLD'));
			expect(items).toHaveLength(50);
			expect(box.sim.tokenRequests()).toBe(1);
		});

		test('Max Concurrent Requests under Options changes the cap', async () => {
			await box.engine.run({ ...TOP_UP, options: { maxConcurrentRequests: 2 } }, topUps(20, 'CAP'));
			expect(box.sim.maxConcurrent).toBeLessThanOrEqual(2);
		});

		test('an expired token is renewed once and the run goes on', async () => {
			await box.engine.run({ resource: 'account', operation: 'getBalances' });
			const firstToken = box.engine.storedToken;
			box.sim.advanceClock(3601 * 1000);
			box.sim.clearRequests();
			const { items, error } = await box.engine.run({
				resource: 'account',
				operation: 'getBalances',
			});
			expect(error).toBeUndefined();
			expect(items).toHaveLength(2);
			expect(box.sim.tokenRequests()).toBe(1);
			expect(box.engine.storedToken).not.toBe(firstToken);
		});
	},
);
