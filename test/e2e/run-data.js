'use strict';

// Reading an `n8n execute` result (see run-output.js) beyond its JSON items.

const assert = require('node:assert/strict');

/** Fails with the execution's own error when the run did not succeed. */
function assertSucceeded(result) {
	if (result.ok) return;
	const error = result.error;
	const where = error?.node ? ` in node "${error.node}"` : '';
	// An error read from the log (no run printed) comes with the end of what n8n printed.
	const printed = `exit ${result.exitCode}: ${`${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().slice(-2000)}`;
	const detail = error
		? `${error.message}${error.description ? ` (${error.description})` : ''}${error.raw ? '' : `\n${printed}`}`
		: printed;
	assert.fail(`the execution failed${where}: ${detail}`);
}

/** The items of a node, failing when it did not run, ran more than once, or output an error item. */
function cleanItems(result, nodeName) {
	const runs = result.nodeRuns(nodeName);
	assert.equal(runs.length, 1, `node "${nodeName}" ran ${runs.length} times`);
	const nodeError = result.nodeError(nodeName);
	assert.equal(
		nodeError,
		null,
		`node "${nodeName}" failed: ${nodeError?.message} (${nodeError?.description})`,
	);
	const items = result.nodeItems(nodeName);
	const failed = items.find((item) => item && item.error);
	assert.equal(
		failed,
		undefined,
		`node "${nodeName}" output an error item: ${JSON.stringify(failed?.error)}`,
	);
	return items;
}

/** The binary part of one output item of a node (n8n's default binary mode keeps it inline, base64). */
function binaryOf(result, nodeName, { item = 0, property = 'data' } = {}) {
	return result.data[nodeName]?.[0]?.data?.main?.[0]?.[item]?.binary?.[property] ?? null;
}

/** A CSV file's rows, header first, without the byte-order mark. */
function csvLines(binary) {
	const text = Buffer.from(binary.data, 'base64')
		.toString('utf8')
		.replace(/^\uFEFF/, '');
	return text.split(/\r?\n/).filter((line) => line.length > 0);
}

module.exports = { assertSucceeded, cleanItems, binaryOf, csvLines };
