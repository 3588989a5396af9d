'use strict';

// Parses what `n8n execute --id=<id> --rawOutput` prints. On both lines the
// run is printed through n8n's logger (level info) as JSON.stringify(run, null, 2):
// a line that is exactly "{" up to a line that is exactly "}" (the inner lines
// are indented, so the first "}" at column 0 closes it). Around it:
// - 1.x success: nothing else on stdout (no "Execution was successful" header
//   with --rawOutput); exit 0.
// - 2.x success: first the task broker / runner / license lines
//   ("n8n Task Broker ready on 127.0.0.1, port N", "Registered runner ...").
// - failure, both lines: "Execution was NOT successful. See log message for
//   details." / "Execution error:" / "====" / the run JSON (status "error",
//   data.resultData.error set) / "Error executing workflow. ..." / the error
//   message, description and stack; exit 1. 2.x also prints the task runner's
//   own error and stack before that.
// - unknown id: 'The workflow with the id "x" does not exist.', no JSON, exit 1.

/** @returns {object|null} the last JSON block on stdout that looks like an execution */
function findRunJson(stdout) {
	const lines = String(stdout)
		.split('\n')
		.map((line) => line.replace(/\r$/, ''));
	let found = null;
	for (let start = 0; start < lines.length; start++) {
		if (lines[start] !== '{') continue;
		const end = lines.indexOf('}', start + 1);
		if (end === -1) break;
		try {
			const parsed = JSON.parse(lines.slice(start, end + 1).join('\n'));
			if (parsed && parsed.data && parsed.data.resultData) found = parsed;
			start = end;
		} catch {
			// Not the run JSON (some other multi-line log entry); keep looking.
		}
	}
	return found;
}

function describeError(error) {
	if (!error) return null;
	return {
		message: error.message ?? null,
		description: error.description ?? null,
		name: error.name ?? null,
		httpCode: error.httpCode ?? null,
		node: error.node?.name ?? null,
		raw: error,
	};
}

/** The last non-log line before the stack, for failures that printed no run JSON. */
function errorFromLog(stdout, stderr) {
	const text = `${stdout}\n${stderr}`;
	const match =
		/Execution error:\n=+\n([^\n]+)/.exec(text) ||
		/(The workflow with the id "[^"]*" does not exist\.)/.exec(text);
	if (match)
		return {
			message: match[1],
			description: null,
			name: null,
			httpCode: null,
			node: null,
			raw: null,
		};
	const lines = text.trim().split('\n').filter(Boolean);
	return lines.length
		? {
				message: lines[lines.length - 1],
				description: null,
				name: null,
				httpCode: null,
				node: null,
				raw: null,
			}
		: null;
}

/**
 * @param {{ code: number|null, stdout: string, stderr: string, ms?: number }} run
 */
function parseExecuteOutput({ code, stdout, stderr, ms }) {
	const execution = findRunJson(stdout);
	const resultData = execution?.data?.resultData ?? null;
	const runData = resultData?.runData ?? {};
	const executionError = resultData?.error ?? null;

	let error = describeError(executionError);
	if (error && !error.node) {
		// 2.x leaves `node` out of resultData.error; the failing node has it in its run.
		const failed = Object.entries(runData).find(([, runs]) => runs.some((r) => r.error));
		if (failed) error.node = failed[0];
	}
	if (!error && (code !== 0 || !execution)) error = errorFromLog(stdout, stderr);

	const ok = code === 0 && !!execution && !executionError && execution.status !== 'error';

	function nodeRuns(name) {
		return runData[name] ?? [];
	}
	function nodeItems(name, { output = 0, run = 0 } = {}) {
		const items = nodeRuns(name)[run]?.data?.main?.[output] ?? [];
		return items.map((item) => item.json);
	}
	function nodeError(name, { run = 0 } = {}) {
		return describeError(nodeRuns(name)[run]?.error);
	}
	const items = Object.fromEntries(Object.keys(runData).map((name) => [name, nodeItems(name)]));

	return {
		ok,
		exitCode: code,
		status: execution?.status ?? null,
		data: runData,
		items,
		execution,
		lastNodeExecuted: resultData?.lastNodeExecuted ?? null,
		error,
		stdout,
		stderr,
		ms,
		nodeNames: () => Object.keys(runData),
		nodeRuns,
		nodeItems,
		nodeError,
	};
}

module.exports = { parseExecuteOutput, findRunJson };
