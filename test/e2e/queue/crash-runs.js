'use strict';

// The moving parts of a worker crash: an execution of one batch started
// through the webhook, the workers running it killed once enough orders went
// through, and what reached the simulator for that batch afterwards.

const { batchRows } = require('./workflows');
const { listExecutions, getExecution, nodeJson, waitForFinished } = require('./executions');

const KILL_AFTER_ORDERS = 12;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what, probe, timeoutMs = 60_000) {
	const started = Date.now();
	while (Date.now() - started < timeoutMs) {
		const value = await probe();
		if (value) return value;
		await sleep(25);
	}
	throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
}

async function postBatch(url, batch, rows) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ batch, rows }),
	});
	if (!response.ok)
		throw new Error(
			`webhook answered ${response.status}: ${(await response.text()).slice(0, 300)}`,
		);
}

/**
 * One batch of top-ups on its own simulator and cards.
 * @param {{ main: object, sim: object, cardIds: string[], workflowId: string, url: string, batch: number, label: string }} options
 */
async function startBatch({ main, sim, cardIds, workflowId, url, batch, label }) {
	const rows = batchRows(batch, cardIds);
	const firstOrder = sim.getOrders({ orderType: 'CardTopUp' }).length;
	const known = new Set((await listExecutions(main, workflowId)).map((e) => String(e.id)));
	await postBatch(url, batch, rows);
	const executionId = await waitFor(
		`${label}: the execution is listed`,
		async () => (await listExecutions(main, workflowId)).find((e) => !known.has(String(e.id)))?.id,
	);
	const orders = () => sim.getOrders({ orderType: 'CardTopUp' }).slice(firstOrder);
	return {
		label,
		sim,
		cardIds,
		workflowId,
		url,
		batch,
		rows,
		executionId: String(executionId),
		orders,
		accepted: () => orders().length,
		/** Orders per card since the batch started: how many times each item was paid. */
		paidTimes() {
			const counts = new Map(cardIds.map((cardId) => [cardId, 0]));
			for (const order of orders()) counts.set(order.cardId, counts.get(order.cardId) + 1);
			return [...counts.values()];
		},
	};
}

/**
 * SIGKILLs the worker running each batch once that batch has KILL_AFTER_ORDERS orders (a batch
 * whose worker already died with another batch stops wherever it was). Returns the killed workers.
 */
async function killWorkersOf(cluster, runs) {
	const killed = new Set();
	await waitFor(`${KILL_AFTER_ORDERS} orders in every batch`, async () => {
		for (const run of runs.filter((r) => r.killedAt === undefined)) {
			const worker = cluster.workerOf(run.executionId);
			if (!worker) continue;
			if (killed.has(worker) || run.accepted() >= KILL_AFTER_ORDERS) {
				if (!killed.has(worker)) {
					killed.add(worker);
					await worker.kill();
				}
				run.worker = worker.name;
				run.killedAt = run.accepted();
			}
		}
		return runs.every((run) => run.killedAt !== undefined);
	});
	return [...killed];
}

/** After requests already on the wire have landed: what the crash left behind. */
async function settle(runs) {
	await sleep(1500);
	for (const run of runs) run.beforeRecovery = run.accepted();
}

/** POST /rest/executions/:id/retry (waits for the retried execution); the new execution, parsed. */
async function retryExecution(main, install, run) {
	const before = run.accepted();
	const started = Date.now();
	const response = await main.rest('POST', `/rest/executions/${run.executionId}/retry`, {
		loadWorkflow: false,
	});
	if (!response.ok)
		throw new Error(
			`retry of ${run.executionId} answered ${response.status}: ${response.text.slice(0, 500)}`,
		);
	const execution = await getExecution(main, install, response.data.id);
	return {
		execution,
		ms: Date.now() - started,
		newOrders: run.accepted() - before,
		items: nodeJson(execution, 'Top up card'),
	};
}

/** The same batch posted to the webhook again, as a user re-sends it; the new execution, parsed. */
async function resendBatch(main, install, run) {
	const before = {
		orders: run.accepted(),
		executions: (await listExecutions(main, run.workflowId)).length,
	};
	await postBatch(run.url, run.batch, run.rows);
	const [newest] = await waitForFinished(main, run.workflowId, before.executions + 1);
	const execution = await getExecution(main, install, newest.id);
	return {
		execution,
		newOrders: run.accepted() - before.orders,
		items: nodeJson(execution, 'Top up card'),
	};
}

/** Figures for the notes. */
function paidFigures(run) {
	const times = run.paidTimes();
	return {
		orders: run.accepted(),
		paidTwice: times.filter((n) => n > 1).length,
		notPaid: times.filter((n) => n === 0).length,
	};
}

module.exports = {
	KILL_AFTER_ORDERS,
	startBatch,
	killWorkersOf,
	settle,
	retryExecution,
	resendBatch,
	paidFigures,
	waitFor,
};
