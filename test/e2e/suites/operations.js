'use strict';

// Every resource and operation of the Cardepass node once inside real n8n,
// each output checked against the simulator's state. Two workflows: one
// placing orders (API v1.0 simulator) and one reading lists (v1.0, and
// Transaction → Get Many against a v1.4 simulator). Nodes run once each
// (Execute Once) and continue on error, so one failing operation still lets
// the others be checked.

const assert = require('node:assert/strict');
const { startSimulator, seed, simulatorCredential } = require('../simulator-access');
const { cardepass, chain } = require('../workflow-builder');
const { assertSucceeded, cleanItems } = require('../run-data');

const CARDS = seed.SEED_CARD_IDS;
const ONCE = { executeOnce: true, onError: 'continueRegularOutput' };
const NEW_CARD = "={{ $('Create Standard').first().json.cardId }}";
const FUND_LOGS = 250; // 3 pages of 100
const CARD_LOGS = 130; // 2 pages
const TRANSACTIONS = 150; // 2 pages

const CARD_NODES = [
	'Create Standard',
	'Create Share',
	'Get Card',
	'Top Up',
	'Withdraw',
	'Update Limits',
	'Block',
	'Unblock',
	'Cancel',
	'Get Order',
];
const READ_NODES = ['Products', 'Fund Logs', 'Card Fund Logs', 'Transactions', 'Balances'];

function cardsWorkflow(credential) {
	const node = (name, parameters) =>
		cardepass(name, { resource: 'card', ...parameters }, credential, ONCE);
	return chain('e2eOpsCards', 'E2E every card operation', [
		node('Create Standard', {
			operation: 'create',
			cardModel: 'standard',
			productCode: 'PROD001',
			cardCurrency: 'USD',
			topUpAmount: 100,
			customerOrderNo: 'E2E-CREATE-STD',
			additionalFields: { cardAlias: 'e2e standard' },
		}),
		node('Create Share', {
			operation: 'create',
			cardModel: 'sharebalance',
			productCode: 'PROD001',
			cardCurrency: 'USD',
			maxAuthAmount: 250,
			totalLimit: 'limited',
			maxCreditAmount: 5000,
			customerOrderNo: 'E2E-CREATE-SB',
		}),
		node('Get Card', { operation: 'get', cardId: NEW_CARD }),
		node('Top Up', {
			operation: 'topUp',
			cardId: NEW_CARD,
			topUpAmount: 25,
			customerOrderNo: 'E2E-TOPUP',
		}),
		node('Withdraw', {
			operation: 'withdraw',
			cardId: NEW_CARD,
			withdrawAmount: 20,
			customerOrderNo: 'E2E-WITHDRAW',
		}),
		node('Update Limits', {
			operation: 'updateLimits',
			cardId: CARDS.shareUsd,
			maxAuthAmount: 800,
			totalLimit: 'limited',
			maxCreditAmount: 20000,
			customerOrderNo: 'E2E-LIMITS',
		}),
		node('Block', {
			operation: 'block',
			cardModel: 'standard',
			cardId: NEW_CARD,
			customerOrderNo: 'E2E-BLOCK',
		}),
		node('Unblock', {
			operation: 'unblock',
			cardModel: 'standard',
			cardId: CARDS.standardBlocked,
			customerOrderNo: 'E2E-UNBLOCK',
		}),
		node('Cancel', {
			operation: 'cancel',
			cardModel: 'standard',
			cardId: CARDS.standardEur,
			customerOrderNo: 'E2E-CANCEL',
		}),
		cardepass(
			'Get Order',
			{
				resource: 'order',
				operation: 'get',
				cardModel: 'standard',
				orderType: 'CardTopUp',
				lookUpBy: 'customerOrderNo',
				customerOrderNo: 'E2E-TOPUP',
			},
			credential,
			ONCE,
		),
	]);
}

function readsWorkflow(credential, credential14, ranges) {
	return chain('e2eOpsReads', 'E2E every list operation', [
		cardepass(
			'Products',
			{ resource: 'product', operation: 'getAll', returnAll: true },
			credential,
			ONCE,
		),
		cardepass(
			'Fund Logs',
			{
				resource: 'account',
				operation: 'getFundLogs',
				returnAll: true,
				filters: { transactionDateFrom: ranges.fund.from, transactionDateTo: ranges.fund.to },
			},
			credential,
			ONCE,
		),
		cardepass(
			'Card Fund Logs',
			{
				resource: 'account',
				operation: 'getCardFundLogs',
				returnAll: true,
				filters: {
					cardId: CARDS.standardNoWithdraw,
					transactionDateFrom: ranges.card.from,
					transactionDateTo: ranges.card.to,
				},
			},
			credential,
			ONCE,
		),
		cardepass(
			'Transactions',
			{
				resource: 'transaction',
				operation: 'getAll',
				transactionDateFrom: ranges.transactions.from,
				transactionDateTo: ranges.transactions.to,
				returnAll: true,
				filters: { cardId: CARDS.standardUsd },
			},
			credential14,
			ONCE,
		),
		cardepass('Balances', { resource: 'account', operation: 'getBalances' }, credential, ONCE),
	]);
}

