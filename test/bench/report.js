'use strict';

// Medians of the benchmark's rounds, as a Markdown table, and the raw samples, under bench/results/.

const fs = require('node:fs');
const path = require('node:path');
const { machine, saveResults } = require('./results-file');

function median(values) {
	const sorted = values.filter((value) => typeof value === 'number').sort((a, b) => a - b);
	if (sorted.length === 0) return null;
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Samples written before scenarios had names carry only their latency. */
const scenarioOf = (sample) => sample.scenario ?? `${sample.latencyMs} ms latency`;

function summarise(samples) {
	const groups = new Map();
	for (const sample of samples) {
		const key = `${scenarioOf(sample)}|${sample.contender}`;
		if (!groups.has(key)) groups.set(key, []);
		groups.get(key).push(sample);
	}
	const rows = [...groups.values()].map((group) => ({
		scenario: scenarioOf(group[0]),
		contender: group[0].contender,
		// What the user waits for: the node's run as n8n timed it (the raw loop: its own clock).
		ms: median(group.map((s) => s.nodeExecutionMs ?? s.clientMs ?? null)),
		simulatorSpanMs: median(group.map((s) => s.ms)),
		// The most of any round: the first round fetches the token, later ones reuse it.
		tokenRequests: Math.max(...group.map((s) => s.tokenRequests)),
		requests: median(group.map((s) => s.requests)),
		maxInFlight: median(group.map((s) => s.maxInFlight)),
		failedItems: Math.max(...group.map((s) => s.failedItems)),
		duplicateOrders: Math.max(...group.map((s) => s.duplicateOrders)),
		orders: median(group.map((s) => s.orders)),
		refused429: median(group.map((s) => s.refused429 ?? 0)),
		// Requests beyond one per order, the token request and the repeats of refused (429) ones, within one run: the product-rule reads.
		extraRequests: Math.max(
			...group.map((s) => s.requests - s.orders - s.tokenRequests - (s.refused429 ?? 0)),
		),
	}));
	for (const row of rows) {
		const floor = rows.find(
			(other) => other.scenario === row.scenario && other.contender.startsWith('raw'),
		);
		row.ratioToFloor = floor?.ms && row.ms ? row.ms / floor.ms : null;
	}
	return rows;
}

/** How long the node keeps product rules, read from the built node when the table is written. */
const rulesKeptMinutes = () =>
	require('../../dist/nodes/Cardepass/shared/productRules').RULES_KEPT_MS / 60_000;

const seconds = (ms) => (ms === null ? '—' : `${(ms / 1000).toFixed(2)} s`);

function markdown(meta, rows) {
	const lines = [
		`${meta.items} top-ups in one execution, n8n ${meta.n8nVersion} (${meta.line}) on Node ${meta.nodeVersion}, ` +
			`${meta.cpu} × ${meta.cores}, medians of ${meta.rounds}; simulator alone: ${meta.simulatorRps} top-ups/s.`,
		'',
		"Wall time: the node's run as n8n timed it (the raw loop: its own clock). Simulator span: from the first request the simulator saw to its last answer.",
		'',
		'| scenario | contender | wall time | × floor | simulator span | token requests (most) | requests | answered 429 | max in flight | failed items | duplicate orders |',
		'| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
	];
	for (const row of rows) {
		lines.push(
			`| ${row.scenario} | ${row.contender} | ${seconds(row.ms)} | ${row.ratioToFloor === null ? '—' : row.ratioToFloor.toFixed(2)} | ${seconds(row.simulatorSpanMs)} | ` +
				`${row.tokenRequests} | ${row.requests} | ${row.refused429} | ${row.maxInFlight} | ${row.failedItems} | ${row.duplicateOrders} |`,
		);
	}
	return [...lines, '', ...targets(rows)].join('\n');
}

const held = (ok) => (ok ? 'held' : 'missed');

/** The targets the package sets itself, judged on the medians. */
function targets(rows) {
	const find = (latencyMs, contender) =>
		rows.find((row) => row.scenario === `${latencyMs} ms latency` && contender(row.contender));
	const defaults = (name) => name === 'this node';
	const atFive = (name) => name.startsWith('this node, Max Concurrent Requests');
	const http = (name) => name.startsWith('HTTP Request');
	const raw = (name) => name.startsWith('raw');
	const lines = [];
	const nodeRows = rows.filter((row) => row.contender.startsWith('this node'));
	lines.push(
		`- Exactly 1 token request per run for this node (the first run fetches it, later runs reuse it): ${held(nodeRows.every((row) => row.tokenRequests <= 1))}`,
	);
	const extraRequests = nodeRows.map((row) => row.extraRequests);
	lines.push(
		`- One API request per top-up once the product rules are known (at most 2 reads of them per run here, as each \`n8n execute\` is a new process; a running n8n keeps them ${rulesKeptMinutes()} minutes per credential): ${held(extraRequests.every((extra) => extra <= 2))}`,
	);
	const rows429 = nodeRows.filter((row) => row.scenario.includes('429'));
	if (rows429.length) {
		lines.push(
			`- Against the 429 simulator, 0 failed items and 0 duplicate orders for this node: ${held(rows429.every((row) => row.failedItems === 0 && row.duplicateOrders === 0))}`,
		);
	}
	lines.push(
		`- 0 failed items and 0 duplicate orders for this node in every scenario: ${held(nodeRows.every((row) => row.failedItems === 0 && row.duplicateOrders === 0))}`,
	);
	const node80 = find(80, defaults);
	const http80 = find(80, http);
	const five80 = find(80, atFive);
	const raw80 = find(80, raw);
	if (node80 && http80) {
		lines.push(
			`- At 80 ms, this node with its defaults faster than the HTTP Request node with its defaults: ${held(node80.ms < http80.ms)} (${seconds(node80.ms)} against ${seconds(http80.ms)})`,
		);
	}
	if (five80 && raw80) {
		lines.push(
			`- At 80 ms and the same concurrency (5), within 1.3× the raw client loop: ${held(five80.ms <= 1.3 * raw80.ms)} (${(five80.ms / raw80.ms).toFixed(2)}×)`,
		);
	}
	const node0 = find(0, defaults);
	const http0 = find(0, http);
	if (node0 && http0) {
		const perItem = (row) => (row.orders ? row.ms / row.orders : 0);
		lines.push(
			`- At 0 ms, time per item no higher than the HTTP Request node's: ${held(perItem(node0) <= perItem(http0))} (${perItem(node0).toFixed(1)} ms against ${perItem(http0).toFixed(1)} ms)`,
		);
	}
	return lines;
}

function writeResults(folder, run) {
	const meta = {
		name: run.name ?? 'top-ups',
		line: run.line,
		n8nVersion: run.n8nVersion,
		nodeVersion: run.nodeVersion,
		items: run.items,
		rounds: run.rounds,
		simulatorRps: run.simulatorRps,
		...machine(),
	};
	const rows = summarise(run.samples);
	const table = markdown(meta, rows);
	saveResults(folder, meta, { ...meta, rows, samples: run.samples }, table);
	return { rows, table };
}

module.exports = { writeResults, summarise, median };

// `node test/bench/report.js bench/results/top-ups-2.x.json` writes the table again from the samples.
if (require.main === module) {
	const file = path.resolve(process.argv[2]);
	const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
	const { table } = writeResults(path.dirname(file), { ...saved, samples: saved.samples });
	process.stdout.write(`${table}\n`);
}
