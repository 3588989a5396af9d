'use strict';

const seed = require('./seed');
const { cardNumber, cvvFor, organisationFor } = require('./cardnumbers');
const { iso, pad, round2 } = require('./util');

/**
 * @typedef {import('./seed').SeedCard & { _createdByOrder?: string }} Card
 */

/**
 * @typedef {object} State
 * @property {import('./seed').Product[]} products
 * @property {Map<string, Card>} cards
 * @property {any[]} orders          every accepted order, in order (see orders.js for the shape)
 * @property {Record<string, number>} accounts   balance per currency
 * @property {any[]} accountLogs     newest last in the array; answers sort newest first
 * @property {any[]} cardLogs
 * @property {any[]} transactions
 */

const DAY = 24 * 3600 * 1000;
// By default generated history lies before this instant, one 10-day window per generation call and kind
// of record, so each call's records occupy a range of their own. The sandbox ends it now instead, so a
// demo's "yesterday" has records.
const HISTORY_END = Date.UTC(2025, 0, 1);
const WINDOW = 10 * DAY;
// New cards are numbered from here (seeded card IDs stay well below).
const FIRST_NEW_CARD = 1000001;

/** The live store: seed copy, counters and the few helpers every module needs. */
class Store {
	/** @param {number} [historyEnd] epoch ms before which generated history lies */
	constructor(historyEnd = HISTORY_END) {
		this.historyEnd = historyEnd;
		/** @type {State} */
		this.state = {
			products: JSON.parse(JSON.stringify(seed.PRODUCTS)),
			cards: new Map(seed.CARDS.map((c) => [c.cardId, { ...c }])),
			orders: [],
			accounts: { ...seed.ACCOUNTS },
			accountLogs: [],
			cardLogs: [],
			transactions: [],
		};
		/** @type {Map<string, any>} customerOrderNo → order */
		this.byCustomerOrderNo = new Map();
		this.seq = { order: 0, card: 0, accountLog: 0, cardLog: 0, transaction: 0 };
		/** @type {Record<string, number>} windows handed out per kind of record */
		this.windows = {};
	}

	/** @param {string} code */
	product(code) {
		return this.state.products.find((p) => p.productCode === code);
	}

	/**
	 * @param {string} productCode
	 * @param {string} cardModel
	 * @param {string} currency
	 */
	binConfig(productCode, cardModel, currency) {
		const product = this.product(productCode);
		return (
			product &&
			product.cardBinConfigs.find((c) => c.cardModel === cardModel && c.currency === currency)
		);
	}

	/** @param {string} cardId */
	card(cardId) {
		return this.state.cards.get(cardId);
	}

	/** @param {string} currency */
	balance(currency) {
		return this.state.accounts[currency] || 0;
	}

	/**
	 * @param {string} currency
	 * @param {number} delta
	 */
	moveAccount(currency, delta) {
		this.state.accounts[currency] = round2(this.balance(currency) + delta);
		return this.state.accounts[currency];
	}

	/** @param {number} now */
	nextOrderNo(now) {
		this.seq.order += 1;
		const d = new Date(now);
		return `ORD${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}${pad(this.seq.order, 6)}`;
	}

	/**
	 * Issues a new card (the effect of a completed apply order).
	 * @param {{ cardModel: 'Standard' | 'ShareBalance', productCode: string, cardCurrency: string, alias: string | null,
	 *   balanceAmount: number, maxAuthAmount: number | null, maxCreditAmount: number | null, now: number, orderNo: string }} spec
	 * @returns {Card}
	 */
	issueCard(spec) {
		const config = this.binConfig(spec.productCode, spec.cardModel, spec.cardCurrency);
		if (!config)
			throw new Error(
				`no BIN config for ${spec.productCode}/${spec.cardModel}/${spec.cardCurrency}`,
			);
		this.seq.card += 1;
		const serial = FIRST_NEW_CARD + this.seq.card - 1;
		const cardId = `CARD${serial}`;
		const expiry = new Date(spec.now);
		const card = {
			cardId,
			cardModel: spec.cardModel,
			productCode: spec.productCode,
			cardCurrency: spec.cardCurrency,
			status: /** @type {const} */ ('Active'),
			balanceAmount: spec.cardModel === 'Standard' ? spec.balanceAmount : 0,
			maxAuthAmount: spec.cardModel === 'ShareBalance' ? spec.maxAuthAmount : null,
			usedCreditAmount: spec.cardModel === 'ShareBalance' ? 0 : null,
			maxCreditAmount: spec.cardModel === 'ShareBalance' ? spec.maxCreditAmount : null,
			alias: spec.alias || '',
			expirationMMYY: `${pad(expiry.getUTCMonth() + 1, 2)}/${pad((expiry.getUTCFullYear() + 3) % 100, 2)}`,
			applyTime: /** @type {string} */ (iso(spec.now)),
			cardNumber: cardNumber(config.cardBin, serial),
			cvv: cvvFor(cardId),
			cardOrganization: organisationFor(config.cardBin),
			_createdByOrder: spec.orderNo,
		};
		this.state.cards.set(cardId, card);
		return card;
	}

	/**
	 * What a card can spend or hold now. Share-balance cards spend the fund account within their limits.
	 * @param {Card} card
	 */
	availableBalance(card) {
		if (card.cardModel === 'Standard') return card.balanceAmount;
		if (card.status === 'Cancel' || card.status === 'Expired') return 0;
		const account = this.balance(card.cardCurrency);
		if (card.maxCreditAmount === null || card.maxCreditAmount === undefined) return account;
		return round2(
			Math.max(0, Math.min(account, card.maxCreditAmount - (card.usedCreditAmount || 0))),
		);
	}

	/**
	 * A fresh time window for generated history records of one kind, not overlapping the kind's earlier
	 * windows; the records sit at its end, an hour apart at most.
	 * @param {number} count
	 * @param {string} kind
	 * @returns {{ times: number[], from: number, to: number, index: number }}
	 */
	historyWindow(count, kind) {
		const index = this.windows[kind] ?? 0;
		this.windows[kind] = index + 1;
		const end = this.historyEnd - index * WINDOW;
		const start = end - WINDOW;
		const step = Math.max(
			1000,
			Math.min(3600 * 1000, Math.floor(WINDOW / (count + 1) / 1000) * 1000),
		);
		const times = [];
		for (let i = 0; i < count; i++) times.push(end - (count - i) * step);
		return {
			times,
			from: times.length ? times[0] : start,
			to: times.length ? times[times.length - 1] : start,
			index,
		};
	}
}

module.exports = { Store, HISTORY_END };