const inRange = (range) => (record) =>
	record._t >= Date.parse(range.from) && record._t <= Date.parse(range.to);
const sorted = (values) => [...values].sort();

function operationsSuite() {
	let sim;
	let sim14;
	let ranges;

	return {
		name: 'operations',

		async prepare() {
			sim = await startSimulator({ revision: '1.0' });
			sim14 = await startSimulator({ revision: '1.4' });
			ranges = {
				fund: sim.addAccountLogs(FUND_LOGS),
				card: sim.addCardLogs(CARDS.standardNoWithdraw, CARD_LOGS),
				transactions: sim14.addTransactions(CARDS.standardUsd, TRANSACTIONS),
			};
			const credential = simulatorCredential('cdpOps10', 'Cardepass ops v1.0', sim);
			const credential14 = simulatorCredential('cdpOps14', 'Cardepass ops v1.4', sim14);
			return {
				credentials: [credential, credential14],
				workflows: [cardsWorkflow(credential), readsWorkflow(credential, credential14, ranges)],
			};
		},

		async run({ inst, t }) {
			const cards = await t.setup('execute the card-operations workflow', () =>
				inst.execute('e2eOpsCards'),
			);
			const reads = await t.setup('execute the list-operations workflow', () =>
				inst.execute('e2eOpsReads'),
			);
			const one = (result, name) => cleanItems(result, name)[0];
			const newCardId = () => one(cards, 'Create Standard').cardId;

			await t.test(
				'card workflow: all 10 Cardepass nodes ran once without an error',
				() => {
					assertSucceeded(cards);
					for (const name of CARD_NODES)
						assert.equal(cleanItems(cards, name).length, 1, `${name} output`);
				},
				cards,
			);

			await t.test(
				'Card → Create (Standard): card issued with 100 USD, order ApplyCard in the simulator',
				() => {
					const order = one(cards, 'Create Standard');
					assert.equal(order.customerOrderNo, 'E2E-CREATE-STD');
					const card = sim.getCard(newCardId());
					assert.ok(card, `card ${newCardId()} not in the simulator`);
					assert.equal(card.cardModel, 'Standard');
					assert.equal(card.alias, 'e2e standard');
					const [stored] = sim.getOrders({ customerOrderNo: 'E2E-CREATE-STD' });
					assert.equal(stored?.orderType, 'ApplyCard');
					assert.equal(stored?.orderNo, order.orderNo);
				},
				cards,
			);

			await t.test(
				'Card → Create (Share Balance): card issued with limits 250 / 5000',
				() => {
					const order = one(cards, 'Create Share');
					assert.equal(order.customerOrderNo, 'E2E-CREATE-SB');
					assert.equal(order.maxAuthAmount, 250);
					assert.equal(order.maxCreditAmount, 5000);
					const shareCards = [...sim.state.cards.values()].filter(
						(card) => card.cardModel === 'ShareBalance' && card.maxAuthAmount === 250,
					);
					assert.equal(shareCards.length, 1, 'one new share-balance card with maxAuthAmount 250');
					assert.equal(shareCards[0].maxCreditAmount, 5000);
				},
				cards,
			);

			await t.test(
				'Card → Get: the new card read back with number masked (6+4 digits), CVV ***, balance 100',
				() => {
					const card = one(cards, 'Get Card');
					const full = sim.getCard(newCardId()).cardNumber;
					assert.equal(card.cardId, newCardId());
					assert.equal(
						card.cardNumber,
						`${full.slice(0, 6)}${'*'.repeat(full.length - 10)}${full.slice(-4)}`,
					);
					assert.equal(card.cvv, '***');
					assert.equal(card.balanceAmount, 100);
				},
				cards,
			);

			await t.test(
				'Card → Top Up (25) and Withdraw Balance (20, fee 1): card balance 104 in the simulator',
				() => {
					assert.equal(one(cards, 'Top Up').customerOrderNo, 'E2E-TOPUP');
					assert.equal(one(cards, 'Withdraw').customerOrderNo, 'E2E-WITHDRAW');
					assert.equal(
						sim.getOrders({ customerOrderNo: 'E2E-TOPUP', orderType: 'CardTopUp' }).length,
						1,
					);
					assert.equal(
						sim.getOrders({ customerOrderNo: 'E2E-WITHDRAW', orderType: 'CardWithdraw' }).length,
						1,
					);
					assert.equal(sim.getCard(newCardId()).balanceAmount, 104);
				},
				cards,
			);

			await t.test(
				'Card → Update Limits: CARD789012 now allows 800 per payment, 20000 in all',
				() => {
					assert.equal(one(cards, 'Update Limits').customerOrderNo, 'E2E-LIMITS');
					const card = sim.getCard(CARDS.shareUsd);
					assert.equal(card.maxAuthAmount, 800);
					assert.equal(card.maxCreditAmount, 20000);
				},
				cards,
			);

			await t.test(
				'Card → Block / Unblock / Cancel: new card Blocked, CARD456789 Active, CARD234567 Cancel',
				() => {
					for (const name of ['Block', 'Unblock', 'Cancel']) cleanItems(cards, name);
					assert.equal(sim.getCard(newCardId()).status, 'Blocked');
					assert.equal(sim.getCard(CARDS.standardBlocked).status, 'Active');
					assert.equal(sim.getCard(CARDS.standardEur).status, 'Cancel');
				},
				cards,
			);

			await t.test(
				"Order → Get: finds the top-up by Customer Order No, with the simulator's orderNo",
				() => {
					const order = one(cards, 'Get Order');
					const [stored] = sim.getOrders({ customerOrderNo: 'E2E-TOPUP' });
					assert.equal(order.orderNo, stored.orderNo);
					assert.equal(order.customerOrderNo, 'E2E-TOPUP');
				},
				cards,
			);

			await t.test(
				'list workflow: all 5 Cardepass nodes ran once without an error',
				() => {
					assertSucceeded(reads);
					for (const name of READ_NODES) cleanItems(reads, name);
				},
				reads,
			);

			await t.test(
				'Product → Get Many: PROD001 and PROD002',
				() => {
					assert.deepEqual(
						cleanItems(reads, 'Products').map((product) => product.productCode),
						['PROD001', 'PROD002'],
					);
				},
				reads,
			);

			await t.test(
				`Account → Get Many Fund Logs (Return All): all ${FUND_LOGS} records of the range, in 3 pages`,
				() => {
					const ids = cleanItems(reads, 'Fund Logs').map((log) => log.id);
					const expected = sim.state.accountLogs.filter(inRange(ranges.fund)).map((log) => log.id);
					assert.equal(ids.length, FUND_LOGS);
					assert.deepEqual(sorted(ids), sorted(expected));
					assert.equal(
						sim.apiRequests({ path: '/v1/accounts/accountLogs' }).length,
						3,
						'page requests',
					);
				},
				reads,
			);

			await t.test(
				`Account → Get Many Card Fund Logs (Return All, Card ID): ${CARD_LOGS} records of CARD345678, in 2 pages`,
				() => {
					const logs = cleanItems(reads, 'Card Fund Logs');
					const expected = sim.state.cardLogs
						.filter(inRange(ranges.card))
						.map((log) => log.accountLogId);
					assert.equal(logs.length, CARD_LOGS);
					assert.deepEqual(sorted(logs.map((log) => log.accountLogId)), sorted(expected));
					assert.ok(
						logs.every((log) => log.cardInfo?.cardId === CARDS.standardNoWithdraw),
						"every log is CARD345678's",
					);
					assert.equal(
						sim.apiRequests({ path: '/v1/accounts/cardAccountLogs' }).length,
						2,
						'page requests',
					);
				},
				reads,
			);

			await t.test(
				`Transaction → Get Many (API v1.4, Return All): ${TRANSACTIONS} transactions of CARD123456, in 2 cursor pages`,
				() => {
					const transactions = cleanItems(reads, 'Transactions');
					assert.equal(transactions.length, TRANSACTIONS);
					assert.equal(
						new Set(transactions.map((transaction) => JSON.stringify(transaction))).size,
						TRANSACTIONS,
						'no duplicates',
					);
					assert.equal(sim14.apiRequests({ path: '/v1/transactions' }).length, 2, 'page requests');
				},
				reads,
			);

			await t.test(
				"Account → Get Balances: one item per currency, equal to the simulator's balances after all orders",
				() => {
					const balances = cleanItems(reads, 'Balances');
					assert.deepEqual(
						balances.map((balance) => [balance.currency, balance.amount]),
						balances.map((balance) => [balance.currency, sim.getBalance(balance.currency)]),
					);
					assert.deepEqual(sorted(balances.map((balance) => balance.currency)), ['EUR', 'USD']);
					assert.notEqual(sim.getBalance('USD'), seed.ACCOUNTS.USD, 'the orders moved money');
				},
				reads,
			);
		},

		async close() {
			await sim?.close();
			await sim14?.close();
		},
	};
}

module.exports = { operationsSuite };
