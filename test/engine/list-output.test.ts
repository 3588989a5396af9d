/**
 * The lists' Output (Cardepass Records or Spreadsheet Rows) and Period (Yesterday, Last 7 Days, Last 30 Days,
 * Custom Range): what a nightly export puts in its file, and which days it asks Cardepass for.
 */
import type { IDataObject } from 'n8n-workflow';

import { apiCalls, REVISIONS, useSimulatedCardepass } from '../helpers/simulatedCardepass';

const ACCOUNT_COLUMNS = [
	'Time',
	'Time Zone',
	'Type',
	'Direction',
	'Amount',
	'Currency',
	'Available Balance',
	'Blocked Balance',
	'Order No',
	'Card ID',
	'Card Number (Masked)',
	'Note',
	'Fund Log ID',
];
const CARD_COLUMNS = [
	'Time',
	'Completed Time',
	'Time Zone',
	'Type',
	'Direction',
	'Amount',
	'Fee',
	'Total Amount',
	'Currency',
	'Status',
	'Failure Reason',
	'Order No',
	'Card ID',
	'Card Number (Masked)',
	'Note',
	'Fund Log ID',
];
const TRANSACTION_COLUMNS = [
	'Authorised Time',
	'Settled Time',
	'Time Zone',
	'Type',
	'Status',
	'Direction',
	'Amount',
	'Authorised Amount',
	'Settled Amount',
	'Currency',
	'Merchant',
	'Merchant Country',
	'Merchant City',
	'Merchant Description',
	'Auth Code',
	'Failure Reason',
	'Card ID',
	'Card Number (Masked)',
	'Card Alias',
	'Transaction ID',
];

/** A UTC time as a spreadsheet reads it, in the time zone (Sweden's locale writes 2026-12-02 14:05:00). */
function wallClock(iso: string, timeZone: string): string {
	return new Intl.DateTimeFormat('sv-SE', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).format(new Date(iso));
}

const byId = (records: IDataObject[], key: string) =>
	Object.fromEntries(records.map((record) => [String(record[key]), record]));

