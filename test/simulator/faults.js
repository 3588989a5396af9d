'use strict';

const { createRng } = require('./util');

const FAULT_KINDS = Object.freeze([
	'status',
	'businessError',
	'dropAfterCommit',
	'dropBeforeCommit',
	'delay',
	'malformedJson',
	'html',
	'revokeTokens',
	'expireToken',
	'stripFields',
]);

/**
 * method and path (the path without the /openapi prefix: a string must equal it, a RegExp must match);
 * any further key (failNextOrder: orderType, cardId, cardModel, …) must equal the subject's value.
 * @typedef {Record<string, any> & { method?: string, path?: string | RegExp }} FaultMatch
 */

/**
 * A queued rule: the spec given plus its counters. The object handed back to the caller is the live
 * entry, so `hits` stays current.
 * @typedef {Record<string, any> & { hits: number, times: number, skip: number, probability: number | undefined,
 *   match: FaultMatch | undefined, cancel: () => void, rng?: () => number }} FaultHandle
 */

/**
 * A FIFO of rules that fire on matching requests: `skip` lets the first N matches pass, `times` bounds
 * how often it fires (Infinity allowed), `probability` fires it by chance with a seeded RNG.
 * Used for HTTP faults and for forced order failures.
 */
class FaultQueue {
	constructor() {
		/** @type {FaultHandle[]} */
		this.active = [];
	}

	/**
	 * @param {Record<string, any>} spec
	 * @returns {FaultHandle}
	 */
	add(spec) {
		const times = spec.times === undefined ? 1 : spec.times;
		if (!(times === Infinity || (Number.isInteger(times) && times >= 1)))
			throw new Error('times must be a whole number >= 1 or Infinity');
		const skip = spec.skip === undefined ? 0 : spec.skip;
		if (!Number.isInteger(skip) || skip < 0) throw new Error('skip must be a whole number >= 0');
		if (spec.probability !== undefined && !(spec.probability >= 0 && spec.probability <= 1)) {
			throw new Error('probability must be between 0 and 1');
		}
		/** @type {FaultHandle} */
		const entry = {
			...spec,
			hits: 0,
			times,
			skip,
			probability: spec.probability,
			match: spec.match,
			cancel: () => {
				this.active = this.active.filter((e) => e !== entry);
			},
		};
		if (spec.probability !== undefined)
			entry.rng = createRng(spec.seed === undefined ? 1 : spec.seed);
		this.active.push(entry);
		return entry;
	}

	/**
	 * The first rule that fires for this subject, or null. Consumes skip counts and times.
	 * @param {Record<string, any>} subject  at least { method, path }
	 * @param {{ onlyIfPathNamed?: boolean }} [opts]  onlyIfPathNamed: only rules whose match names a path
	 *   apply (token requests: a fault meant for "the next call" must not hit the token fetch before it)
	 */
	take(subject, opts = {}) {
		for (const entry of this.active) {
			if (opts.onlyIfPathNamed && !(entry.match && entry.match.path !== undefined)) continue;
			if (!matches(entry.match, subject)) continue;
			if (entry.skip > 0) {
				entry.skip -= 1;
				continue;
			}
			if (entry.rng && entry.rng() >= /** @type {number} */ (entry.probability)) continue;
			entry.hits += 1;
			if (entry.hits >= entry.times) entry.cancel();
			return entry;
		}
		return null;
	}

	clear() {
		this.active = [];
	}
}

/**
 * @param {FaultMatch | undefined} match
 * @param {Record<string, any>} subject
 */
function matches(match, subject) {
	if (!match) return true;
	for (const [key, expected] of Object.entries(match)) {
		if (expected === undefined) continue;
		const actual = subject[key];
		if (key === 'method') {
			if (String(actual).toUpperCase() !== String(expected).toUpperCase()) return false;
		} else if (expected instanceof RegExp) {
			if (typeof actual !== 'string' || !expected.test(actual)) return false;
		} else if (actual !== expected) {
			return false;
		}
	}
	return true;
}

/**
 * Checks an inject() spec early so a typo fails the test that wrote it, not some later request.
 * @param {Record<string, any>} spec
 */
function validateFault(spec) {
	if (!spec || typeof spec !== 'object') throw new Error('inject() needs a fault object');
	if (!FAULT_KINDS.includes(spec.kind))
		throw new Error(
			`unknown fault kind ${JSON.stringify(spec.kind)}; one of ${FAULT_KINDS.join(', ')}`,
		);
	if (
		spec.kind === 'status' &&
		!(Number.isInteger(spec.status) && spec.status >= 100 && spec.status <= 599)
	) {
		throw new Error("fault kind 'status' needs an HTTP status");
	}
	if (spec.kind === 'businessError' && typeof spec.errorCode !== 'string')
		throw new Error("fault kind 'businessError' needs an errorCode");
	if (spec.kind === 'delay' && !(typeof spec.ms === 'number' && spec.ms >= 0))
		throw new Error("fault kind 'delay' needs ms");
}

module.exports = { FaultQueue, FAULT_KINDS, validateFault, matches };
