'use strict';

// The export benchmark's medians as a Markdown table with its targets, and the raw samples, under
// bench/results/export-<line>.{json,md}.

const { machine, saveResults } = require('./results-file');
const { median } = require('./report');
const { PAGE_SIZE } = require('./export-workflows');

const MEMORY_TARGET_MB = 256;
const most = (values) => {
	const numbers = values.filter((value) => typeof value === 'number');
	return numbers.length ? Math.max(...numbers) : null;
};

/** What went wrong in one run, or null: an error, or not exactly the records asked for. */
function failureOf(sample) {
	if (sample.error) return sample.error;
	if (sample.itemsOut !== sample.expectedItems)
		return `${sample.itemsOut} items out, ${sample.expectedItems} expected`;
	if (sample.distinctRecords !== sample.expectedItems)
		return `${sample.distinctRecords} distinct records among ${sample.itemsOut} items`;
	return null;
}

function summarise(samples) {
	const groups = new Map();
	for (const sample of samples) {
		const key = `${sample.scenario}|${sample.contender}`;
		if (!groups.has(key)) groups.set(key, []);
		groups.get(key).push(sample);
	}
	const rows = [...groups.values()].map((group) => ({
		scenario: group[0].scenario,
		contender: group[0].contender,
		expectedItems: group[0].expectedItems,
		expectedPages: group[0].expectedPages,
		// What the user waits for: the nodes' run as n8n timed it (the raw loop: its own clock).
		ms: median(group.map((s) => s.nodeExecutionMs ?? s.clientMs ?? null)),
		pageRequests: median(group.map((s) => s.pageRequests)),
		mostPageRequests: most(group.map((s) => s.pageRequests)),
		tokenRequests: most(group.map((s) => s.tokenRequests)),
		otherRequests: median(group.map((s) => s.otherRequests)),
		itemsOut: median(group.map((s) => s.itemsOut)),
		failedRuns: group.filter((s) => failureOf(s) !== null).length,
		idleMb: median(group.map((s) => s.idleMb ?? null)),
		peakAboveIdleMb: median(group.map((s) => s.peakAboveIdleMb ?? null)),
		mostPeakAboveIdleMb: most(group.map((s) => s.peakAboveIdleMb ?? null)),
		othersPeakAboveIdleMb: median(group.map((s) => s.othersPeakAboveIdleMb ?? null)),
		peakAtSeconds: median(group.map((s) => s.peakAtSeconds ?? null)),
		watchedSeconds: median(group.map((s) => s.watchedSeconds ?? null)),
	}));
	for (const row of rows) {
		const floor = rows.find(
			(other) => other.scenario === row.scenario && other.contender.startsWith('raw'),
		);
		row.ratioToFloor = floor?.ms && row.ms ? row.ms / floor.ms : null;
	}
	return rows;
}

const seconds = (ms) => (ms === null ? '—' : `${(ms / 1000).toFixed(2)} s`);
const mb = (value) => (value === null ? '—' : `${value.toFixed(1)} MB`);
const held = (ok) => (ok ? 'held' : 'missed');
const peakWhen = (row) =>
	row.peakAtSeconds === null
		? '—'
		: `${row.peakAtSeconds.toFixed(1)} s of ${row.watchedSeconds.toFixed(1)} s`;

function targets(rows, meta) {
	const lines = [];
	for (const row of rows.filter((r) => r.contender.startsWith('this node'))) {
		lines.push(
			`- ${row.scenario}: this node's page requests = ceil(${Math.min(row.expectedItems, meta.records)}/${PAGE_SIZE}) = ${row.expectedPages}: ` +
				`${held(row.mostPageRequests === row.expectedPages && row.pageRequests === row.expectedPages)} (${row.mostPageRequests} at most)`,
		);
		lines.push(
			`- ${row.scenario}: this node's peak RSS above idle under ${MEMORY_TARGET_MB} MB (the most of any round): ` +
				`${row.mostPeakAboveIdleMb === null ? 'not measured' : held(row.mostPeakAboveIdleMb < MEMORY_TARGET_MB)} (${mb(row.mostPeakAboveIdleMb)})`,
		);
	}
	const failed = rows.filter((row) => row.failedRuns > 0);
	lines.push(
		`- Every run output exactly the records asked for: ${held(failed.length === 0)}` +
			(failed.length
				? ` (failed: ${failed.map((row) => `${row.scenario}, ${row.contender}: ${row.failedRuns} run(s)`).join('; ')})`
				: ''),
	);
	return lines;
}

function markdown(meta, rows) {
	const lines = [
		`Fund-log export of ${meta.records.toLocaleString('en-US')} records at ${meta.latencyMs} ms latency, n8n ${meta.n8nVersion} (${meta.line}) on Node ${meta.nodeVersion}, ` +
			`${meta.cpu} × ${meta.cores}, medians of ${meta.rounds}; simulator alone: ${meta.simulatorPagesPerSecond} pages/s ` +
			`(${meta.simulatorMsPerPage} ms of its own per page of ${PAGE_SIZE}, before latency).`,
		'',
		"Wall time: the nodes' run as n8n timed them (the raw loop: its own clock, Node " +
			`${meta.benchNodeVersion}). Requests: what the simulator saw. RSS: VmRSS of the n8n process (regular ` +
			'mode runs the workflow in it), peak during the run minus its idle RSS just before, on a freshly started n8n; ' +
			'"peak when": seconds from the webhook call to the peak, of the time watched (until the execution was stored); ' +
			'"other processes": the same as peak RSS for its child processes (the task runner).',
		'',
		'| scenario | contender | wall time | × floor | page requests | token requests (most) | other requests | items out | failed runs | idle RSS | peak RSS above idle | peak when | other processes above idle |',
		'| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
	];
	for (const row of rows) {
		lines.push(
			`| ${row.scenario} | ${row.contender} | ${seconds(row.ms)} | ${row.ratioToFloor === null ? '—' : row.ratioToFloor.toFixed(2)} | ` +
				`${row.pageRequests} | ${row.tokenRequests} | ${row.otherRequests} | ${row.itemsOut} | ${row.failedRuns} | ` +
				`${mb(row.idleMb)} | ${mb(row.peakAboveIdleMb)} | ${peakWhen(row)} | ${mb(row.othersPeakAboveIdleMb)} |`,
		);
	}
	return [...lines, '', ...targets(rows, meta)].join('\n');
}

function writeExportResults(folder, run) {
	const meta = {
		name: 'export',
		line: run.line,
		n8nVersion: run.n8nVersion,
		nodeVersion: run.nodeVersion,
		benchNodeVersion: process.versions.node,
		records: run.records,
		latencyMs: run.latencyMs,
		rounds: run.rounds,
		simulatorPagesPerSecond: run.simulatorPagesPerSecond,
		simulatorMsPerPage: run.simulatorMsPerPage,
		...machine(),
	};
	const rows = summarise(run.samples);
	const table = markdown(meta, rows);
	saveResults(folder, meta, { ...meta, rows, samples: run.samples }, table);
	return { rows, table };
}

module.exports = { writeExportResults, failureOf };
