import { REVISIONS, useSimulatedCardepass } from '../helpers/simulatedCardepass';

const TOP_UP_PATH = '/v1/orders/standard/topup';
// Retries off, so each fault reaches the user as it is.
const NO_RETRIES = { options: { retries: 0 } };
const TOP_UP = {
	resource: 'card',
	operation: 'topUp',
	cardId: 'CARD123456',
	topUpAmount: 10,
	customerOrderNo: 'F-1',
	...NO_RETRIES,
};
const BALANCES = { resource: 'account', operation: 'getBalances', ...NO_RETRIES };

describe.each(REVISIONS)(
	'what the user reads when Cardepass or the network fails, against API v%s',
	(revision) => {
		const box = useSimulatedCardepass({ revision });

		test('429 without Retry-After: rate limited, wait and lower the concurrency or use batching', async () => {
			box.sim.inject({ match: { path: TOP_UP_PATH }, kind: 'status', status: 429 });
			const { error } = await box.engine.run(TOP_UP);
			expect(error?.message).toMatch(/^Cardepass is limiting the rate of requests \(HTTP 429\)/);
			expect(error?.description).toMatch(
				/Wait a little and run again, or lower "Max Concurrent Requests" under Options \(or use Request Options → Batching\)/,
			);
			expect(error?.description).toMatch(/Response ID: [0-9a-f-]{36}/);
		});

		test('429 with Retry-After: the same advice', async () => {
			box.sim.inject({ match: { path: TOP_UP_PATH }, kind: 'status', status: 429, retryAfter: 30 });
			const { error } = await box.engine.run(TOP_UP);
			expect(error?.message).toMatch(/HTTP 429/);
			expect(error?.description).toMatch(/Max Concurrent Requests/);
		});

		test.each([500, 502, 503])(
			'%i: a server error; for an order, retrying is safe',
			async (status) => {
				box.sim.inject({ match: { path: TOP_UP_PATH }, kind: 'status', status });
				const order = await box.engine.run(TOP_UP);
				expect(order.error?.message).toMatch(
					new RegExp(`^Cardepass had a server error \\(HTTP ${status}\\)`),
				);
				expect(order.error?.description).toMatch(
					/Retrying is safe: the order is sent with the same Customer Order No/,
				);
				box.sim.inject({ match: { path: '/v1/accounts' }, kind: 'status', status });
				const read = await box.engine.run(BALANCES);
				expect(read.error?.description).toMatch(/Retry later/);
			},
		);

		test('an HTML error page from a proxy', async () => {
			box.sim.inject({ match: { path: TOP_UP_PATH }, kind: 'html' });
			const { error } = await box.engine.run(TOP_UP);
			expect(error?.message).toMatch(/^Cardepass had a server error \(HTTP 502\)$/);
			expect(box.sim.getOrders({ customerOrderNo: 'F-1' })).toHaveLength(0);
		});

		test('malformed JSON: the outcome is unknown, and the user is told to check before retrying', async () => {
			box.sim.inject({ match: { path: TOP_UP_PATH }, kind: 'malformedJson' });
			const { error } = await box.engine.run(TOP_UP);
			expect(error?.message).toBe(
				'Cardepass sent an answer that is not valid JSON, so the result of this request is unknown',
			);
			expect(error?.description).toMatch(/Order → Get/);
		});

		test('a connection dropped after the order was made: the order may exist, retrying is safe', async () => {
			box.sim.inject({ match: { path: TOP_UP_PATH }, kind: 'dropAfterCommit' });
			const { error } = await box.engine.run(TOP_UP);
			expect(error?.message).toMatch(
				/^The connection to Cardepass failed before an answer arrived/,
			);
			expect(error?.description).toMatch(/The order may or may not have been made/);
			expect(box.sim.getOrders({ customerOrderNo: 'F-1' })).toHaveLength(1);
			const retried = await box.engine.run(TOP_UP);
			expect(retried.items).toEqual([
				expect.objectContaining({ customerOrderNo: 'F-1', earlierOrder: true }),
			]);
			expect(box.sim.getOrders({ customerOrderNo: 'F-1' })).toHaveLength(1);
		});

		test('an answer slower than Request Options → Timeout', async () => {
			box.sim.inject({ match: { path: TOP_UP_PATH }, kind: 'delay', ms: 1500 });
			const { error } = await box.engine.run(TOP_UP, [{}], { timeout: 300 });
			expect(error?.message).toMatch(
				/^The connection to Cardepass failed before an answer arrived/,
			);
			expect(error?.description).toMatch(/Retrying is safe/);
		});
	},
);

describe.each(REVISIONS)('Retries on Temporary Errors (default 2), against API v%s', (revision) => {
	const box = useSimulatedCardepass({ revision });
	const ORDER = {
		resource: 'card',
		operation: 'topUp',
		cardId: 'CARD123456',
		topUpAmount: 10,
		customerOrderNo: 'R-1',
	};

	test.each([
		['a 429', { kind: 'status', status: 429 }],
		['a 503', { kind: 'status', status: 503 }],
		['an HTML page', { kind: 'html' }],
		['malformed JSON', { kind: 'malformedJson' }],
	] as const)(
		'%s is sent again after a second and the order is made once',
		async (_name, fault) => {
			box.sim.inject({ match: { path: TOP_UP_PATH }, ...fault });
			const started = Date.now();
			const { items, error } = await box.engine.run(ORDER);
			expect(error).toBeUndefined();
			expect(items).toEqual([
				expect.objectContaining({ customerOrderNo: 'R-1', status: 'Completed' }),
			]);
			expect(box.sim.apiRequests({ path: TOP_UP_PATH })).toHaveLength(2);
			expect(box.sim.getOrders({ customerOrderNo: 'R-1' })).toHaveLength(1);
			expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		},
	);

	test('a lost answer is sent again; Cardepass calls it a duplicate and the node returns the order it made', async () => {
		box.sim.inject({ match: { path: TOP_UP_PATH }, kind: 'dropAfterCommit' });
		const { items, error } = await box.engine.run(ORDER);
		expect(error).toBeUndefined();
		expect(items).toEqual([
			expect.objectContaining({ customerOrderNo: 'R-1', earlierOrder: true }),
		]);
		expect(box.sim.getOrders({ customerOrderNo: 'R-1' })).toHaveLength(1);
	});

	test('a business error is not repeated', async () => {
		box.sim.inject({
			match: { path: TOP_UP_PATH },
			kind: 'businessError',
			errorCode: 'INSUFFICIENT_BALANCE',
		});
		const { error } = await box.engine.run(ORDER);
		expect(error?.description).toMatch(/INSUFFICIENT_BALANCE/);
		expect(box.sim.apiRequests({ path: TOP_UP_PATH })).toHaveLength(1);
	});

	test('gives up after the retries and says what happened', async () => {
		box.sim.inject({ match: { path: TOP_UP_PATH }, kind: 'status', status: 500, times: 3 });
		const { error } = await box.engine.run({ ...ORDER, options: { retries: 2 } });
		expect(error?.message).toMatch(/HTTP 500/);
		expect(box.sim.apiRequests({ path: TOP_UP_PATH })).toHaveLength(3);
	});
});
