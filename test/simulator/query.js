'use strict';

const { invalidParam } = require('./envelope');

/**
 * Query parameters as the provider's server binds them: names match without regard to case.
 * A handler asks only for the names its revision documents, so the other revision's names are
 * simply never read (ignored), as an ASP.NET model binder would.
 */
class Query {
	/** @param {URLSearchParams} params */
	constructor(params) {
		/** @type {Map<string, string>} */
		this.byLowerName = new Map();
		for (const [name, value] of params) {
			const key = name.toLowerCase();
			if (!this.byLowerName.has(key)) this.byLowerName.set(key, value);
		}
	}

	/**
	 * The value, or undefined when absent or empty (an empty value binds to null in ASP.NET).
	 * @param {string} name
	 * @returns {string | undefined}
	 */
	get(name) {
		const value = this.byLowerName.get(name.toLowerCase());
		return value === undefined || value === '' ? undefined : value;
	}

	/**
	 * @param {string} name
	 * @param {{ def: number, min: number, max?: number }} rule
	 */
	int(name, rule) {
		const raw = this.get(name);
		if (raw === undefined) return rule.def;
		if (!/^[+-]?\d+$/.test(raw.trim()))
			throw invalidParam(name, `must be a whole number, got '${raw}'`);
		const value = Number(raw);
		if (value < rule.min) throw invalidParam(name, `must be at least ${rule.min}, got ${value}`);
		if (rule.max !== undefined && value > rule.max)
			throw invalidParam(name, `must be at most ${rule.max}, got ${value}`);
		return value;
	}

	/**
	 * An ISO 8601 date or date-time; without a zone it is taken as UTC.
	 * @param {string} name
	 * @returns {number | undefined}  epoch ms
	 */
	date(name) {
		const raw = this.get(name);
		if (raw === undefined) return undefined;
		return parseIsoDate(name, raw);
	}
}

const ISO_DATE =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * @param {string} name
 * @param {string} raw
 */
function parseIsoDate(name, raw) {
	const m = ISO_DATE.exec(raw.trim());
	if (!m)
		throw invalidParam(
			name,
			`must be an ISO 8601 date-time such as 2025-01-31T23:59:59Z, got '${raw}'`,
		);
	const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
	const text = `${y}-${mo}-${d}T${h}:${mi}:${s}${frac ? '.' + frac.slice(0, 3).padEnd(3, '0') : ''}${zone.length === 5 ? zone.slice(0, 3) + ':' + zone.slice(3) : zone}`;
	const ms = Date.parse(text);
	// Date.parse rolls 2025-02-30 over to March; a real binder refuses it.
	if (
		Number.isNaN(ms) ||
		new Date(Date.UTC(+y, +mo - 1, +d)).getUTCDate() !== +d ||
		+h > 23 ||
		+mi > 59 ||
		+s > 59
	) {
		throw invalidParam(name, `is not a valid date-time: '${raw}'`);
	}
	return ms;
}

/**
 * Reads a from/to pair and refuses from > to.
 * @param {Query} query
 * @param {string} fromName
 * @param {string} toName
 * @param {boolean} required
 */
function dateRange(query, fromName, toName, required) {
	const from = query.date(fromName);
	const to = query.date(toName);
	if (required && from === undefined) throw invalidParam(fromName, 'is required');
	if (required && to === undefined) throw invalidParam(toName, 'is required');
	if (from !== undefined && to !== undefined && from > to) {
		throw invalidParam(fromName, `must not be later than ${toName}`);
	}
	return { from, to };
}

/**
 * The raw query as sent (names as sent; a repeated name becomes an array), for request records.
 * @param {URLSearchParams} params
 * @returns {Record<string, string | string[]>}
 */
function rawQuery(params) {
	/** @type {Record<string, string | string[]>} */
	const out = {};
	for (const [name, value] of params) {
		const prev = out[name];
		if (prev === undefined) out[name] = value;
		else out[name] = Array.isArray(prev) ? [...prev, value] : [prev, value];
	}
	return out;
}

module.exports = { Query, parseIsoDate, dateRange, rawQuery };
