'use strict';

// The floor for the export: a plain HTTP client loop (Node's fetch, keep-alive, one token) reading the
// v1.4 fund-log pages one after another, keeping every record in memory as n8n does.

const { directToken } = require('../e2e/simulator-access');
const { PAGE_SIZE } = require('./export-workflows');

/**
 * Reads the range's fund logs: every page until the answer's totalPages, or only the pages that hold
 * `limit` records.
 * @returns {Promise<{ ms: number, records: object[] }>}
 */
async function rawFundLogs(sim, { range, limit }) {
	const started = process.hrtime.bigint();
	const token = await directToken(sim);
	const pageSize = limit === undefined ? PAGE_SIZE : Math.min(PAGE_SIZE, limit);
	const records = [];
	for (let pageIndex = 1; ; pageIndex++) {
		const query = new URLSearchParams({
			transactionDateFrom: range.from,
			transactionDateTo: range.to,
			pageIndex: String(pageIndex),
			pageSize: String(pageSize),
		});
		const response = await fetch(`${sim.baseUrl}/v1/accounts/accountLogs?${query}`, {
			headers: { authorization: `Bearer ${token}` },
		});
		const body = await response.json();
		if (!response.ok || body.hasError)
			throw new Error(`fund-log page ${pageIndex}: HTTP ${response.status} ${body.errorMessage}`);
		const page = body.data;
		records.push(...page.items);
		if (limit !== undefined && records.length >= limit) {
			records.length = limit;
			break;
		}
		if (page.items.length === 0 || pageIndex >= page.totalPages) break;
	}
	return { ms: Number(process.hrtime.bigint() - started) / 1e6, records };
}

module.exports = { rawFundLogs };
