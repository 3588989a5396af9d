'use strict';

// n8n's execution records through its REST API (the editor's Executions
// list), the same on a queue-mode main and on a single process. The run data
// comes "flatted" (n8n stores it so); n8n's own copy of flatted reads it.

const path = require('node:path');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const FINISHED = ['success', 'error', 'crashed', 'canceled'];

function flattedOf(install) {
	return require(
		require.resolve('flatted', { paths: [path.dirname(install.n8nBin), install.dir] }),
	);
}

/** Executions of one workflow, newest first: { id, status, mode, retryOf, startedAt, stoppedAt, … }. */
async function listExecutions(inst, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const response = await inst.rest('GET', `/rest/executions?filter=${filter}&limit=100`);
	if (!response.ok)
		throw new Error(
			`GET /rest/executions answered ${response.status}: ${response.text.slice(0, 300)}`,
		);
	return response.data.results;
}

/** One execution with its run data parsed: { id, status, mode, retryOf, runData, error, contextData }. */
async function getExecution(inst, install, id) {
	const response = await inst.rest('GET', `/rest/executions/${id}`);
	if (!response.ok)
		throw new Error(
			`GET /rest/executions/${id} answered ${response.status}: ${response.text.slice(0, 300)}`,
		);
	const execution = response.data;
	const data =
		typeof execution.data === 'string' ? flattedOf(install).parse(execution.data) : execution.data;
	return {
		...execution,
		runData: data?.resultData?.runData ?? {},
		error: data?.resultData?.error ?? null,
		contextData: data?.executionData?.contextData ?? {},
	};
}

/** JSON of a node's main output 0 in its last run. */
function nodeJson(execution, nodeName) {
	const runs = execution.runData[nodeName] ?? [];
	return (runs.at(-1)?.data?.main?.[0] ?? []).map((item) => item.json);
}

/** Binary property `data` of a node's first output item. */
function nodeBinary(execution, nodeName) {
	const runs = execution.runData[nodeName] ?? [];
	return runs.at(-1)?.data?.main?.[0]?.[0]?.binary?.data ?? null;
}

/** Waits until the workflow has `count` executions that all finished; returns them. */
async function waitForFinished(inst, workflowId, count, timeoutMs = 180_000) {
	const started = Date.now();
	let last = [];
	while (Date.now() - started < timeoutMs) {
		last = await listExecutions(inst, workflowId);
		if (last.length >= count && last.every((execution) => FINISHED.includes(execution.status)))
			return last;
		await sleep(300);
	}
	throw new Error(
		`workflow ${workflowId}: ${count} finished executions expected within ${timeoutMs / 1000} s; have ${last.map((e) => `${e.id}:${e.status}`).join(', ') || 'none'}`,
	);
}

/** Waits until execution `id` has one of `statuses`; returns its list record. */
async function waitForStatus(inst, workflowId, id, statuses, timeoutMs = 180_000) {
	const started = Date.now();
	let record;
	while (Date.now() - started < timeoutMs) {
		record = (await listExecutions(inst, workflowId)).find(
			(execution) => String(execution.id) === String(id),
		);
		if (record && statuses.includes(record.status))
			return { ...record, waitedMs: Date.now() - started };
		await sleep(500);
	}
	throw new Error(
		`execution ${id}: status ${statuses.join(' or ')} expected within ${timeoutMs / 1000} s; it is ${record?.status ?? 'not listed'}`,
	);
}

module.exports = {
	listExecutions,
	getExecution,
	nodeJson,
	nodeBinary,
	waitForFinished,
	waitForStatus,
	FINISHED,
};
