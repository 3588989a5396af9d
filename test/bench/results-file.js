'use strict';

// Where a benchmark's figures go: bench/results/<name>-<line>.json (the machine, versions and every
// sample) and .md (the table), the same way for every benchmark.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** The machine the figures were taken on, and when. */
function machine() {
	const cpus = os.cpus();
	return {
		cpu: cpus[0]?.model ?? 'unknown CPU',
		cores: cpus.length,
		date: new Date().toISOString(),
	};
}

/** Writes `<folder>/<name>-<line>.json` from `data` and `.md` from `table`. */
function saveResults(folder, { name, line }, data, table) {
	fs.mkdirSync(folder, { recursive: true });
	const base = path.join(folder, `${name}-${line}`);
	fs.writeFileSync(`${base}.json`, `${JSON.stringify(data, null, '\t')}\n`);
	fs.writeFileSync(`${base}.md`, `${table}\n`);
}

module.exports = { machine, saveResults };
