'use strict';

// Batches of top-ups posted to the production webhook all at once, run by the
// workers: every order once, every execution succeeded, both workers used,
// one token per worker at most on a cold credential and none when warm, and
// no more requests in flight than workers × Max Concurrent Requests.

const assert = require('node:assert/strict');
const { batchRows } = require('./workflows');
const { postBatchesAtOnce, topUpRequestsByReference, acceptedTopUps } = require('./top-up-batches');
const { listExecutions, getExecution } = require('./executions');
const { OPENING_AMOUNT } = require('./cards');

// The node's default Max Concurrent Requests, as built.
const {
	DEFAULT_MAX_CONCURRENT_REQUESTS: MAX_CONCURRENT_REQUESTS,
} = require('../../../dist/nodes/Cardepass/shared/limiter');

/**
 * One round: `batchNumbers` posted at once. Checks what the user would see and returns the answers.
 * @param {object} options
 * @param {string} options.label cold or warm
 */
async function bulkRound({
	t,
	cluster,
	install,
	sim,
	cardIds,
	workflowId,
	url,
	batchNumbers,
	label,
}) {
	const main = cluster.main;
	const workers = cluster.workers.filter((worker) => worker.running);
	const batches = batchNumbers.map((batch) => ({ batch, rows: batchRows(batch, cardIds) }));
	const references = batches.flatMap(({ rows }) => rows.map((row) => row.reference));
	const before = {
		tokens: sim.tokenRequests(),
		executions: new Set((await listExecutions(main, workflowId)).map((e) => String(e.id))),
	};
	sim.resetMetrics();
	const posted = await t.setup(
		`${label}: ${batches.length} webhook calls at once, ${cardIds.length} top-ups each`,
		() => postBatchesAtOnce(url, batches),
	);
	const tokenRequests = sim.tokenRequests() - before.tokens;
	const maxInFlight = sim.maxConcurrent;
	const executions =
		posted &&
		(await t.setup(`${label}: read the execution records`, async () =>
			(await listExecutions(main, workflowId)).filter((e) => !before.executions.has(String(e.id))),
		));
	const perWorker =
		executions &&
		workers.map((worker) => ({
			name: worker.name,
			count: executions.filter((e) => worker.executionIds().includes(String(e.id))).length,
		}));
	if (posted) {
		t.note(
			`${label}: ${references.length} top-ups in ${batches.length} executions took ${(posted.ms / 1000).toFixed(1)} s; ` +
				`${tokenRequests} token request(s); at most ${maxInFlight} request(s) in flight; ` +
				`executions per worker: ${perWorker?.map((w) => `${w.name} ${w.count}`).join(', ')}`,
		);
	}

	await t.test(
		`${label}: every webhook call answered 200 with one order per row, Customer Order No = the row's reference`,
		() => {
			for (const answer of posted.answers) {
				assert.equal(
					answer.status,
					200,
					`batch ${answer.batch}: HTTP ${answer.status} ${answer.text}`,
				);
				const rows = batches.find((b) => b.batch === answer.batch).rows;
				assert.deepEqual(
					answer.items.map((item) => item.customerOrderNo),
					rows.map((row) => row.reference),
					`batch ${answer.batch}`,
				);
				assert.ok(
					answer.items.every((item) => item.status === 'Completed' && !item.earlierOrder),
					`batch ${answer.batch}: every order new and Completed`,
				);
			}
		},
		posted,
	);

	await t.test(
		`${label}: ${references.length} orders at the simulator, each reference sent once (0 duplicates)`,
		() => {
			const sent = topUpRequestsByReference(sim);
			const twice = references.filter((reference) => sent.get(reference) !== 1);
			assert.deepEqual(twice, [], 'references not sent exactly once');
			const accepted = acceptedTopUps(sim).filter((order) =>
				references.includes(order.customerOrderNo),
			);
			assert.equal(accepted.length, references.length);
		},
		posted,
	);

	await t.test(
		`${label}: all ${batches.length} executions succeeded (n8n's execution records)`,
		async () => {
			assert.equal(executions.length, batches.length);
			const failed = executions.filter((e) => e.status !== 'success');
			const firstError = failed.length
				? (await getExecution(main, install, failed[0].id)).error?.message
				: undefined;
			assert.deepEqual(
				failed.map((e) => `${e.id}: ${e.status}`),
				[],
				`first error: ${firstError}`,
			);
		},
		executions,
	);

	await t.test(
		`${label}: the executions ran on both workers (worker logs)`,
		() => {
			assert.ok(
				perWorker.every((worker) => worker.count > 0),
				JSON.stringify(perWorker),
			);
			assert.equal(
				perWorker.reduce((sum, worker) => sum + worker.count, 0),
				batches.length,
				'every execution started on exactly one worker',
			);
		},
		perWorker,
	);

	const tokenLimit = label === 'cold' ? workers.length : 0;
	const tokenRule =
		label === 'cold'
			? `at most one token request per worker (${tokenLimit})`
			: 'no token request (the stored token is shared)';
	await t.test(
		`${label}: ${tokenRule}`,
		() => {
			assert.ok(tokenRequests <= tokenLimit, `${tokenRequests} token requests`);
		},
		posted,
	);

	const limit = workers.length * MAX_CONCURRENT_REQUESTS;
	await t.test(
		`${label}: at most ${limit} requests in flight (${workers.length} workers × ${MAX_CONCURRENT_REQUESTS})`,
		() => {
			assert.ok(maxInFlight <= limit, `sim.maxConcurrent was ${maxInFlight}`);
		},
		posted,
	);

	return posted;
}

/** Balance every card should have: opening amount plus every row's amount for it. */
function expectedBalances(cardIds, batchNumbers) {
	const balances = new Map(cardIds.map((cardId) => [cardId, OPENING_AMOUNT]));
	for (const batch of batchNumbers)
		for (const row of batchRows(batch, cardIds))
			balances.set(row.cardId, balances.get(row.cardId) + row.amount);
	return balances;
}

module.exports = { bulkRound, expectedBalances, MAX_CONCURRENT_REQUESTS };
