'use strict';

// The workflows of examples/ as users import them, only the credential
// swapped for the sandbox one (and a Manual Trigger beside a Schedule
// Trigger, see example-workflows.js), executed against one simulator. It
// answers as API v1.4 (the operations suite covers v1.0), whose product rules
// (minimum amounts, whole numbers for EUR) the examples must meet too.

const assert = require('node:assert/strict');
const { startSimulator, seed, simulatorCredential, directTopUps } = require('../simulator-access');
const { prepareExample } = require('../example-workflows');
const { assertSucceeded, cleanItems, binaryOf, csvLines } = require('../run-data');

const CARDS = seed.SEED_CARD_IDS;
const DAY = 24 * 3600 * 1000;
const WORKFLOWS = {
	topUp: { file: 'scheduled-top-up.json', id: 'e2eExTopUp' },
	export: { file: 'nightly-fund-log-export.json', id: 'e2eExExport' },
	issue: { file: 'issue-card-and-read-back.json', id: 'e2eExIssue' },
	freeze: { file: 'freeze-low-balance-cards.json', id: 'e2eExFreeze' },
};

/** Yesterday in UTC (n8n runs with GENERIC_TIMEZONE=UTC), as the export's $today expressions see it. */
function yesterdayWindow() {
	const today = new Date();
	today.setUTCHours(0, 0, 0, 0);
	return {
		from: today.getTime() - DAY,
		to: today.getTime(),
		label: new Date(today.getTime() - DAY).toISOString().slice(0, 10),
	};
}

