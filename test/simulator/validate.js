'use strict';

const { ApiError, invalidParam } = require('./envelope');
const { hasAtMostDecimals } = require('./util');

/** Chosen limits where the documents give none. */
const LIMITS = Object.freeze({
	customerOrderNoMaxLength: 32,
	cardAliasMaxLength: 64,
	cardIdMaxLength: 64,
});

/**
 * The JSON object body of an order request, or a 415/400 envelope.
 * @param {import('./context').ApiRequest} req
 * @returns {Record<string, any>}
 */
function jsonObjectBody(req) {
	if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(req.contentType)) {
		throw new ApiError(
			415,
			'415',
			`Unsupported media type '${req.contentType || '(none)'}': send the body as application/json`,
		);
	}
	if (req.bodyError) throw invalidParam('body', `is not valid JSON: ${req.bodyError}`);
	if (req.body === undefined || req.body === '' || req.body === null)
		throw invalidParam('body', 'is required (a JSON object)');
	if (typeof req.body !== 'object' || Array.isArray(req.body))
		throw invalidParam('body', 'must be a JSON object');
	return req.body;
}

/**
 * @param {Record<string, any>} body
 * @param {string} name
 * @param {{ required?: boolean, max?: number, pattern?: RegExp, patternText?: string }} rule
 * @returns {string | undefined}
 */
function stringField(body, name, rule) {
	const value = body[name];
	if (value === undefined || value === null || value === '') {
		if (rule.required) throw invalidParam(name, 'is required');
		return undefined;
	}
	if (typeof value !== 'string')
		throw invalidParam(name, `must be a string, got ${typeName(value)}`);
	if (rule.required && value.trim() === '') throw invalidParam(name, 'must not be blank');
	if (rule.max !== undefined && value.length > rule.max) {
		throw invalidParam(name, `must be at most ${rule.max} characters, got ${value.length}`);
	}
	if (rule.pattern && !rule.pattern.test(value))
		throw invalidParam(name, `${rule.patternText || 'has an invalid format'}, got '${value}'`);
	return value;
}

/**
 * A decimal amount: a JSON number, or a numeric string such as "10" (the provider's quick start sends
 * strings), with at most 2 decimals.
 * @param {Record<string, any>} body
 * @param {string} name
 * @param {{ required?: boolean, nullable?: boolean, min?: number, minExclusive?: boolean, integer?: boolean, integerWhy?: string }} rule
 * @returns {number | undefined | null}  undefined when absent; null when nullable and sent null/empty
 */
function amountField(body, name, rule) {
	const raw = body[name];
	if (raw === undefined || raw === null || raw === '') {
		if (rule.required) throw invalidParam(name, 'is required');
		return rule.nullable && raw !== undefined ? null : undefined;
	}
	let value;
	if (typeof raw === 'number') value = raw;
	else if (typeof raw === 'string' && /^\s*-?\d+(?:\.\d+)?\s*$/.test(raw)) value = Number(raw);
	else
		throw invalidParam(
			name,
			`must be a number, got ${typeName(raw)}${typeof raw === 'string' ? ` '${raw}'` : ''}`,
		);
	if (!Number.isFinite(value)) throw invalidParam(name, 'must be a finite number');
	if (!hasAtMostDecimals(value, 2))
		throw invalidParam(name, `must have at most 2 decimal places, got ${raw}`);
	if (rule.integer && !Number.isInteger(value))
		throw invalidParam(
			name,
			`must be a whole number${rule.integerWhy ? ` (${rule.integerWhy})` : ''}, got ${raw}`,
		);
	const min = rule.min === undefined ? 0 : rule.min;
	if (rule.minExclusive ? value <= min : value < min) {
		throw invalidParam(
			name,
			rule.minExclusive
				? `must be greater than ${min}, got ${raw}`
				: `must be at least ${min}, got ${raw}`,
		);
	}
	return value;
}

/**
 * customerOrderNo: optional; an empty string counts as absent; at most 32 characters.
 * @param {Record<string, any>} body
 */
function customerOrderNoField(body) {
	return stringField(body, 'customerOrderNo', { max: LIMITS.customerOrderNoMaxLength });
}

/** @param {unknown} value */
function typeName(value) {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

module.exports = { jsonObjectBody, stringField, amountField, customerOrderNoField, LIMITS };
