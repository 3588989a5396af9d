'use strict';

// The Executions list through n8n's editor REST API, as the editor uses it:
// the executions of a workflow, one execution with its run data, and Retry
// (POST /rest/executions/:id/retry) with the original or the saved workflow.
// Same shapes on 1.123 and 2.41.

const path = require('node:path');

/** n8n stores and serves run data as a `flatted` string; its own copy of flatted reads it. */
function flattedOf(inst) {
	const where = require.resolve('flatted', {
		paths: [path.join(inst.install.dir, 'node_modules', 'n8n')],
	});
	return require(where);
}

function expectOk(response, what) {
	if (!response.ok)
		throw new Error(`${what} answered HTTP ${response.status}: ${response.text.slice(0, 800)}`);
	return response.data;
}

/** The stored executions of a workflow, newest first: [{ id, status, mode, retryOf, ... }]. */
async function executionsOf(inst, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const data = expectOk(
		await inst.rest('GET', `/rest/executions?filter=${filter}&limit=20`),
		`GET /rest/executions (${workflowId})`,
	);
	return data.results;
}

/**
 * One stored execution as GET /rest/executions/:id answers it, with its run data parsed:
 * { id, status, mode, retryOf, finished, run } where run = { resultData: { runData, error, lastNodeExecuted }, ... }.
 */
async function readExecution(inst, id) {
	const execution = expectOk(
		await inst.rest('GET', `/rest/executions/${id}`),
		`GET /rest/executions/${id}`,
	);
	const run =
		typeof execution.data === 'string' ? flattedOf(inst).parse(execution.data) : execution.data;
	return { ...execution, run };
}

/** Retry of a failed execution; loadWorkflow true = "Retry with currently saved workflow". Resolves when it ended. */
async function retryExecution(inst, id, { loadWorkflow }) {
	return expectOk(
		await inst.rest('POST', `/rest/executions/${id}/retry`, { loadWorkflow }),
		`POST /rest/executions/${id}/retry`,
	);
}

/** The json of a node's main output 0 in one run (default: its last run) of a parsed execution. */
function outputOf(execution, nodeName, run) {
	const runs = execution.run?.resultData?.runData?.[nodeName] ?? [];
	const chosen = runs[run ?? runs.length - 1];
	return (chosen?.data?.main?.[0] ?? []).map((item) => item.json);
}

/** The workflow as saved (GET), changed by `change`, saved again (PATCH) as the editor's Save does. */
async function editSavedWorkflow(inst, workflowId, change) {
	const saved = expectOk(
		await inst.rest('GET', `/rest/workflows/${workflowId}`),
		`GET /rest/workflows/${workflowId}`,
	);
	const { nodes, connections, settings, name, versionId } = saved;
	const edited = change({ nodes, connections, settings, name });
	return expectOk(
		await inst.rest('PATCH', `/rest/workflows/${workflowId}`, { ...edited, versionId }),
		`PATCH /rest/workflows/${workflowId}`,
	);
}

module.exports = { executionsOf, readExecution, retryExecution, outputOf, editSavedWorkflow };
