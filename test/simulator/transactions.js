'use strict';

/**
 * v1.4 GET /v1/transactions and the deterministic card transactions behind it.
 */

const { ok, invalidParam } = require('./envelope');
const { dateRange } = require('./query');
const { maskLastFour } = require('./cardnumbers');
const { encodeCursor, decodeCursor, LAST_PAGE } = require('./pagination');
const { newestFirst, publicView } = require('./logs');
const { createRng, hash32, iso, pad, round2 } = require('./util');

const TRANSACTION_STATUSES = Object.freeze(['AuthSuccess', 'AuthFailure', 'Settled']);
const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

const MERCHANTS = [
	{
		name: 'Amazon.com',
		country: 'US',
		city: 'Seattle',
		state: 'WA',
		zip: '98101',
		desc: 'AMAZON.COM AMZN.COM/BILL WA',
	},
	{
		name: 'Google Ads',
		country: 'US',
		city: 'Mountain View',
		state: 'CA',
		zip: '94043',
		desc: 'GOOGLE *ADS1234567 CC GOOGLE.COM',
	},
	{
		name: 'Facebook Ads',
		country: 'IE',
		city: 'Dublin',
		state: 'D',
		zip: 'D02',
		desc: 'FACEBK *ADS DUBLIN',
	},
	{
		name: 'Shopify',
		country: 'CA',
		city: 'Ottawa',
		state: 'ON',
		zip: 'K2P',
		desc: 'SHOPIFY* 123456789',
	},
	{
		name: 'OpenAI',
		country: 'US',
		city: 'San Francisco',
		state: 'CA',
		zip: '94110',
		desc: 'OPENAI *CHATGPT SUBSCR',
	},
	{
		name: 'Booking.com',
		country: 'NL',
		city: 'Amsterdam',
		state: 'NH',
		zip: '1017',
		desc: 'BOOKING.COM AMSTERDAM',
	},
];

// One in ten of each kind, so any 10 consecutive records hold every status and type.
const PATTERN = [
	'settled',
	'settled',
	'pending',
	'settled',
	'declined',
	'settled',
	'refund',
	'settled',
	'fee',
	'settled',
];

/**
 * n transactions for one card in a time window of their own. History only: balances do not change.
 * @param {import('./state').Store} store
 * @param {import('./state').Card} card
 * @param {number} n
 * @returns {{ from: string, to: string }}
 */
function generateTransactions(store, card, n) {
	const window = store.historyWindow(n, 'transactions');
	const rng = createRng(hash32(`tx:${card.cardId}:${window.index}`));
	const currency = card.cardCurrency;
	const money = (/** @type {number} */ amount) => ({ amount, currency });
	window.times.forEach((t, i) => {
		store.seq.transaction += 1;
		const seq = store.seq.transaction;
		const kind = PATTERN[i % PATTERN.length];
		const merchant = MERCHANTS[Math.floor(rng() * MERCHANTS.length)];
		const amount = kind === 'fee' ? round2(0.2 + rng() * 2) : round2(5 + rng() * 295);
		const settled = kind !== 'pending' && kind !== 'declined';
		const fee = kind === 'fee';
		store.state.transactions.push({
			_t: t,
			_seq: seq,
			_cardId: card.cardId,
			id: (hash32(`txid:${seq}`).toString(16).padStart(8, '0') + pad(seq, 16)).slice(0, 24),
			authTime: iso(t),
			settleTime: settled ? iso(t + 5 * 60 * 1000) : null,
			transAmount: money(amount),
			authAmount: money(amount),
			settledAmount: settled ? money(amount) : null,
			cardInfo: {
				cardId: card.cardId,
				maskedCardNumber: maskLastFour(card.cardNumber),
				cardCurrency: currency,
			},
			cardAlias: card.alias || null,
			authCode: kind === 'declined' ? null : pad(hash32(`auth:${seq}`) % 1000000, 6),
			merchantName: fee ? 'Cardepass' : merchant.name,
			merchantCountryCode: fee ? 'HK' : merchant.country,
			merchantCity: fee ? 'Hong Kong' : merchant.city,
			merchantState: fee ? 'HK' : merchant.state,
			merchantZipCode: fee ? '000000' : merchant.zip,
			merchantDesc: fee ? 'CROSS-BORDER TRANSACTION FEE' : merchant.desc,
			status: kind === 'pending' ? 'AuthSuccess' : kind === 'declined' ? 'AuthFailure' : 'Settled',
			fundsDirection: kind === 'refund' ? 'Income' : 'Expenditure',
			transactionType: kind === 'refund' ? 'ConsumeRefund' : fee ? 'TransFee' : 'Consume',
			failureReason: kind === 'declined' ? 'Insufficient available balance' : null,
			failureReasonCn: kind === 'declined' ? '可用余额不足' : null,
			note:
				kind === 'refund'
					? '消费退款'
					: fee
						? '交易手续费'
						: kind === 'declined'
							? '预授权失败'
							: '在线购物消费',
		});
	});
	return {
		from: /** @type {string} */ (iso(window.from)),
		to: /** @type {string} */ (iso(window.to)),
	};
}

/**
 * GET /v1/transactions (v1.4). transactionDateFrom/To required; cardId, transactionStatus optional;
 * pageSize 1..100 (default 20); pageCursor from the previous page; "None" marks the last page.
 * @param {import('./context').Context} ctx
 * @param {import('./context').ApiRequest} req
 */
function listTransactions(ctx, req) {
	const q = req.query;
	const range = dateRange(q, 'transactionDateFrom', 'transactionDateTo', true);
	const cardId = q.get('cardId');
	const status = q.get('transactionStatus');
	if (status !== undefined && !TRANSACTION_STATUSES.includes(status)) {
		throw invalidParam(
			'transactionStatus',
			`must be one of ${TRANSACTION_STATUSES.join(', ')}, got '${status}'`,
		);
	}
	const pageSize = q.int('pageSize', { def: DEFAULT_PAGE_SIZE, min: 1, max: MAX_PAGE_SIZE });
	const filter = String(
		hash32(JSON.stringify([cardId || null, range.from, range.to, status || null])),
	);

	const records = newestFirst(
		ctx.store.state.transactions.filter(
			(r) =>
				r._t >= /** @type {number} */ (range.from) &&
				r._t <= /** @type {number} */ (range.to) &&
				(cardId === undefined || r._cardId === cardId) &&
				(status === undefined || r.status === status),
		),
	);

	let start = 0;
	const cursor = q.get('pageCursor');
	if (cursor !== undefined) {
		if (cursor === LAST_PAGE)
			throw invalidParam(
				'pageCursor',
				`'${LAST_PAGE}' marks the last page; there is no next page to fetch`,
			);
		const position = decodeCursor(cursor);
		if (!position) throw invalidParam('pageCursor', 'is not a cursor this server issued');
		if (position.filter !== filter)
			throw invalidParam(
				'pageCursor',
				'belongs to a query with other filters (cardId, dates or status)',
			);
		const [t, seq] = position.key.split(':').map(Number);
		start = records.findIndex((r) => r._t < t || (r._t === t && r._seq < seq));
		if (start < 0) start = records.length;
	}
	const page = records.slice(start, start + pageSize);
	const last = page[page.length - 1];
	const more = start + pageSize < records.length;
	return {
		status: 200,
		body: ok({
			pageCursor:
				more && last ? encodeCursor({ key: `${last._t}:${last._seq}`, filter }) : LAST_PAGE,
			pageSize,
			data: page.map(publicView),
		}),
	};
}

module.exports = { generateTransactions, listTransactions, TRANSACTION_STATUSES };
