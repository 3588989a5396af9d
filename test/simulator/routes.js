'use strict';

const { ok, ApiError, failure } = require('./envelope');
const { Query } = require('./query');
const { listProducts } = require('./products');
const { getCard } = require('./cards');
const { placeOrder, SPECS } = require('./orders');
const { queryOrder } = require('./order-query');
const { balances, cardAccountLogs, accountLogs } = require('./accounts');
const { listTransactions } = require('./transactions');

/**
 * @typedef {object} Route
 * @property {string} method
 * @property {RegExp} pattern   matched against the path without /openapi, case-insensitively (as ASP.NET routes)
 * @property {(ctx: import('./context').Context, req: import('./context').ApiRequest) => import('./envelope').Reply} handler
 * @property {Array<import('./context').Revision>} [revisions]  absent = every revision
 */

/**
 * @param {string} path
 * @returns {RegExp}
 */
function exact(path) {
	return new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/?$`, 'i');
}

/** @type {Route[]} */
const ROUTES = [
	// v1.0 and v1.4 both document the ping answer as an envelope with errorMessage "Success".
	{
		method: 'GET',
		pattern: exact('/v1/ping'),
		handler: () => ({ status: 200, body: ok(null, 'Success') }),
	},
	{ method: 'GET', pattern: exact('/v1/products'), handler: (ctx) => listProducts(ctx) },
	{ method: 'GET', pattern: /^\/v1\/cards\/([^/]+)\/?$/i, handler: getCard },
	...Object.keys(SPECS).map((key) => ({
		method: 'POST',
		pattern: exact(`/v1/orders/${key}`),
		handler: (
			/** @type {import('./context').Context} */ ctx,
			/** @type {import('./context').ApiRequest} */ req,
		) => placeOrder(ctx, req, key),
	})),
	{
		method: 'GET',
		pattern: exact('/v1/orders/standard'),
		handler: (ctx, req) => queryOrder(ctx, req, 'Standard'),
	},
	{
		method: 'GET',
		pattern: exact('/v1/orders/sharebalance'),
		handler: (ctx, req) => queryOrder(ctx, req, 'ShareBalance'),
	},
	{ method: 'GET', pattern: exact('/v1/accounts'), handler: (ctx) => balances(ctx) },
	{ method: 'GET', pattern: exact('/v1/accounts/cardAccountLogs'), handler: cardAccountLogs },
	{ method: 'GET', pattern: exact('/v1/accounts/accountLogs'), handler: accountLogs },
	{
		method: 'GET',
		pattern: exact('/v1/transactions'),
		handler: listTransactions,
		revisions: ['1.4'],
	},
];

/**
 * Routes, authenticates and runs one /v1 request. Unknown paths answer 404 before any token check
 * (as ASP.NET routing does); a known path with another method answers 405.
 * @param {import('./context').Context} ctx
 * @param {{ method: string, path: string, params: URLSearchParams, contentType: string, body: any, bodyIsJson: boolean, bodyError: string | null, authorization: string | undefined }} http
 * @returns {import('./envelope').Reply}
 */
function dispatchApi(ctx, http) {
	const candidates = ROUTES.filter(
		(r) => (!r.revisions || r.revisions.includes(ctx.revision)) && r.pattern.test(http.path),
	);
	if (candidates.length === 0) {
		return {
			status: 404,
			body: failure(
				'404',
				`Not found: ${http.method} ${http.path} does not exist in API revision ${ctx.revision}`,
			),
		};
	}
	const route = candidates.find((r) => r.method === http.method);
	if (!route) {
		const allow = candidates.map((r) => r.method).join(', ');
		return {
			status: 405,
			body: failure('405', `Method ${http.method} is not allowed on ${http.path}; use ${allow}`),
			headers: { Allow: allow },
		};
	}
	try {
		ctx.tokens.check(http.authorization);
		const match = /** @type {RegExpExecArray} */ (route.pattern.exec(http.path));
		/** @type {import('./context').ApiRequest} */
		const req = {
			method: http.method,
			path: http.path,
			query: new Query(http.params),
			contentType: http.contentType,
			body: http.body,
			bodyIsJson: http.bodyIsJson,
			bodyError: http.bodyError,
			params: match.slice(1).map((p) => safeDecode(p)),
		};
		return route.handler(ctx, req);
	} catch (error) {
		if (error instanceof ApiError) return error.toReply();
		throw error;
	}
}

/** @param {string} text */
function safeDecode(text) {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

module.exports = { dispatchApi, ROUTES };
