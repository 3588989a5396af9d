import { REVISIONS, useSimulatedCardepass } from '../helpers/simulatedCardepass';

type Operation = 'getFundLogs' | 'getCardFundLogs';

const LISTS: Array<{ operation: Operation; path: string }> = [
	{ operation: 'getFundLogs', path: '/v1/accounts/accountLogs' },
	{ operation: 'getCardFundLogs', path: '/v1/accounts/cardAccountLogs' },
];

describe.each(REVISIONS)('Fund log pagination against API v%s', (revision) => {
	const box = useSimulatedCardepass({ revision });

	function seedLogs(operation: Operation, count: number) {
		return operation === 'getFundLogs'
			? box.sim.addAccountLogs(count)
			: box.sim.addCardLogs('CARD123456', count);
	}

	describe.each(LISTS)('$operation', ({ operation, path }) => {
		test.each([0, 1, 100, 101, 250])(
			'Return All gives every one of %i records, one page per 100',
			async (count) => {
				const range = seedLogs(operation, count);
				const { items, error } = await box.engine.run({
					resource: 'account',
					operation,
					returnAll: true,
					filters: { transactionDateFrom: range.from, transactionDateTo: range.to },
				});
				expect(error).toBeUndefined();
				expect(items).toHaveLength(count);
				expect(new Set(items.map((log) => JSON.stringify(log))).size).toBe(count);
				const pages = box.sim.apiRequests({ path });
				expect(pages).toHaveLength(Math.max(1, Math.ceil(count / 100)));
			},
		);

		test.each([
			[250, 1, 1],
			[250, 100, 1],
			[250, 101, 2],
			[250, 250, 3],
			[101, 500, 2],
			[0, 10, 1],
		])(
			'with %i records, Limit %i gives that many and asks for %i page(s)',
			async (count, limit, pages) => {
				const range = seedLogs(operation, count);
				const { items, error } = await box.engine.run({
					resource: 'account',
					operation,
					returnAll: false,
					limit,
					filters: { transactionDateFrom: range.from, transactionDateTo: range.to },
				});
				expect(error).toBeUndefined();
				expect(items).toHaveLength(Math.min(count, limit));
				expect(box.sim.apiRequests({ path })).toHaveLength(pages);
			},
		);

		test('Return All and Limit give the same records in the same order', async () => {
			const range = seedLogs(operation, 150);
			const filters = { transactionDateFrom: range.from, transactionDateTo: range.to };
			const all = await box.engine.run({
				resource: 'account',
				operation,
				returnAll: true,
				filters,
			});
			const limited = await box.engine.run({
				resource: 'account',
				operation,
				returnAll: false,
				limit: 150,
				filters,
			});
			expect(limited.items).toEqual(all.items);
			expect(all.items).toHaveLength(150);
		});
	});

	test('asks for pages in names both revisions understand', async () => {
		const range = box.sim.addCardLogs('CARD123456', 120);
		await box.engine.run({
			resource: 'account',
			operation: 'getCardFundLogs',
			returnAll: true,
			filters: { transactionDateFrom: range.from, transactionDateTo: range.to },
		});
		const queries = box.sim
			.apiRequests({ path: '/v1/accounts/cardAccountLogs' })
			.map((r: { query: object }) => r.query);
		expect(queries[1]).toMatchObject({ PageNumber: '2', pageIndex: '2', PageSize: '100' });
	});
});
