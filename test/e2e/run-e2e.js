#!/usr/bin/env node
'use strict';

// The end-to-end suite: n8n-nodes-cardepass installed from its packed tarball
// into the real n8n of each line, run against the Cardepass simulator.
//
//   node test/e2e/run-e2e.js [1.x|2.x|all] [suite,suite]   (default: all lines, every suite)
//
// Builds when dist/ is missing or older than the sources, packs once, then per
// line (in sequence): every operation, the examples/ workflows, token life,
// errors, the editor's credential test and dropdowns, the trigger with active
// workflows, Retry of failed executions from the Executions list, and the node loaded
// through N8N_CUSTOM_EXTENSIONS. One line per check;
// the last line is "e2e: N passed, M failed"; the exit code is 1 on any failure.
// Installs n8n on first use (see install-n8n.js; minutes), reuses it after.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Reporter } = require('./e2e-reporter');
const { buildIfStale, packPackage } = require('./e2e-package');
const { ensureN8n } = require('./install-n8n');
const { checkExamples } = require('./example-checks');
const { runLine } = require('./run-line');
const { checkCustomExtensions } = require('./custom-extensions');
const { operationsSuite } = require('./suites/operations');
const { examplesSuite } = require('./suites/examples');
const { tokensSuite } = require('./suites/tokens');
const { errorsSuite } = require('./suites/errors');
const { editorSuite } = require('./suites/editor');
const { triggerSuite } = require('./suites/trigger');
const { retrySuite } = require('./suites/retry');
const { domainsSuite } = require('./suites/domains');

const LINES = ['1.x', '2.x'];
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function linesToRun(argument = 'all') {
	if (argument === 'all') return LINES;
	if (!LINES.includes(argument))
		throw new Error(`Unknown line "${argument}"; use ${LINES.join(', ')} or all.`);
	return [argument];
}

/** ensureN8n, or null with a note when the line cannot run on this machine (no Node 24 for 2.x). */
async function installFor(line, t) {
	try {
		const install = await ensureN8n(line);
		t.note(`n8n ${install.version} on Node ${install.nodeVersion}`);
		return install;
	} catch (error) {
		if (/Node 24 is needed/.test(error.message)) {
			t.note(`SKIPPED: ${error.message.split('\n')[0]}`);
			return null;
		}
		t.fail(`install n8n ${line}`, error);
		return null;
	}
}

async function main() {
	const lines = linesToRun(process.argv[2]);
	// Optional: only these suites, e.g. `node test/e2e/run-e2e.js 2.x trigger,editor`.
	const onlySuites = process.argv[3] ? process.argv[3].split(',') : null;
	const reporter = new Reporter();
	const started = Date.now();
	const timings = [];
	const skipped = [];
	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cardepass-e2e-'));
	process.once('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));
	try {
		const pkg = reporter.scope('package');
		const build = await pkg.setup('npm run build (when dist/ is stale)', () => buildIfStale());
		if (build)
			pkg.note(
				build.built
					? `built (${build.reason}) in ${seconds(build.ms)}`
					: 'dist/ is current, not rebuilt',
			);
		const tarball = build && (await pkg.setup('npm pack', () => packPackage(scratch)));
		if (tarball) pkg.note(`packed ${path.basename(tarball)}`);

		await checkExamples(reporter.scope('examples'));

		for (const line of lines) {
			const t = reporter.scope(line);
			const lineStarted = Date.now();
			const install = await installFor(line, t);
			if (!install) {
				if (!reporter.results.some((result) => result.scope === line)) skipped.push(line);
				continue;
			}
			if (!tarball) {
				t.fail('run the suites', new Error('no package tarball (build or pack failed, see above)'));
				continue;
			}
			const suites = [
				operationsSuite(),
				examplesSuite(),
				tokensSuite(),
				errorsSuite(),
				editorSuite(),
				triggerSuite(),
				retrySuite(),
				domainsSuite(),
			].filter((suite) => !onlySuites || onlySuites.includes(suite.name));
			await runLine({ line, install, tarball, suites, t });
			await checkCustomExtensions({ line, install, t });
			timings.push(`${line} ${seconds(Date.now() - lineStarted)}`);
		}
	} finally {
		fs.rmSync(scratch, { recursive: true, force: true });
	}
	console.log(`[e2e] time: ${[...timings, `total ${seconds(Date.now() - started)}`].join(', ')}`);
	if (skipped.length)
		console.log(
			`[e2e] not run on this machine: ${skipped.join(', ')} (see the SKIPPED note above)`,
		);
	console.log(reporter.summary());
	process.exitCode = reporter.failed > 0 ? 1 : 0;
}

// process.exit runs the 'exit' handlers that kill n8n servers and commands still running.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));

main().catch((error) => {
	console.error(error.stack || error.message);
	console.log('e2e: 0 passed, 1 failed');
	process.exitCode = 1;
});
