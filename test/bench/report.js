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

const wallMs = (sample) => sample.nodeExecutionMs ?? sample.clientMs ?? null;

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
		rounds: group.length,
		// What the user waits for: the node's run as n8n timed it (the raw loop: its own clock).
		ms: median(group.map(wallMs)),
		minMs: Math.min(...group.map(wallMs).filter((ms) => ms !== null)),
		maxMs: Math.max(...group.map(wallMs).filter((ms) => ms !== null)),
		// The `n8n execute` process's peak (getrusage), boot included; the most of any round.
		peakRssMb: Math.max(...group.map((s) => s.peakRssMb ?? -1)),
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
		const sameScenario = (name) =>
			rows.find((other) => other.scenario === row.scenario && other.contender.startsWith(name));
		const raw = sameScenario('raw');
		const floor = sameScenario(FLOOR);
		row.ratioToFloor = raw?.ms && row.ms ? row.ms / raw.ms : null;
		row.ratioToDeclarative = floor?.ms && row.ms ? row.ms / floor.ms : null;
		if (row.peakRssMb < 0) row.peakRssMb = null;
	}
	return rows;
}

/** How long the node keeps product rules, read from the built node when the table is written. */
const rulesKeptMinutes = () =>
	require('../../dist/nodes/Cardepass/shared/productRules').RULES_KEPT_MS / 60_000;

const FLOOR = 'minimal declarative node';

const seconds = (ms) => (ms === null ? '—' : `${(ms / 1000).toFixed(2)} s`);
const ratio = (value) => (value === null ? '—' : value.toFixed(2));
const spreadOf = (row) => row.maxMs - row.minMs;

/**
 * "faster" or "slower" only when the medians differ by more than the larger spread (max − min) of the
 * two contenders' rounds; otherwise "level".
 */
function verdict(row, other) {
	if (row.rounds < 2 || other.rounds < 2) return 'one round, no spread to judge by';
	const difference = other.ms - row.ms;
	const spread = Math.max(spreadOf(row), spreadOf(other));
	if (Math.abs(difference) <= spread) return 'level';
	return difference > 0 ? 'faster' : 'slower';
}

const range = (row) => `${seconds(row.ms)} (${seconds(row.minMs)}–${seconds(row.maxMs)})`;

function markdown(meta, rows) {
	const lines = [
		`${meta.items} top-ups in one execution, n8n ${meta.n8nVersion} (${meta.line}) on Node ${meta.nodeVersion}, ` +
			`${meta.cpu} × ${meta.cores}, medians of ${meta.rounds}; simulator alone: ${meta.simulatorRps} top-ups/s.`,
		'',
		"Wall time: the node's run as n8n timed it (the raw loop: its own clock), median (min–max) of the rounds. × declarative: against the minimal declarative node (n8n's declarative engine alone); × raw: against the raw client loop. Simulator span: from the first request the simulator saw to its last answer. Peak RSS: the `n8n execute` process's peak (boot included), the most of any round.",
		'',
		'| scenario | contender | wall time, median (min–max) | per item | × declarative | × raw | simulator span | token requests (most) | requests | answered 429 | max in flight | failed items | duplicate orders | peak RSS |',
		'| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
	];
	for (const row of rows) {
		const perItem = row.ms === null ? '—' : `${(row.ms / meta.items).toFixed(2)} ms`;
		const peak = row.peakRssMb === null ? '—' : `${Math.round(row.peakRssMb)} MB`;
		lines.push(
			`| ${row.scenario} | ${row.contender} | ${range(row)} | ${perItem} | ${ratio(row.ratioToDeclarative)} | ${ratio(row.ratioToFloor)} | ${seconds(row.simulatorSpanMs)} | ` +
				`${row.tokenRequests} | ${row.requests} | ${row.refused429} | ${row.maxInFlight} | ${row.failedItems} | ${row.duplicateOrders} | ${peak} |`,
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
	const floor = (name) => name === FLOOR;
	const lines = [];
	const nodeRows = rows.filter((row) => row.contender.startsWith('this node'));
	if (nodeRows.length === 0) return lines;
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
	const node0 = find(0, defaults);
	const http0 = find(0, http);
	const floor0 = find(0, floor);
	if (node0 && floor0) {
		lines.push(
			`- At 0 ms, this node within 1.25× the minimal declarative node: ${held(node0.ms <= 1.25 * floor0.ms)} (${(node0.ms / floor0.ms).toFixed(2)}×: ${range(node0)} against ${range(floor0)})`,
		);
	}
	if (node0 && http0) {
		lines.push(
			`- At 0 ms, this node at least 1.5× faster than the HTTP Request node: ${held(http0.ms >= 1.5 * node0.ms)} (${(http0.ms / node0.ms).toFixed(2)}×, ${verdict(node0, http0)}: ${range(node0)} against ${range(http0)})`,
		);
	}
	if (floor0 && http0) {
		lines.push(
			`- At 0 ms, the minimal declarative node against the HTTP Request node: ${(http0.ms / floor0.ms).toFixed(2)}× (${verdict(floor0, http0)}), the most a declarative node can gain here`,
		);
	}
	if (node80 && http80) {
		lines.push(
			`- At 80 ms, this node with its defaults faster than the HTTP Request node with its defaults, by more than the spread of the rounds: ${held(verdict(node80, http80) === 'faster')} (${verdict(node80, http80)}: ${range(node80)} against ${range(http80)})`,
		);
	}
	if (five80 && raw80) {
		lines.push(
			`- At 80 ms and the same concurrency (5), within 1.3× the raw client loop: ${held(five80.ms <= 1.3 * raw80.ms)} (${(five80.ms / raw80.ms).toFixed(2)}×)`,
		);
	}
	const node429 = rows.find((row) => row.scenario.includes('429') && defaults(row.contender));
	for (const other of rows.filter((row) => row.scenario.includes('429') && http(row.contender))) {
		if (!node429) break;
		lines.push(
			`- Against the 429 simulator, this node against the ${other.contender}: ${verdict(node429, other)} (${range(node429)} against ${range(other)}; ${other.failedItems} of its items failed, ${node429.failedItems} of this node's)`,
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

module.exports = { writeResults, summarise, median, verdict };

// `node test/bench/report.js bench/results/top-ups-2.x.json` writes the table again from the samples.
if (require.main === module) {
	const file = path.resolve(process.argv[2]);
	const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
	const { table } = writeResults(path.dirname(file), { ...saved, samples: saved.samples });
	process.stdout.write(`${table}\n`);
}
