'use strict';

/**
 * The Cardepass simulator: a real HTTP server on 127.0.0.1 that answers as the provider's v1.0 or
 * v1.4 documents describe. See README.md beside this file.
 */

const { Context, checkRevision } = require('./context');
const { createServer } = require('./server');
const { validateFault, matches } = require('./faults');
const { generateAccountLogs, generateCardLogs } = require('./logs');
const { generateTransactions } = require('./transactions');
const seed = require('./seed');
const { FEES } = require('./fees');
const { LIMITS } = require('./validate');
const { ORDER_TYPES } = require('./orders');
const { POST_ORDER_TYPE } = require('./order-views');
const { BUSINESS_ERRORS } = require('./envelope');
const { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } = require('./accounts');
const { FAULT_KINDS } = require('./faults');
const { TRANSACTION_STATUSES } = require('./transactions');
const webhooks = require('./webhooks');

/**
 * @typedef {object} SimulatorOptions
 * @property {'1.0' | '1.4'} [revision]          default '1.0'
 * @property {number} [port]                     default 0 (any free port); the host is always 127.0.0.1
 * @property {string} [clientId]                 default 'sandbox-client'
 * @property {string} [clientSecret]             default 'sandbox-secret'
 * @property {number} [tokenTtlSeconds]          default 3600
 * @property {number} [latencyMs]                default 0; added to every answer
 * @property {'immediate' | { afterMs: number }} [orderCompletion]  default 'immediate'
 * @property {{ accountLogs?: number, cardLogs?: number, transactions?: number }} [seed]
 *   extra generated records: accountLogs, cardLogs (spread over the seeded standard cards),
 *   transactions (per seeded card that is not cancelled); all default 0
 * @property {number} [historyEnd]               epoch ms; generated history lies before it (default 2025-01-01;
 *   the sandbox passes the current time so that "yesterday" has records)
 * @property {{ maxConcurrent: number }} [rateLimit]  more concurrent requests than this get HTTP 429
 * @property {() => number} [now]                clock in epoch ms (default Date.now)
 * @property {200 | 404} [cardNotFoundStatus]    HTTP status of CARD_NOT_FOUND on GET /v1/cards/{id}; default 200
 * @property {200 | 400 | 409} [duplicateOrderStatus] HTTP status of DUPLICATE_ORDER; default 200
 * @property {'DUPLICATE_ORDER' | 'generic'} [duplicateRefusal] how a repeated customerOrderNo is refused: the draft's DUPLICATE_ORDER (default), or HTTP 400 with the generic errorCode "400" and a Chinese message
 * @property {200 | 400 | 404} [orderNotFoundStatus]  HTTP status of ORDER_NOT_FOUND (v1.0 order query); default 200
 * @property {number} [withdrawFee]             the fee a standard card pays on top of a withdrawal; default 1 (fees.js).
 *   The documents' v1.0 example shows 0: with 0, a withdrawal of the whole balance empties the card
 * @property {'documented' | 'extended'} [orderViews] order answers: exactly the documents' fields (default), or with the extra fields listed in the README
 * @property {{ processing?: string, completed?: string, failed?: string }} [orderStatuses]
 *   order status names; default Processing / Completed / Failed (the v1.4 document also uses Pending and Failure)
 * @property {{ url?: string, secret?: string, retries?: number, retryDelayMs?: number }} [webhook]
 *   where card payments send signed CardPay notifications (see webhooks.js); secret default 'sandbox-webhook-secret'
 */

/**
 * @typedef {object} FaultSpec
 * @property {'status' | 'businessError' | 'dropAfterCommit' | 'dropBeforeCommit' | 'delay' | 'malformedJson' | 'html' | 'revokeTokens' | 'expireToken' | 'stripFields'} kind
 * @property {{ method?: string, path?: string | RegExp }} [match]
 * @property {number} [times]        default 1; Infinity allowed
 * @property {number} [skip]         let the first N matching requests pass
 * @property {number} [probability]  0..1, drawn from a seeded RNG
 * @property {number} [seed]         RNG seed for probability (default 1)
 * @property {number} [status]       'status' (required) and 'html'/'malformedJson' (optional)
 * @property {number} [retryAfter]   'status': seconds, sets Retry-After
 * @property {any} [body]            'status'/'html': replaces the default body
 * @property {string} [contentType]  'status': content type of a string body
 * @property {Record<string, string>} [headers]  'status': extra headers
 * @property {string} [errorCode]    'businessError' (required)
 * @property {string} [errorMessage] 'businessError'
 * @property {number} [httpStatus]   'businessError' (default 200)
 * @property {number} [ms]           'delay' (required)
 * @property {string[]} [fields]     'stripFields': top-level fields of the answer's data to leave out
 */

/**
 * @typedef {object} RequestFilter
 * @property {string} [method]
 * @property {string | RegExp} [path]
 */

/**
 * Starts a simulator and resolves once it listens.
 * @param {SimulatorOptions} [options]
 */
