'use strict';

// Workers killed with SIGKILL in the middle of an execution, once with
// Customer Order Nos from the data and once with automatic ones, in the two
// ways n8n 2.x handles it:
// - main keeps running: main sees the job stall and fails the execution
//   ("failed to be processed too many times"), dropping its run data;
// - main went down with the worker (a host lost): the restarted main's queue
//   recovery check marks the execution crashed, run data kept, and Retry
//   (POST /rest/executions/:id/retry, a new execution) runs it again.

const assert = require('node:assert/strict');
const { getExecution, waitForStatus } = require('./executions');
const {
	startBatch,
	killWorkersOf,
	settle,
	retryExecution,
	resendBatch,
	paidFigures,
} = require('./crash-runs');

const STALLED_MESSAGE = /failed to be processed too many times/;
const TERMINAL = ['crashed', 'error', 'success', 'canceled'];
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function describeCrash(run) {
	return `${run.label}: ${run.worker} killed with ${run.killedAt} of ${run.rows.length} orders accepted (${run.beforeRecovery} once the wire was quiet); execution ${run.executionId} became "${run.final.status}" ${seconds(run.final.waitedMs)} after the kill`;
}

function describePaid(run) {
	const { orders, paidTwice, notPaid } = paidFigures(run);
	return `${orders} orders for ${run.rows.length} items: ${paidTwice} item(s) paid twice, ${notPaid} not paid`;
}

async function startBoth(main, { data, auto }, batch) {
	return [
		await startBatch({ main, ...data, batch, label: 'numbers from the data' }),
		await startBatch({ main, ...auto, batch, label: 'automatic numbers' }),
	];
}

/**
 * A run again with Customer Order Nos from the data: it succeeds, answers every row under its own number,
 * one order per item in all, and the orders made before the crash come back as earlier orders.
 */
function assertOneOrderPerItem(again, run) {
	assert.equal(again.execution.status, 'success');
	assert.deepEqual(
		again.items.map((item) => item.customerOrderNo),
		run.rows.map((row) => row.reference),
	);
	assert.deepEqual(paidFigures(run), { orders: run.rows.length, paidTwice: 0, notPaid: 0 });
	assert.equal(again.items.filter((item) => item.earlierOrder === true).length, run.beforeRecovery);
}

/** Main keeps running; the workers running both batches are killed. */
async function workerCrash({ t, cluster, install, data, auto }) {
	const main = cluster.main;
	const runs = await t.setup(
		'worker crash, main running: kill the workers mid-execution',
		async () => {
			const started = await startBoth(main, { data, auto }, 1);
			const killed = await killWorkersOf(cluster, started);
			const killedAt = Date.now();
			await settle(started);
			await Promise.all(killed.map(() => cluster.addWorker()));
			for (const run of started) {
				run.final = await waitForStatus(main, run.workflowId, run.executionId, TERMINAL, 180_000);
				run.final.waitedMs = Date.now() - killedAt;
				run.record = await getExecution(main, install, run.executionId);
			}
			return started;
		},
	);
	if (!runs) return;
	const [dataRun, autoRun] = runs;
	for (const run of runs)
		t.note(
			`worker crash, main running: ${describeCrash(run)}; error: ${run.record.error?.message ?? 'none'}`,
		);

	await t.test(
		'worker crash, main running: n8n fails the execution ("failed to be processed too many times") and keeps no run data',
		() => {
			for (const run of runs) {
				assert.ok(
					run.beforeRecovery < run.rows.length,
					`${run.label}: killed mid-execution (${run.beforeRecovery} of ${run.rows.length})`,
				);
				assert.equal(run.final.status, 'error', run.label);
				assert.match(run.record.error?.message ?? '', STALLED_MESSAGE, run.label);
				assert.deepEqual(Object.keys(run.record.runData), [], `${run.label}: run data kept`);
			}
		},
	);

	const retries = await t.setup('Retry through the REST API', async () =>
		Promise.all(runs.map((run) => retryExecution(main, install, run))),
	);
	if (retries)
		for (const [index, retry] of retries.entries())
			t.note(
				`worker crash, main running, ${runs[index].label}: Retry → execution ${retry.execution.id} "${retry.execution.status}" in ${seconds(retry.ms)}, ${retry.newOrders} new orders`,
			);
	await t.test(
		'worker crash, main running: Retry of the failed execution ends at once with the same error and sends nothing',
		() => {
			for (const retry of retries) {
				assert.equal(retry.execution.status, 'error');
				assert.match(retry.execution.error?.message ?? '', STALLED_MESSAGE);
				assert.equal(retry.newOrders, 0);
			}
		},
		retries,
	);

	const resent = await t.setup('send the same batches to the webhook again', async () =>
		Promise.all(runs.map((run) => resendBatch(main, install, run))),
	);
	if (resent)
		for (const run of runs)
			t.note(
				`worker crash, main running, ${run.label}, after sending the batch again: ${describePaid(run)}`,
			);
	await t.test(
		'worker crash, numbers from the data: sending the batch again gives exactly one order per item; those made before the crash come back as earlier orders',
		() => {
			assertOneOrderPerItem(resent[0], dataRun);
		},
		resent,
	);
	await t.test(
		'worker crash, automatic numbers: sending the batch again pays every item (how many twice is measured above)',
		() => {
			assert.equal(resent[1].execution.status, 'success');
			assert.equal(paidFigures(autoRun).notPaid, 0);
		},
		resent,
	);
}

