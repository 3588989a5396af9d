'use strict';

const { Store } = require('./state');
const { TokenStore } = require('./auth');
const { FaultQueue } = require('./faults');

/**
 * @typedef {'1.0' | '1.4'} Revision
 */

/**
 * One parsed request as the API handlers see it.
 * @typedef {object} ApiRequest
 * @property {string} method
 * @property {string} path        without the /openapi prefix, as sent
 * @property {import('./query').Query} query
 * @property {string} contentType
 * @property {any} body           parsed JSON (or form object, or raw string)
 * @property {boolean} bodyIsJson  true when the body was sent as JSON and parsed
 * @property {string | null} bodyError   set when a JSON body could not be parsed
 * @property {string[]} params    route captures (e.g. the cardId)
 */

/**
 * @typedef {object} OrderStatuses
 * @property {string} processing
 * @property {string} completed
 * @property {string} failed
 */

/**
 * @typedef {object} ResolvedOptions
 * @property {Revision} revision
 * @property {number} port
 * @property {string} clientId
 * @property {string} clientSecret
 * @property {number} tokenTtlSeconds
 * @property {number} latencyMs
 * @property {'immediate' | { afterMs: number }} orderCompletion
 * @property {{ accountLogs: number, cardLogs: number, transactions: number }} seed
 * @property {{ maxConcurrent: number } | undefined} rateLimit
 * @property {() => number} now
 * @property {number | undefined} historyEnd
 * @property {200 | 404} cardNotFoundStatus
 * @property {200 | 400 | 409} duplicateOrderStatus
 * @property {'DUPLICATE_ORDER' | 'generic'} duplicateRefusal
 * @property {200 | 400 | 404} orderNotFoundStatus
 * @property {'documented' | 'extended'} orderViews
 * @property {number} withdrawFee
 * @property {OrderStatuses} orderStatuses
 */

const REVISIONS = Object.freeze(['1.0', '1.4']);

/** @param {unknown} revision @returns {Revision} */
function checkRevision(revision) {
	if (revision !== '1.0' && revision !== '1.4') {
		throw new Error(`revision must be '1.0' or '1.4', got ${JSON.stringify(revision)}`);
	}
	return revision;
}

/**
 * Everything one simulator instance shares between its modules.
 */
class Context {
	/** @param {ResolvedOptions} options */
	constructor(options) {
		this.options = options;
		/** @type {Revision} */
		this.revision = options.revision;
		this.clockOffset = 0;
		this.store = new Store(options.historyEnd);
		this.tokens = new TokenStore({
			clientId: options.clientId,
			clientSecret: options.clientSecret,
			ttlSeconds: options.tokenTtlSeconds,
			now: () => this.now(),
		});
		this.faults = new FaultQueue();
		/** Queued forced failures for accepted orders (failNextOrder). */
		this.orderFailures = new FaultQueue();
		/** @type {Set<NodeJS.Timeout>} */
		this.timers = new Set();
		this.closed = false;
	}

	/** Epoch ms on the simulator's clock (injectable, and advanceable for token-expiry tests). */
	now() {
		return this.options.now() + this.clockOffset;
	}

	/**
	 * A tracked timer: close() clears every one of them.
	 * @param {() => void} fn
	 * @param {number} ms
	 */
	schedule(fn, ms) {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			if (!this.closed) fn();
		}, ms);
		this.timers.add(timer);
		return timer;
	}

	/**
	 * Resolves after ms (never, once the simulator is closed).
	 * @param {number} ms
	 * @returns {Promise<void>}
	 */
	sleep(ms) {
		if (!ms || ms <= 0) return Promise.resolve();
		return new Promise((resolve) => this.schedule(resolve, ms));
	}

	clearTimers() {
		this.closed = true;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
	}
}

module.exports = { Context, REVISIONS, checkRevision };
