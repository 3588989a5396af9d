'use strict';

/**
 * The three page shapes the documents use. Each takes the full, filtered, ordered list.
 */

/**
 * v1.0 cardAccountLogs: PageNumber (1-based) and PageSize.
 * @template T
 * @param {T[]} items
 * @param {number} pageNumber
 * @param {number} pageSize
 */
function pageNumberPage(items, pageNumber, pageSize) {
	const start = (pageNumber - 1) * pageSize;
	return {
		totalPages: Math.ceil(items.length / pageSize),
		totalRecords: items.length,
		data: items.slice(start, start + pageSize),
		pageNumber,
		pageSize,
	};
}

/**
 * v1.0 accountLogs: Limit and Offset (records to skip). pageNumber is the page the offset falls in.
 * @template T
 * @param {T[]} items
 * @param {number} limit
 * @param {number} offset
 */
function offsetPage(items, limit, offset) {
	return {
		pageNumber: Math.floor(offset / limit) + 1,
		pageSize: limit,
		totalRecords: items.length,
		totalPages: Math.ceil(items.length / limit),
		data: items.slice(offset, offset + limit),
	};
}

/**
 * v1.4 both log endpoints: pageIndex (1-based) and pageSize.
 * @template T
 * @param {T[]} items
 * @param {number} pageIndex
 * @param {number} pageSize
 */
function pageIndexPage(items, pageIndex, pageSize) {
	const start = (pageIndex - 1) * pageSize;
	return {
		pageIndex,
		pageSize,
		totalCount: items.length,
		totalPages: Math.ceil(items.length / pageSize),
		items: items.slice(start, start + pageSize),
	};
}

const LAST_PAGE = 'None';

/**
 * v1.4 transactions: an opaque cursor naming the last record returned and the query it belongs to.
 * @param {{ key: string, filter: string }} position
 */
function encodeCursor(position) {
	return Buffer.from(JSON.stringify({ k: position.key, f: position.filter })).toString('base64url');
}

/**
 * @param {string} cursor
 * @returns {{ key: string, filter: string } | null}
 */
function decodeCursor(cursor) {
	try {
		const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
		if (value && typeof value.k === 'string' && typeof value.f === 'string')
			return { key: value.k, filter: value.f };
	} catch {
		// fall through
	}
	return null;
}

module.exports = {
	pageNumberPage,
	offsetPage,
	pageIndexPage,
	encodeCursor,
	decodeCursor,
	LAST_PAGE,
};
