'use strict';

// Loaded into n8n's processes with `node --require` (NODE_OPTIONS): when one exits, it appends its peak
// resident memory (getrusage's maxrss, so no sample can miss the peak) and its arguments to the file
// named by BENCH_PEAK_RSS_FILE, one JSON line per process.
//
// It also loads test/e2e/flush-before-exit.js: a run of a few MB (1,000 items with the whole answer
// each) would otherwise be cut short, and the run's timing could not be read.

const fs = require('node:fs');

const file = process.env.BENCH_PEAK_RSS_FILE;
if (file) {
	require('../e2e/flush-before-exit');
	process.once('exit', () => {
		try {
			const line = {
				pid: process.pid,
				argv: process.argv.slice(1),
				maxRssKb: process.resourceUsage().maxRSS,
			};
			fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
		} catch {
			// A benchmark without the figure is better than an n8n that fails to exit.
		}
	});
}

/** The peak RSS (MB) of the `n8n execute` process recorded in `file`, or null. */
function executePeakMb(file) {
	if (!fs.existsSync(file)) return null;
	const lines = fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line))
		.filter((line) => line.argv.includes('execute'));
	return lines.length
		? Math.round((Math.max(...lines.map((l) => l.maxRssKb)) / 1024) * 10) / 10
		: null;
}

module.exports = { executePeakMb };