async function startSimulator(options = {}) {
	const ctx = new Context(resolveOptions(options));
	const seedCounts = ctx.options.seed;
	if (seedCounts.accountLogs > 0) generateAccountLogs(ctx.store, seedCounts.accountLogs);
	if (seedCounts.cardLogs > 0)
		generateCardLogs(ctx.store, seededStandardCards(ctx), seedCounts.cardLogs);
	if (seedCounts.transactions > 0) {
		for (const card of ctx.store.state.cards.values()) {
			if (card.status !== 'Cancel') generateTransactions(ctx.store, card, seedCounts.transactions);
		}
	}

	const { server, records, sockets, metrics } = createServer(ctx);
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(ctx.options.port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve(undefined);
		});
	});
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	const port = address.port;
	let closing = /** @type {Promise<void> | null} */ (null);

	const sim = {
		/** 'http://127.0.0.1:PORT/openapi' */
		baseUrl: `http://127.0.0.1:${port}/openapi`,
		port,
		clientId: ctx.options.clientId,
		clientSecret: ctx.options.clientSecret,

		/** Every request received, in order of arrival. */
		get requests() {
			return records;
		},
		clearRequests() {
			records.length = 0;
		},
		/** Number of requests to /connect/token. */
		tokenRequests() {
			return records.filter((r) => r.method === 'POST' && isTokenPath(r.path)).length;
		},
		/**
		 * Requests other than the token endpoint, optionally filtered by method and path (string or RegExp).
		 * @param {RequestFilter} [filter]
		 */
		apiRequests(filter) {
			return records.filter((r) => !isTokenPath(r.path) && matches(filter, r));
		},

		/** Highest number of requests in flight at once (token requests included) since start or resetMetrics(). */
		get maxConcurrent() {
			return metrics.maxConcurrent;
		},
		get inFlight() {
			return metrics.inFlight;
		},
		resetMetrics() {
			metrics.maxConcurrent = metrics.inFlight;
		},

		/** Every token issued so far answers 401 from now on. */
		revokeTokens() {
			ctx.tokens.revokeAll();
		},
		/**
		 * Moves the simulator's clock forward (token expiry, timestamps of new records).
		 * @param {number} ms
		 */
		advanceClock(ms) {
			ctx.clockOffset += ms;
		},
		now() {
			return ctx.now();
		},

		/** The live state, for assertions. */
		get state() {
			return ctx.store.state;
		},
		/**
		 * A copy of the card (share-balance cards: balanceAmount is what they can spend now), or undefined.
		 * @param {string} cardId
		 */
		getCard(cardId) {
			const card = ctx.store.card(cardId);
			return card ? { ...card, balanceAmount: ctx.store.availableBalance(card) } : undefined;
		},
		/**
		 * Accepted orders, optionally those whose fields equal the filter's (path may be a RegExp).
		 * @param {Record<string, any>} [filter]
		 * @returns {import('./orders').Order[]}
		 */
		getOrders(filter) {
			return ctx.store.state.orders.filter((o) => matches(filter, o));
		},
		/**
		 * Fund-account balance of a currency (0 when the account has none).
		 * @param {string} currency
		 */
		getBalance(currency) {
			return ctx.store.balance(currency);
		},

		get revision() {
			return ctx.revision;
		},
		/** @param {'1.0' | '1.4'} revision */
		setRevision(revision) {
			ctx.revision = checkRevision(revision);
		},

		/**
		 * Queues a fault; the handle's `hits` counts how often it fired.
		 * @param {FaultSpec} fault
		 */
		inject(fault) {
			validateFault(fault);
			return ctx.faults.add(fault);
		},
		clearFaults() {
			ctx.faults.clear();
			ctx.orderFailures.clear();
		},
		/**
		 * The next accepted order (matching `match`: method, path, orderType, cardModel, cardId, productCode,
		 * cardCurrency, customerOrderNo) ends Failed with this failureReason; its money is given back.
		 * @param {{ reason?: string, match?: Record<string, any>, times?: number }} [spec]
		 */
		failNextOrder(spec = {}) {
			return ctx.orderFailures.add({
				reason: spec.reason || 'Card issuer declined',
				match: spec.match,
				times: spec.times,
			});
		},

		/**
		 * n extra account-log records in a date range of their own; returns that range (ISO strings).
		 * @param {number} n
		 */
		addAccountLogs(n) {
			return generateAccountLogs(ctx.store, checkCount(n));
		},
		/**
		 * n extra card-log records for a card in a date range of their own; returns that range.
		 * @param {string} cardId
		 * @param {number} n
		 */
		addCardLogs(cardId, n) {
			return generateCardLogs(ctx.store, [requireCard(ctx, cardId)], checkCount(n));
		},
		/**
		 * n transactions for a card in a date range of their own; returns that range, so a query
		 * with transactionDateFrom/To = from/to finds exactly these n.
		 * @param {string} cardId
		 * @param {number} n
		 */
		addTransactions(cardId, n) {
			return generateTransactions(ctx.store, requireCard(ctx, cardId), checkCount(n));
		},

		/** Closes the server, every open socket and every pending timer. */
		close() {
			if (!closing) {
				ctx.clearTimers();
				closing = new Promise((resolve) => {
					server.close(() => resolve());
					for (const socket of sockets) socket.destroy();
					server.closeAllConnections();
				});
			}
			return closing;
		},
	};
	// configureWebhook, cardPayment, sendNotification, resend, webhookDeliveries, … (webhooks.js)
	Object.defineProperties(
		sim,
		Object.getOwnPropertyDescriptors(webhooks.createWebhooks(ctx, options.webhook)),
	);
	return sim;
}

