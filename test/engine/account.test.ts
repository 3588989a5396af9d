import { apiCalls, REVISIONS, useSimulatedCardepass } from '../helpers/simulatedCardepass';

describe.each(REVISIONS)('Account operations against API v%s', (revision) => {
	const box = useSimulatedCardepass({ revision });

	test('Get Balances outputs one item per currency', async () => {
		const { items, error } = await box.engine.run({
			resource: 'account',
			operation: 'getBalances',
		});
		expect(error).toBeUndefined();
		expect(apiCalls(box.sim)).toEqual([
			{ method: 'GET', path: '/v1/accounts', query: {}, body: undefined },
		]);
		expect(items).toEqual([
			{ currency: 'USD', amount: 100000 },
			{ currency: 'EUR', amount: 50000 },
		]);
	});

	test('Get Many Fund Logs sends the date range in ISO 8601 and outputs one item per record', async () => {
		const range = box.sim.addAccountLogs(3);
		box.sim.addAccountLogs(4);
		const { items, error } = await box.engine.run({
			resource: 'account',
			operation: 'getFundLogs',
			returnAll: true,
			filters: { transactionDateFrom: range.from, transactionDateTo: range.to },
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(items[0]).toEqual(
			expect.objectContaining({
				id: expect.any(String),
				currency: expect.any(String),
				transAmount: expect.any(Number),
			}),
		);
		expect(items.map((log) => log.id)).toEqual(
			box.sim.state.accountLogs
				.filter(
					(log: { _t: number }) =>
						log._t >= Date.parse(range.from) && log._t <= Date.parse(range.to),
				)
				.sort((a: { _t: number }, b: { _t: number }) => b._t - a._t)
				.map((log: { id: string }) => log.id),
		);
		const [call] = apiCalls(box.sim);
		expect(call.path).toBe('/v1/accounts/accountLogs');
		expect(call.query).toMatchObject({
			TransactionDateFrom: new Date(range.from).toISOString(),
			TransactionDateTo: new Date(range.to).toISOString(),
		});
	});

	test('Get Many Card Fund Logs filters by card', async () => {
		box.sim.addCardLogs('CARD123456', 5);
		box.sim.addCardLogs('CARD234567', 2);
		const { items, error } = await box.engine.run({
			resource: 'account',
			operation: 'getCardFundLogs',
			returnAll: true,
			filters: { cardId: 'CARD234567' },
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(
			items.map((log) => (log.cardInfo as { cardId?: string } | undefined)?.cardId ?? log.cardId),
		).toEqual(['CARD234567', 'CARD234567']);
		expect(apiCalls(box.sim)[0]).toMatchObject({
			path: '/v1/accounts/cardAccountLogs',
			query: expect.objectContaining({ CardId: 'CARD234567' }),
		});
	});
});
