import { DEFAULT_MAX_CONCURRENT_REQUESTS } from '../../dist/nodes/Cardepass/shared/limiter';
import { REVISIONS, useSimulatedCardepass } from '../helpers/simulatedCardepass';

/** Input items, each with its own reference (a top-up's Customer Order No). */
const inputItems = (count: number, prefix: string) =>
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
			const { items, error } = await box.engine.run(TOP_UP, inputItems(50, 'COLD'));
			expect(error).toBeUndefined();
			expect(items).toHaveLength(50);
			expect(box.sim.tokenRequests()).toBe(1);
			expect(box.sim.maxConcurrent).toBeLessThanOrEqual(DEFAULT_MAX_CONCURRENT_REQUESTS);
			expect(box.sim.maxConcurrent).toBeGreaterThan(1);
			expect(box.engine.storedToken).toEqual(expect.any(String));
		});

		// An order first reads the card's product rules once for all items, and that one read fetches the
		// token. A read has nothing before it: its first requests go out together, so the token is fetched by
		// one request while the others wait for it (the limiter's cold start), never once per request.
		test.each([
			['Card → Get', { resource: 'card', operation: 'get', cardId: 'CARD123456' }, 50],
			// Two balances (USD and EUR) per item.
			['Account → Get Balances', { resource: 'account', operation: 'getBalances' }, 100],
		])(
			'a cold 50-item %s run makes one token request',
			async (_operation, parameters, outputItems) => {
				const { items, error } = await box.engine.run(parameters, inputItems(50, 'READ'));
				expect(error).toBeUndefined();
				expect(items).toHaveLength(outputItems);
				expect(box.sim.tokenRequests()).toBe(1);
			},
		);

		test('a credential whose token was cleared after a busy run is cold again: one token request for 50 reads', async () => {
			await box.engine.run(TOP_UP, inputItems(50, 'BUSY'));
			box.engine.clearToken();
			box.sim.clearRequests();
			const { items } = await box.engine.run(
				{ resource: 'card', operation: 'get', cardId: 'CARD123456' },
				inputItems(50, 'RECOLD-READ'),
			);
			expect(items).toHaveLength(50);
			expect(box.sim.tokenRequests()).toBe(1);
		});

		test('a second 50-item run with the token stored makes zero token requests', async () => {
			await box.engine.run({ resource: 'account', operation: 'getBalances' });
			box.sim.clearRequests();
			const { items } = await box.engine.run(TOP_UP, inputItems(50, 'WARM'));
			expect(items).toHaveLength(50);
			expect(box.sim.tokenRequests()).toBe(0);
			expect(box.sim.getOrders({ orderType: 'CardTopUp' })).toHaveLength(50);
		});

		test('a credential whose token was cleared (e.g. re-saved) is cold again: one token request for 50 items', async () => {
			await box.engine.run({ resource: 'account', operation: 'getBalances' });
			box.engine.clearToken();
			box.sim.clearRequests();
			const { items } = await box.engine.run(TOP_UP, inputItems(50, 'RECOLD'));
			expect(items).toHaveLength(50);
			expect(box.sim.tokenRequests()).toBe(1);
		});

		test('Max Concurrent Requests under Options changes the cap', async () => {
			await box.engine.run(
				{ ...TOP_UP, options: { maxConcurrentRequests: 2 } },
				inputItems(20, 'CAP'),
			);
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