/** @param {SimulatorOptions} options @returns {import('./context').ResolvedOptions} */
function resolveOptions(options) {
	const completion = options.orderCompletion === undefined ? 'immediate' : options.orderCompletion;
	if (
		completion !== 'immediate' &&
		!(completion && typeof completion.afterMs === 'number' && completion.afterMs >= 0)
	) {
		throw new Error("orderCompletion must be 'immediate' or { afterMs: number }");
	}
	if (
		options.rateLimit &&
		!(Number.isInteger(options.rateLimit.maxConcurrent) && options.rateLimit.maxConcurrent >= 1)
	) {
		throw new Error('rateLimit.maxConcurrent must be a whole number >= 1');
	}
	const seedOpt = options.seed || {};
	return {
		revision: checkRevision(options.revision === undefined ? '1.0' : options.revision),
		port: options.port === undefined ? 0 : options.port,
		clientId: options.clientId || seed.CLIENT.clientId,
		clientSecret: options.clientSecret || seed.CLIENT.clientSecret,
		tokenTtlSeconds: options.tokenTtlSeconds === undefined ? 3600 : options.tokenTtlSeconds,
		latencyMs: options.latencyMs || 0,
		orderCompletion: completion,
		seed: {
			accountLogs: checkCount(seedOpt.accountLogs || 0),
			cardLogs: checkCount(seedOpt.cardLogs || 0),
			transactions: checkCount(seedOpt.transactions || 0),
		},
		rateLimit: options.rateLimit,
		now: options.now || Date.now,
		historyEnd: options.historyEnd,
		cardNotFoundStatus: options.cardNotFoundStatus === 404 ? 404 : 200,
		duplicateOrderStatus: oneOf(
			'duplicateOrderStatus',
			options.duplicateOrderStatus,
			[200, 400, 409],
		),
		duplicateRefusal: oneOf('duplicateRefusal', options.duplicateRefusal, [
			'DUPLICATE_ORDER',
			'generic',
		]),
		orderNotFoundStatus: oneOf('orderNotFoundStatus', options.orderNotFoundStatus, [200, 400, 404]),
		orderViews: oneOf('orderViews', options.orderViews, ['documented', 'extended']),
		withdrawFee: checkFee(options.withdrawFee),
		orderStatuses: {
			processing: 'Processing',
			completed: 'Completed',
			failed: 'Failed',
			...(options.orderStatuses || {}),
		},
	};
}

/** @param {unknown} fee @returns {number} */
function checkFee(fee) {
	if (fee === undefined) return FEES.withdraw;
	if (typeof fee !== 'number' || !Number.isFinite(fee) || fee < 0) {
		throw new Error(`withdrawFee must be a number >= 0, got ${JSON.stringify(fee)}`);
	}
	return fee;
}

/**
 * The option's value, or the first allowed one when it is not given.
 * @template T
 * @param {string} name
 * @param {T | undefined} value
 * @param {T[]} allowed
 * @returns {T}
 */
function oneOf(name, value, allowed) {
	if (value === undefined) return allowed[0];
	if (!allowed.includes(value))
		throw new Error(
			`${name} must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(value)}`,
		);
	return value;
}

/** @param {number} n */
function checkCount(n) {
	if (!Number.isInteger(n) || n < 0) throw new Error(`count must be a whole number >= 0, got ${n}`);
	return n;
}

/** @param {string} path */
function isTokenPath(path) {
	return /^\/connect\/token\/?$/i.test(path);
}

/**
 * @param {Context} ctx
 * @param {string} cardId
 */
function requireCard(ctx, cardId) {
	const card = ctx.store.card(cardId);
	if (!card) throw new Error(`unknown card ${cardId}`);
	return card;
}

/** @param {Context} ctx */
function seededStandardCards(ctx) {
	return seed.CARDS.filter((c) => c.cardModel === 'Standard').map((c) =>
		requireCard(ctx, c.cardId),
	);
}

module.exports = {
	startSimulator,
	seed,
	FEES,
	LIMITS,
	ORDER_TYPES,
	POST_ORDER_TYPE,
	BUSINESS_ERRORS,
	FAULT_KINDS,
	TRANSACTION_STATUSES,
	webhooks: {
		DEFAULT_WEBHOOK_SECRET: webhooks.DEFAULT_WEBHOOK_SECRET,
		VARIANTS: webhooks.VARIANTS,
		sign: webhooks.sign,
		cardPayData: webhooks.cardPayData,
		encodeNotification: webhooks.encodeNotification,
		postNotification: webhooks.postNotification,
	},
	PAGE_SIZE: Object.freeze({
		default: DEFAULT_PAGE_SIZE,
		max: MAX_PAGE_SIZE,
		transactionsDefault: 20,
	}),
};