function examplesSuite() {
	let sim;
	let clockOffset = 0;

	/** Fund logs dated yesterday (and one today, which the export must leave out), made through the API. */
	async function writeHistory() {
		clockOffset = -DAY;
		await directTopUps(sim, [
			{ cardId: CARDS.standardUsd, topUpAmount: 10, customerOrderNo: 'E2E-YDAY-1' },
			{ cardId: CARDS.standardUsd, topUpAmount: 20, customerOrderNo: 'E2E-YDAY-2' },
		]);
		clockOffset = 0;
		await directTopUps(sim, [
			{ cardId: CARDS.standardUsd, topUpAmount: 15, customerOrderNo: 'E2E-TODAY-1' },
		]);
	}

	const orderNo = (customerOrderNo) => sim.getOrders({ customerOrderNo })[0].orderNo;

	return {
		name: 'examples',

		async prepare() {
			sim = await startSimulator({ revision: '1.4', now: () => Date.now() + clockOffset });
			await writeHistory();
			const credential = simulatorCredential('cdpExamples', 'Cardepass sandbox (examples)', sim);
			return {
				credentials: [credential],
				workflows: Object.values(WORKFLOWS).map(({ file, id }) =>
					prepareExample(file, { id, credential }),
				),
			};
		},

		async run({ inst, t }) {
			const balance = (cardId) => sim.getCard(cardId).balanceAmount;
			const before = {
				[CARDS.standardUsd]: balance(CARDS.standardUsd),
				[CARDS.standardEur]: balance(CARDS.standardEur),
			};
			const topUp = await t.setup('execute scheduled-top-up.json', () =>
				inst.execute(WORKFLOWS.topUp.id),
			);
			const topUpAgain = await t.setup('execute scheduled-top-up.json a second time', () =>
				inst.execute(WORKFLOWS.topUp.id),
			);

			await t.test(
				"scheduled-top-up.json: one top-up per table row, Customer Order No = the row's reference",
				() => {
					assertSucceeded(topUp);
					const rows = cleanItems(topUp, 'Cards to top up');
					const orders = cleanItems(topUp, 'Top up card');
					assert.equal(rows.length, 2);
					assert.deepEqual(
						orders.map((order) => order.customerOrderNo),
						rows.map((row) => row.reference),
					);
					for (const row of rows) {
						assert.match(row.reference, /^TOPUP-CARD\d+-\d{8}$/);
						const stored = sim.getOrders({
							customerOrderNo: row.reference,
							orderType: 'CardTopUp',
						});
						assert.equal(stored.length, 1, `orders with ${row.reference}`);
						assert.equal(stored[0].cardId, row.cardId);
						assert.equal(
							balance(row.cardId),
							before[row.cardId] + row.amount,
							`${row.cardId} balance`,
						);
					}
				},
				topUp,
			);

			await t.test(
				'scheduled-top-up.json: running it again the same day tops up nothing twice (earlier orders returned)',
				() => {
					assertSucceeded(topUpAgain);
					const orders = cleanItems(topUpAgain, 'Top up card');
					assert.equal(orders.length, 2);
					assert.ok(
						orders.every((order) => order.earlierOrder === true),
						'earlierOrder on every item',
					);
					for (const row of cleanItems(topUpAgain, 'Cards to top up')) {
						assert.equal(sim.getOrders({ customerOrderNo: row.reference }).length, 1);
						assert.equal(
							balance(row.cardId),
							before[row.cardId] + row.amount,
							`${row.cardId} balance`,
						);
					}
				},
				topUp,
				topUpAgain,
			);

			const exported = await t.setup('execute nightly-fund-log-export.json', () =>
				inst.execute(WORKFLOWS.export.id),
			);
			const yesterday = yesterdayWindow();
			const wasYesterday = (record) => record._t >= yesterday.from && record._t < yesterday.to;

			await t.test(
				"nightly-fund-log-export.json: CSV file of yesterday's fund logs, today's left out",
				() => {
					assertSucceeded(exported);
					const expected = sim.state.accountLogs.filter(wasYesterday);
					assert.ok(expected.length > 0, 'the simulator holds fund logs of yesterday');
					assert.equal(cleanItems(exported, "Yesterday's fund logs").length, expected.length);
					const file = binaryOf(exported, 'Fund logs CSV');
					assert.ok(file, 'Fund logs CSV has binary data');
					assert.equal(file.mimeType, 'text/csv');
					assert.equal(file.fileName, `fund-logs-${yesterday.label}.csv`);
					const lines = csvLines(file);
					assert.equal(lines.length, expected.length + 1, 'header and one line per log');
					assert.equal(
						lines[0],
						'Time,Time Zone,Type,Direction,Amount,Currency,Available Balance,Blocked Balance,Order No,Card ID,Card Number (Masked),Note,Fund Log ID',
						'Spreadsheet Rows: readable headers, the card as two columns',
					);
					assert.match(
						lines[1],
						/^"?\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}"?,/,
						'a time a spreadsheet reads',
					);
					const text = lines.join('\n');
					assert.ok(
						text.includes(orderNo('E2E-YDAY-1')) && text.includes(orderNo('E2E-YDAY-2')),
						"yesterday's orders are in the CSV",
					);
					assert.ok(!text.includes(orderNo('E2E-TODAY-1')), "today's order is not");
				},
				exported,
			);

			await t.test(
				"nightly-fund-log-export.json: CSV file of yesterday's card fund logs",
				() => {
					const expected = sim.state.cardLogs.filter(wasYesterday);
					assert.ok(expected.length > 0, 'the simulator holds card fund logs of yesterday');
					const file = binaryOf(exported, 'Card fund logs CSV');
					assert.ok(file, 'Card fund logs CSV has binary data');
					assert.equal(file.fileName, `card-fund-logs-${yesterday.label}.csv`);
					const lines = csvLines(file);
					assert.equal(lines.length, expected.length + 1, 'header and one line per log');
					assert.match(lines[0], /^Time,Completed Time,Time Zone,Type,/);
					assert.ok(
						!lines.join('\n').includes(orderNo('E2E-TODAY-1')),
						"today's order is not in the CSV",
					);
				},
				exported,
			);

			const issued = await t.setup('execute issue-card-and-read-back.json', () =>
				inst.execute(WORKFLOWS.issue.id),
			);

			await t.test(
				'issue-card-and-read-back.json: card issued (PROD001, USD, 100) and read back masked',
				() => {
					assertSucceeded(issued);
					const [order] = cleanItems(issued, 'Issue a card');
					const cardId = order.cardId;
					const card = sim.getCard(cardId);
					assert.ok(card, `issued card ${cardId} is in the simulator`);
					assert.equal(card.productCode, 'PROD001');
					assert.equal(card.cardCurrency, 'USD');
					assert.equal(card.balanceAmount, 100);
					const [readBack] = cleanItems(issued, 'Read the card back');
					assert.equal(readBack.cardId, cardId);
					assert.notEqual(readBack.cardNumber, card.cardNumber);
					assert.equal(
						readBack.cardNumber,
						`${card.cardNumber.slice(0, 6)}${'*'.repeat(card.cardNumber.length - 10)}${card.cardNumber.slice(-4)}`,
					);
					assert.equal(readBack.cvv, '***');
					assert.ok(
						!issued.stdout.includes(card.cardNumber),
						'the full card number appears nowhere in the run',
					);
				},
				issued,
			);

			const statusBefore = (cardId) => sim.getCard(cardId).status;
			const watched = [
				CARDS.standardUsd,
				CARDS.standardNoWithdraw,
				CARDS.standardBlocked,
				CARDS.standardExpired,
			];
			const statuses = Object.fromEntries(watched.map((cardId) => [cardId, statusBefore(cardId)]));
			const frozen = await t.setup('execute freeze-low-balance-cards.json', () =>
				inst.execute(WORKFLOWS.freeze.id),
			);

			await t.test(
				'freeze-low-balance-cards.json: only the active card under 100 (CARD345678) is blocked',
				() => {
					assertSucceeded(frozen);
					assert.deepEqual(statuses, {
						CARD123456: 'Active',
						CARD345678: 'Active',
						CARD456789: 'Blocked',
						CARD678901: 'Expired',
					});
					assert.equal(cleanItems(frozen, 'Get card').length, 4);
					const blocked = cleanItems(frozen, 'Block card');
					assert.equal(blocked.length, 1);
					assert.deepEqual(
						sim.getOrders({ orderType: 'CardBlock' }).map((order) => order.cardId),
						[CARDS.standardNoWithdraw],
					);
					assert.equal(sim.getCard(CARDS.standardNoWithdraw).status, 'Blocked');
					assert.equal(sim.getCard(CARDS.standardUsd).status, 'Active');
					assert.equal(sim.getCard(CARDS.standardExpired).status, 'Expired');
				},
				frozen,
			);
		},

		async close() {
			await sim?.close();
		},
	};
}

module.exports = { examplesSuite };