/** Main and the workers running both batches are killed together; main comes back with a short recovery check. */
async function hostCrash({ t, cluster, install, data, auto, recoveryEnv }) {
	const runs = await t.setup(
		'host crash: kill main and the workers mid-execution, start them again',
		async () => {
			const started = await startBoth(cluster.main, { data, auto }, 2);
			const killed = await killWorkersOf(cluster, started);
			await cluster.killMain();
			const killedAt = Date.now();
			await settle(started);
			cluster.main.extraEnv = { ...cluster.main.extraEnv, ...recoveryEnv };
			await Promise.all([
				cluster.main.start().then(() => cluster.main.login()),
				...killed.map(() => cluster.addWorker()),
			]);
			for (const run of started) {
				run.final = await waitForStatus(
					cluster.main,
					run.workflowId,
					run.executionId,
					['crashed', 'error', 'success'],
					180_000,
				);
				run.final.waitedMs = Date.now() - killedAt;
				run.record = await getExecution(cluster.main, install, run.executionId);
			}
			return started;
		},
	);
	if (!runs) return;
	const [dataRun, autoRun] = runs;
	for (const run of runs) {
		const saved = Object.keys(run.record.contextData);
		t.note(
			`host crash: ${describeCrash(run)}; nodes run before the crash in its saved data: ${Object.keys(run.record.runData).join(', ') || 'none'}; node contexts saved: ${saved.join(', ') || 'none'}`,
		);
	}
	await t.test('host crash: the restarted main marks the executions crashed', () => {
		for (const run of runs) {
			assert.ok(
				run.beforeRecovery < run.rows.length,
				`${run.label}: killed mid-execution (${run.beforeRecovery} of ${run.rows.length})`,
			);
			assert.equal(run.final.status, 'crashed', run.label);
		}
	});

	const retries = await t.setup('Retry the crashed executions through the REST API', async () =>
		Promise.all(runs.map((run) => retryExecution(cluster.main, install, run))),
	);
	if (retries)
		for (const [index, retry] of retries.entries())
			t.note(
				`host crash, ${runs[index].label}: Retry → execution ${retry.execution.id} "${retry.execution.status}" in ${seconds(retry.ms)}; ${describePaid(runs[index])}`,
			);
	await t.test(
		'host crash, numbers from the data: Retry (a new execution) gives exactly one order per item; those made before the crash come back as earlier orders',
		() => {
			const [retry] = retries;
			assert.notEqual(String(retry.execution.id), dataRun.executionId);
			assert.equal(String(retry.execution.retryOf), dataRun.executionId);
			assertOneOrderPerItem(retry, dataRun);
		},
		retries,
	);
	await t.test(
		'host crash, automatic numbers: Retry succeeds and pays every item (how many twice is measured above)',
		() => {
			assert.equal(retries[1].execution.status, 'success');
			assert.equal(retries[1].items.length, autoRun.rows.length);
			assert.equal(paidFigures(autoRun).notPaid, 0);
		},
		retries,
	);
}

module.exports = { workerCrash, hostCrash };
