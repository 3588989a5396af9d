import { apiCalls, useSimulatedCardepass } from '../helpers/simulatedCardepass';

describe('Transaction → Get Many (API v1.4)', () => {
	const box = useSimulatedCardepass({ revision: '1.4' });

	test.each([0, 1, 100, 101, 250])(
		'Return All walks the cursor through %i transactions',
		async (count) => {
			const range = box.sim.addTransactions('CARD123456', count);
			const { items, error } = await box.engine.run({
				resource: 'transaction',
				operation: 'getAll',
				transactionDateFrom: range.from,
				transactionDateTo: range.to,
				returnAll: true,
				filters: { cardId: 'CARD123456' },
			});
			expect(error).toBeUndefined();
			expect(items).toHaveLength(count);
			expect(new Set(items.map((transaction) => transaction.id)).size).toBe(count);
			const calls = apiCalls(box.sim);
			expect(calls).toHaveLength(Math.max(1, Math.ceil(count / 100)));
			expect(calls[0].query).toEqual({
				transactionDateFrom: new Date(range.from).toISOString(),
				transactionDateTo: new Date(range.to).toISOString(),
				cardId: 'CARD123456',
				pageSize: '100',
			});
			if (calls[1]) expect(calls[1].query.pageCursor).toEqual(expect.any(String));
		},
	);

	test.each([
		[250, 1, 1],
		[250, 100, 1],
		[250, 101, 2],
		[101, 500, 2],
	])(
		'with %i transactions, Limit %i gives that many from %i page(s)',
		async (count, limit, pages) => {
			const range = box.sim.addTransactions('CARD123456', count);
			const { items } = await box.engine.run({
				resource: 'transaction',
				operation: 'getAll',
				transactionDateFrom: range.from,
				transactionDateTo: range.to,
				returnAll: false,
				limit,
			});
			expect(items).toHaveLength(Math.min(limit, count));
			expect(apiCalls(box.sim)).toHaveLength(pages);
		},
	);

	test('the status filter is sent and applied', async () => {
		const range = box.sim.addTransactions('CARD123456', 60);
		const { items } = await box.engine.run({
			resource: 'transaction',
			operation: 'getAll',
			transactionDateFrom: range.from,
			transactionDateTo: range.to,
			returnAll: true,
			filters: { transactionStatus: 'Settled' },
		});
		expect(apiCalls(box.sim)[0].query.transactionStatus).toBe('Settled');
		expect(items.length).toBeGreaterThan(0);
		expect(items.every((transaction) => transaction.status === 'Settled')).toBe(true);
	});
});

describe('Transaction → Get Many against an API v1.0 server', () => {
	const box = useSimulatedCardepass({ revision: '1.0' });

	test('fails with a message that the server does not offer transactions', async () => {
		const { error } = await box.engine.run({
			resource: 'transaction',
			operation: 'getAll',
			transactionDateFrom: '2025-01-01T00:00:00Z',
			transactionDateTo: '2025-01-31T00:00:00Z',
			returnAll: true,
		});
		expect(error?.message).toBe(
			'This Cardepass server does not offer card transactions yet (they came with API v1.4)',
		);
		expect(error?.description).toMatch(
			/^Cardepass said: Not found: GET \/v1\/transactions does not exist/,
		);
		expect(error?.description).toMatch(/Account → Get Many Card Fund Logs/);
	});
});
