'use strict';

const crypto = require('node:crypto');

/**
 * Rounds to cents. The epsilon stops 1.005 * 100 = 100.49999 from rounding down.
 * @param {number} value
 * @returns {number}
 */
function round2(value) {
	return Math.round((value + Number.EPSILON) * 100) / 100;
}

/**
 * Whether a number has at most `places` decimals (tolerant of binary float noise).
 * @param {number} value
 * @param {number} places
 */
function hasAtMostDecimals(value, places) {
	const scaled = value * 10 ** places;
	return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

/**
 * ISO 8601 without milliseconds, as the provider's examples show ('2025-01-15T10:00:00Z').
 * @param {number | null | undefined} ms
 * @returns {string | null}
 */
function iso(ms) {
	if (ms === null || ms === undefined) return null;
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A short, non-reversible fingerprint of a secret (tokens are never stored in request records).
 * @param {string} secret
 */
function fingerprint(secret) {
	return crypto.createHash('sha256').update(secret).digest('hex').slice(0, 6);
}

/**
 * Deterministic PRNG (mulberry32). Returns floats in [0, 1).
 * @param {number} seed
 * @returns {() => number}
 */
function createRng(seed) {
	let a = seed >>> 0;
	return function next() {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * Stable 32-bit hash of a string, used to derive per-card seeds.
 * @param {string} text
 */
function hash32(text) {
	let h = 2166136261;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 16777619);
	}
	return h >>> 0;
}

/** @param {number} n @param {number} width */
function pad(n, width) {
	return String(n).padStart(width, '0');
}

module.exports = { round2, hasAtMostDecimals, iso, fingerprint, createRng, hash32, pad };
