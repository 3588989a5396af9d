import { useSandbox } from '../helpers/sandbox';

const TOP_UP_PATH = '/v1/orders/standard/topup';
const TOP_UP = { resource: 'card', operation: 'topUp', cardId: 'CARD123456', topUpAmount: 10, customerOrderNo: 'F-1' };
const BALANCES = { resource: 'account', operation: 'getBalances' };

describe('what the user reads when Cardepass or the network fails', () => {
	const box = useSandbox();

	test('429 without Retry-After: rate limited, wait and lower the concurrency or use batching', async () => {
		box.sim.inject({ match: { path: TOP_UP_PATH }, kind: 'status', status: 429 });
		const { error } = await box.engine.run(TOP_UP);
		expect(error?.message).toMatch(/^Cardepass is limiting the rate of requests \(HTTP 429\)/);
		expect(error?.description).toMatch(/Wait a little and run again, or lower "Max Concurrent Requests" under Options \(or use Request Options → Batching\)/);
		expect(error?.description).toMatch(/Response ID: [0-9a-f-]{36}/);
	});

	test('429 with Retry-After: the same advice', async () => {
		box.sim.inject({ match: { path: TOP_UP_PATH }, kind: 'status', status: 429, retryAfter: 30 });
		const { error } = await box.engine.run(TOP_UP);
		expect(error?.message).toMatch(/HTTP 429/);
		expect(error?.description).toMatch(/Max Concurrent Requests/);
	});

	test.each([500, 502, 503])('%i: a server error; for an order, retrying is safe', async (status) => {
		box.sim.inject({ match: { path: TOP_UP_PATH }, kind: 'status', status });
		const order = await box.engine.run(TOP_UP);
		expect(order.error?.message).toMatch(new RegExp(`^Cardepass had a server error \\(HTTP ${status}\\)`));
		expect(order.error?.description).toMatch(/Retrying is safe: the order is sent with the same Customer Order No/);
		box.sim.inject({ match: { path: '/v1/accounts' }, kind: 'status', status });
		const read = await box.engine.run(BALANCES);
		expect(read.error?.description).toMatch(/Retry later/);
	});

	test('an HTML error page from a proxy', async () => {
		box.sim.inject({ match: { path: TOP_UP_PATH }, kind: 'html' });
		const { error } = await box.engine.run(TOP_UP);
		expect(error?.message).toMatch(/^Cardepass had a server error \(HTTP 502\)$/);
		expect(box.sim.getOrders({ customerOrderNo: 'F-1' })).toHaveLength(0);
	});

	test('malformed JSON: the outcome is unknown, and the user is told to check before retrying', async () => {
		box.sim.inject({ match: { path: TOP_UP_PATH }, kind: 'malformedJson' });
		const { error } = await box.engine.run(TOP_UP);
		expect(error?.message).toBe('Cardepass sent an answer that is not valid JSON, so the result of this request is unknown');
		expect(error?.description).toMatch(/Order → Get/);
	});

	test('a connection dropped after the order was made: the order may exist, retrying is safe', async () => {
		box.sim.inject({ match: { path: TOP_UP_PATH }, kind: 'dropAfterCommit' });
		const { error } = await box.engine.run(TOP_UP);
		expect(error?.message).toMatch(/^The connection to Cardepass failed before an answer arrived/);
		expect(error?.description).toMatch(/The order may or may not have been made/);
		expect(box.sim.getOrders({ customerOrderNo: 'F-1' })).toHaveLength(1);
		const retried = await box.engine.run(TOP_UP);
		expect(retried.items).toEqual([expect.objectContaining({ customerOrderNo: 'F-1', earlierOrder: true })]);
		expect(box.sim.getOrders({ customerOrderNo: 'F-1' })).toHaveLength(1);
	});

	test('an answer slower than Request Options → Timeout', async () => {
		box.sim.inject({ match: { path: TOP_UP_PATH }, kind: 'delay', ms: 1500 });
		const { error } = await box.engine.run(TOP_UP, [{}], { timeout: 300 });
		expect(error?.message).toMatch(/^The connection to Cardepass failed before an answer arrived/);
		expect(error?.description).toMatch(/Retrying is safe/);
	});
});
