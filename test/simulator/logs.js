'use strict';

/**
 * Fund-log records. Item shapes are those of the v1.4 document (v1.0 documents no item shape and is
 * answered with the same items). Internal fields start with '_' and are stripped from answers.
 */

const { maskLastFour } = require('./cardnumbers');
const { iso, pad, round2, createRng, hash32 } = require('./util');

/**
 * @param {import('./state').Store} store
 * @param {{ t: number, type: string, direction: 'Income' | 'Expenditure', currency: string, amount: number,
 *   orderNo: string | null, note: string, card?: import('./state').Card | null }} entry
 *   amount is positive; the record's transAmount carries the sign. The account must already be moved.
 */
function writeAccountLog(store, entry) {
	store.seq.accountLog += 1;
	const record = {
		_t: entry.t,
		_seq: store.seq.accountLog,
		id: `AL${pad(store.seq.accountLog, 10)}`,
		accountTransType: entry.type,
		fundsDirection: entry.direction,
		currency: entry.currency,
		transAmount: entry.direction === 'Income' ? round2(entry.amount) : -round2(entry.amount),
		availableBalance: store.balance(entry.currency),
		blockedBalance: 0,
		orderNo: entry.orderNo,
		note: entry.note,
		cardInfo: entry.card
			? { cardId: entry.card.cardId, maskedCardNumber: maskLastFour(entry.card.cardNumber) }
			: null,
		transTime: iso(entry.t),
	};
	store.state.accountLogs.push(record);
	return record;
}

/**
 * @param {import('./state').Store} store
 * @param {{ t: number, type: string, direction: 'Income' | 'Expenditure', card: import('./state').Card, amount: number,
 *   fee?: number, feeType?: string, orderNo: string | null, note: string }} entry
 */
function writeCardLog(store, entry) {
	store.seq.cardLog += 1;
	const currency = entry.card.cardCurrency;
	const fee = round2(entry.fee || 0);
	const money = (/** @type {number} */ amount) => ({ amount: round2(amount), currency });
	const record = {
		_t: entry.t,
		_seq: store.seq.cardLog,
		_cardId: entry.card.cardId,
		accountLogId: `CL${pad(store.seq.cardLog, 10)}`,
		cardOrderNo: entry.orderNo,
		cardAccountLogType: entry.type,
		cardInfo: { cardId: entry.card.cardId, maskedCardNumber: maskLastFour(entry.card.cardNumber) },
		fundsDirection: entry.direction,
		transAmount: money(entry.amount),
		totalFee: money(fee),
		feeItems: fee > 0 ? [{ feeType: entry.feeType || 'CardWithdrawFee', amount: money(fee) }] : [],
		totalAmount: money(entry.amount + fee),
		status: 'Completed',
		failureReason: null,
		transTime: iso(entry.t),
		completedTime: iso(entry.t),
		note: entry.note,
	};
	store.state.cardLogs.push(record);
	return record;
}

const ACCOUNT_PATTERN = [
	{ type: 'AccountTopUp', direction: 'Income', note: '账户充值', min: 500, max: 5000 },
	{ type: 'CardOpen', direction: 'Expenditure', note: 'Card issue', min: 20, max: 300 },
	{ type: 'CardTopUp', direction: 'Expenditure', note: 'Card top-up', min: 10, max: 500 },
	{ type: 'CardWithdraw', direction: 'Income', note: 'Card balance withdrawn', min: 5, max: 200 },
	{
		type: 'CardCancelRefund',
		direction: 'Income',
		note: 'Card cancelled, balance returned',
		min: 1,
		max: 100,
	},
];

/**
 * n extra account-log records in a window of their own; deterministic.
 * @param {import('./state').Store} store
 * @param {number} n
 */
function generateAccountLogs(store, n) {
	const window = store.historyWindow(n, 'accountLogs');
	const rng = createRng(hash32(`account-logs:${window.index}`));
	const cards = [...store.state.cards.values()];
	let balance = 20000;
	window.times.forEach((t, i) => {
		const kind = ACCOUNT_PATTERN[i % ACCOUNT_PATTERN.length];
		const amount = round2(kind.min + rng() * (kind.max - kind.min));
		balance = round2(balance + (kind.direction === 'Income' ? amount : -amount));
		const card = kind.type === 'AccountTopUp' ? null : cards[i % cards.length];
		store.seq.accountLog += 1;
		store.state.accountLogs.push({
			_t: t,
			_seq: store.seq.accountLog,
			id: `AL${pad(store.seq.accountLog, 10)}`,
			accountTransType: kind.type,
			fundsDirection: kind.direction,
			currency: i % 4 === 3 ? 'EUR' : 'USD',
			transAmount: kind.direction === 'Income' ? amount : -amount,
			availableBalance: balance,
			blockedBalance: 0,
			orderNo: `ORDH${pad(store.seq.accountLog, 10)}`,
			note: kind.note,
			cardInfo: card
				? { cardId: card.cardId, maskedCardNumber: maskLastFour(card.cardNumber) }
				: null,
			transTime: iso(t),
		});
	});
	return {
		from: /** @type {string} */ (iso(window.from)),
		to: /** @type {string} */ (iso(window.to)),
	};
}

/**
 * n extra card-log records for the given cards (round robin), in a window of their own; deterministic.
 * They are history only: card balances are not changed.
 * @param {import('./state').Store} store
 * @param {import('./state').Card[]} cards
 * @param {number} n
 */
function generateCardLogs(store, cards, n) {
	const window = store.historyWindow(n, 'cardLogs');
	const rng = createRng(hash32(`card-logs:${window.index}`));
	window.times.forEach((t, i) => {
		const card = cards[i % cards.length];
		const topUp = i % 3 !== 2;
		const amount = round2(10 + rng() * 490);
		writeCardLog(store, {
			t,
			type: topUp ? 'CardTopUp' : 'CardWithdraw',
			direction: topUp ? 'Income' : 'Expenditure',
			card,
			amount,
			fee: topUp ? 0 : 1,
			feeType: 'CardWithdrawFee',
			orderNo: `ORDH${pad(store.seq.cardLog + 1, 10)}`,
			note: topUp ? '卡充值' : '卡余额转出',
		});
	});
	return {
		from: /** @type {string} */ (iso(window.from)),
		to: /** @type {string} */ (iso(window.to)),
	};
}

/**
 * Newest first, ties by insertion order (newest first too): a stable, deterministic order.
 * @template {{ _t: number, _seq: number }} T
 * @param {T[]} records
 */
function newestFirst(records) {
	return [...records].sort((a, b) => b._t - a._t || b._seq - a._seq);
}

/**
 * A record without its internal '_' fields.
 * @param {Record<string, any>} record
 */
function publicView(record) {
	/** @type {Record<string, any>} */
	const out = {};
	for (const key of Object.keys(record)) if (!key.startsWith('_')) out[key] = record[key];
	return out;
}

module.exports = {
	writeAccountLog,
	writeCardLog,
	generateAccountLogs,
	generateCardLogs,
	newestFirst,
	publicView,
};
