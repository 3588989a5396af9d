'use strict';

const { ok } = require('./envelope');
const { dateRange } = require('./query');
const { newestFirst, publicView } = require('./logs');
const { pageNumberPage, offsetPage, pageIndexPage } = require('./pagination');

const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 100;

/** GET /v1/accounts @param {import('./context').Context} ctx */
function balances(ctx) {
	const data = Object.entries(ctx.store.state.accounts).map(([currency, amount]) => ({
		currency,
		amount,
	}));
	return { status: 200, body: ok(data) };
}

/**
 * @template {{ _t: number }} T
 * @param {T[]} records
 * @param {{ from?: number, to?: number }} range
 */
function inRange(records, range) {
	return records.filter(
		(r) =>
			(range.from === undefined || r._t >= range.from) &&
			(range.to === undefined || r._t <= range.to),
	);
}

/** A page with its records stripped of internal fields; only the page's records, so long logs stay fast. */
function publicPage(page) {
	const key = Array.isArray(page.items) ? 'items' : 'data';
	return { ...page, [key]: page[key].map(publicView) };
}

/**
 * GET /v1/accounts/cardAccountLogs
 * v1.0: CardId, TransactionDateFrom/To, PageNumber, PageSize → {totalPages, totalRecords, data, pageNumber, pageSize}
 * v1.4: cardId, transactionDateFrom/To, pageIndex, pageSize → {pageIndex, pageSize, totalCount, totalPages, items}
 * @param {import('./context').Context} ctx
 * @param {import('./context').ApiRequest} req
 */
function cardAccountLogs(ctx, req) {
	const q = req.query;
	const v14 = ctx.revision === '1.4';
	const range = v14
		? dateRange(q, 'transactionDateFrom', 'transactionDateTo', false)
		: dateRange(q, 'TransactionDateFrom', 'TransactionDateTo', false);
	const cardId = q.get(v14 ? 'cardId' : 'CardId');
	let records = inRange(ctx.store.state.cardLogs, range);
	if (cardId !== undefined) records = records.filter((r) => r._cardId === cardId);
	const items = newestFirst(records);
	if (v14) {
		const pageIndex = q.int('pageIndex', { def: 1, min: 1 });
		const pageSize = q.int('pageSize', { def: DEFAULT_PAGE_SIZE, min: 1, max: MAX_PAGE_SIZE });
		return { status: 200, body: ok(publicPage(pageIndexPage(items, pageIndex, pageSize))) };
	}
	const pageNumber = q.int('PageNumber', { def: 1, min: 1 });
	const pageSize = q.int('PageSize', { def: DEFAULT_PAGE_SIZE, min: 1, max: MAX_PAGE_SIZE });
	return { status: 200, body: ok(publicPage(pageNumberPage(items, pageNumber, pageSize))) };
}

/**
 * GET /v1/accounts/accountLogs
 * v1.0: TransactionDateFrom/To, Limit, Offset → {pageNumber, pageSize, totalRecords, totalPages, data}
 * v1.4: transactionDateFrom/To, pageIndex, pageSize → {pageIndex, pageSize, totalCount, totalPages, items}
 * @param {import('./context').Context} ctx
 * @param {import('./context').ApiRequest} req
 */
function accountLogs(ctx, req) {
	const q = req.query;
	const v14 = ctx.revision === '1.4';
	const range = v14
		? dateRange(q, 'transactionDateFrom', 'transactionDateTo', false)
		: dateRange(q, 'TransactionDateFrom', 'TransactionDateTo', false);
	const items = newestFirst(inRange(ctx.store.state.accountLogs, range));
	if (v14) {
		const pageIndex = q.int('pageIndex', { def: 1, min: 1 });
		const pageSize = q.int('pageSize', { def: DEFAULT_PAGE_SIZE, min: 1, max: MAX_PAGE_SIZE });
		return { status: 200, body: ok(publicPage(pageIndexPage(items, pageIndex, pageSize))) };
	}
	const limit = q.int('Limit', { def: DEFAULT_PAGE_SIZE, min: 1, max: MAX_PAGE_SIZE });
	const offset = q.int('Offset', { def: 0, min: 0 });
	return { status: 200, body: ok(publicPage(offsetPage(items, limit, offset))) };
}

module.exports = { balances, cardAccountLogs, accountLogs, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };
