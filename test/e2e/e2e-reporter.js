'use strict';

// A tiny test reporter for the e2e run: one line per check, named after what
// it checked, and the closing line "e2e: N passed, M failed".

const { inspect } = require('node:util');

const indent = (text, prefix = '      ') =>
	String(text)
		.split('\n')
		.map((line) => prefix + line)
		.join('\n');

function describeFailure(error) {
	if (error && typeof error === 'object' && 'message' in error) {
		const { message } = error;
		// assert's messages already show actual and expected; a stack adds nothing for a failed check.
		return error.code === 'ERR_ASSERTION' ? message : error.stack || message;
	}
	return inspect(error);
}

class Reporter {
	constructor(log = console.log) {
		this.log = log;
		this.results = [];
	}

	record(scope, name, error, ms) {
		this.results.push({ scope, name, ok: !error, error, ms });
		const label = scope ? `[${scope}] ${name}` : name;
		const took = ms >= 100 ? ` (${(ms / 1000).toFixed(1)} s)` : '';
		if (!error) this.log(`  ok    ${label}${took}`);
		else this.log(`  FAIL  ${label}\n${indent(describeFailure(error))}`);
	}

	/** A reporter whose lines carry the scope (the n8n line). */
	scope(scope) {
		return new ScopedReporter(this, scope);
	}

	get passed() {
		return this.results.filter((result) => result.ok).length;
	}

	get failed() {
		return this.results.length - this.passed;
	}

	summary() {
		return `e2e: ${this.passed} passed, ${this.failed} failed`;
	}
}

class ScopedReporter {
	constructor(reporter, scope) {
		this.reporter = reporter;
		this.name = scope;
	}

	note(message) {
		this.reporter.log(`[e2e ${this.name}] ${message}`);
	}

	fail(name, error) {
		this.reporter.record(this.name, name, error, 0);
	}

	/**
	 * Runs one check. `needs` are values from setup(): when one of them is missing
	 * (its setup failed), the check fails without running.
	 */
	async test(name, fn, ...needs) {
		const started = Date.now();
		let error = null;
		if (needs.some((value) => value === null || value === undefined)) {
			error = new Error('not checked: the setup it depends on failed (see above)');
		} else {
			try {
				await fn();
			} catch (thrown) {
				error = thrown ?? new Error('failed without an error');
			}
		}
		this.reporter.record(this.name, name, error, Date.now() - started);
	}

	/** Runs a step that checks depend on; a throw is reported as a failed check and gives null. */
	async setup(name, fn) {
		const started = Date.now();
		try {
			const value = await fn();
			const ms = Date.now() - started;
			if (ms >= 500) this.note(`${name}: ${(ms / 1000).toFixed(1)} s`);
			return value;
		} catch (error) {
			this.reporter.record(this.name, `${name} (setup)`, error, Date.now() - started);
			return null;
		}
	}
}

module.exports = { Reporter };