describe.each(REVISIONS)('list output against API v%s', (revision) => {
	const box = useSimulatedCardepass({ revision });

	test('Get Many Fund Logs: Cardepass Records by default, as Cardepass sends them', async () => {
		box.sim.addAccountLogs(5);
		const { items, error } = await box.engine.run({
			resource: 'account',
			operation: 'getFundLogs',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThanOrEqual(5);
		for (const item of items) {
			expect(Object.keys(item)).toEqual(
				expect.arrayContaining(['id', 'transAmount', 'cardInfo', 'transTime']),
			);
		}
	});

	test('Get Many Fund Logs as Spreadsheet Rows: the same columns in every row, times in the workflow time zone, the card as two columns', async () => {
		box.sim.addAccountLogs(5);
		const { items, error } = await box.engine.run(
			{ resource: 'account', operation: 'getFundLogs', returnAll: true, output: 'spreadsheet' },
			[{}],
			{ timezone: 'Europe/Berlin' },
		);
		expect(error).toBeUndefined();
		const records = byId(box.sim.state.accountLogs, 'id');
		expect(items.length).toBe(box.sim.state.accountLogs.length);
		for (const row of items) {
			expect(Object.keys(row)).toEqual(ACCOUNT_COLUMNS);
			const record = records[String(row['Fund Log ID'])];
			const card = record.cardInfo as IDataObject | null;
			expect(row).toEqual({
				Time: wallClock(String(record.transTime), 'Europe/Berlin'),
				'Time Zone': 'Europe/Berlin',
				Type: record.accountTransType,
				Direction: record.fundsDirection,
				Amount: record.transAmount,
				Currency: record.currency,
				'Available Balance': record.availableBalance,
				'Blocked Balance': record.blockedBalance,
				'Order No': record.orderNo,
				'Card ID': card ? card.cardId : null,
				'Card Number (Masked)': card ? card.maskedCardNumber : null,
				Note: record.note,
				'Fund Log ID': record.id,
			});
			expect(row.Time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		}
		// An account top-up has no card: its card cells are empty, not a column of its own.
		expect(items.some((row) => row['Card ID'] === null)).toBe(true);
		expect(items.some((row) => typeof row['Card Number (Masked)'] === 'string')).toBe(true);
	});

	test('Get Many Card Fund Logs as Spreadsheet Rows: amounts as numbers with their currency', async () => {
		box.sim.addCardLogs('CARD123456', 4);
		const { items, error } = await box.engine.run(
			{
				resource: 'account',
				operation: 'getCardFundLogs',
				returnAll: true,
				filters: { cardId: 'CARD123456' },
				output: 'spreadsheet',
			},
			[{}],
			{ timezone: 'Asia/Shanghai' },
		);
		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThanOrEqual(4);
		const records = byId(box.sim.state.cardLogs, 'accountLogId');
		for (const row of items) {
			expect(Object.keys(row)).toEqual(CARD_COLUMNS);
			const record = records[String(row['Fund Log ID'])];
			const money = (key: string) => record[key] as { amount: number; currency: string };
			expect(row).toMatchObject({
				Time: wallClock(String(record.transTime), 'Asia/Shanghai'),
				'Time Zone': 'Asia/Shanghai',
				Amount: money('transAmount').amount,
				Fee: money('totalFee').amount,
				'Total Amount': money('totalAmount').amount,
				Currency: money('transAmount').currency,
				'Card ID': 'CARD123456',
				'Card Number (Masked)': (record.cardInfo as IDataObject).maskedCardNumber,
			});
		}
	});
});

describe('Transaction → Get Many as Spreadsheet Rows against API v1.4', () => {
	const box = useSimulatedCardepass({ revision: '1.4' });

	test('one flat row per transaction, a declined one included', async () => {
		const range = box.sim.addTransactions('CARD123456', 10);
		const { items, error } = await box.engine.run(
			{
				resource: 'transaction',
				operation: 'getAll',
				transactionDateFrom: range.from,
				transactionDateTo: range.to,
				returnAll: true,
				output: 'spreadsheet',
			},
			[{}],
			{ timezone: 'America/New_York' },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(10);
		const records = byId(box.sim.state.transactions, 'id');
		for (const row of items) {
			expect(Object.keys(row)).toEqual(TRANSACTION_COLUMNS);
			const record = records[String(row['Transaction ID'])];
			expect(row).toMatchObject({
				'Authorised Time': wallClock(String(record.authTime), 'America/New_York'),
				'Settled Time': record.settleTime
					? wallClock(String(record.settleTime), 'America/New_York')
					: null,
				Status: record.status,
				Amount: (record.transAmount as IDataObject).amount,
				Currency: (record.transAmount as IDataObject).currency,
				'Card ID': 'CARD123456',
			});
		}
		expect(items.some((row) => row.Status === 'AuthFailure' && row['Settled Time'] === null)).toBe(
			true,
		);
	});
});

/** 00:30 UTC on 3 December 2026: 01:30 in Berlin, still 2 December in New York. */
const NOW = Date.parse('2026-12-03T00:30:00Z');

describe.each(REVISIONS)('Period against API v%s, at a fixed time', (revision) => {
	const box = useSimulatedCardepass({ revision });
	beforeEach(() => {
		jest.spyOn(Date, 'now').mockReturnValue(NOW);
	});
	afterEach(() => {
		jest.restoreAllMocks();
	});

	const sentRange = async (
		period: string,
		timezone: string,
		filters: Record<string, string> = {},
	) => {
		const { error } = await box.engine.run(
			{ resource: 'account', operation: 'getFundLogs', period, limit: 5, filters },
			[{}],
			{ timezone },
		);
		expect(error).toBeUndefined();
		const query = apiCalls(box.sim).at(-1)!.query as IDataObject;
		return [query.TransactionDateFrom, query.TransactionDateTo];
	};

	test.each([
		['yesterday', 'Europe/Berlin', '2026-12-01T23:00:00.000Z', '2026-12-02T22:59:59.999Z'],
		['last7Days', 'Europe/Berlin', '2026-11-25T23:00:00.000Z', '2026-12-02T22:59:59.999Z'],
		['last30Days', 'Europe/Berlin', '2026-11-02T23:00:00.000Z', '2026-12-02T22:59:59.999Z'],
		['yesterday', 'UTC', '2026-12-02T00:00:00.000Z', '2026-12-02T23:59:59.999Z'],
		// New York is still on 2 December.
		['yesterday', 'America/New_York', '2026-12-01T05:00:00.000Z', '2026-12-02T04:59:59.999Z'],
		['last30Days', 'America/New_York', '2026-11-02T05:00:00.000Z', '2026-12-02T04:59:59.999Z'],
	])('%s in %s asks from %s to %s', async (period, timezone, from, to) => {
		expect(await sentRange(period, timezone)).toEqual([from, to]);
	});

	test('a From and To left in Filters from a Custom Range do not change the period', async () => {
		const filters = { transactionDateFrom: '2025-01-01', transactionDateTo: '2025-01-31' };
		expect(await sentRange('yesterday', 'UTC', filters)).toEqual([
			'2026-12-02T00:00:00.000Z',
			'2026-12-02T23:59:59.999Z',
		]);
		expect(await sentRange('custom', 'UTC', filters)).toEqual([
			'2025-01-01T00:00:00.000Z',
			'2025-01-31T00:00:00.000Z',
		]);
	});

	test('a Period an expression gives that is not in the list is refused before anything is sent', async () => {
		const { error } = await box.engine.run({
			resource: 'account',
			operation: 'getCardFundLogs',
			period: '={{ "lastWeek" }}',
		});
		expect(error?.message).toBe(
			'Period must be one of custom, yesterday, last7Days, last30Days, got "lastWeek"',
		);
		expect(apiCalls(box.sim)).toEqual([]);
	});
});

describe('Period of Transaction → Get Many against API v1.4, at a fixed time', () => {
	const box = useSimulatedCardepass({ revision: '1.4' });
	beforeEach(() => {
		jest.spyOn(Date, 'now').mockReturnValue(NOW);
	});
	afterEach(() => {
		jest.restoreAllMocks();
	});

	test('Last 7 Days needs no From and To', async () => {
		const { error } = await box.engine.run(
			{ resource: 'transaction', operation: 'getAll', period: 'last7Days', limit: 5 },
			[{}],
			{ timezone: 'Europe/Berlin' },
		);
		expect(error).toBeUndefined();
		expect(apiCalls(box.sim).at(-1)!.query).toMatchObject({
			transactionDateFrom: '2026-11-25T23:00:00.000Z',
			transactionDateTo: '2026-12-02T22:59:59.999Z',
		});
	});
});
