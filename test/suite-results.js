'use strict';

// What `npm test` makes of each suite's output: how many checks passed and failed, whether the suite
// said it skipped something, and whether the run as a whole proves what it should. A suite that did not
// run, skipped part of itself or ran fewer checks than it had on the day its minimum was set is a failure.

// Today's counts. When you add tests, run `npm test`, read the new count of that suite in the summary
// and raise its minimum here in the same commit; lower one only when you remove tests on purpose.
// "e2e 1.x" and "e2e 2.x" count the checks of that n8n line alone (the rest of "e2e" checks the
// package and examples/ once).
const MINIMUMS = {
	scan: 2,
	jest: 1285,
	e2e: 175,
	'e2e 1.x': 90,
	'e2e 2.x': 85,
	queue: 24,
	browser: 79,
};

// Every suite `npm test` runs, in order; the e2e lines are judged from the e2e suite's output.
const SUITES = ['scan', 'jest', 'e2e', 'queue', 'browser'];
const E2E_LINES = ['1.x', '2.x'];

// How the suites say they left something out: `[e2e 2.x] SKIPPED: ...`, `[e2e queue] SKIPPED: ...`,
// `SKIP browser checks: ...`.
const SKIP_LINE = /^(?:\[[^\]]*\]\s*)?SKIP(?:PED)?\b/;

/**
 * Reads the output of a suite whose last line is "<name>: N passed, M failed".
 * @param {string} name the suite's name, as in SUITES
 * @param {string} output everything the suite printed on stdout
 * @param {number|null} exitCode
 */
function parseSuiteOutput(name, output, exitCode) {
	const lines = output.split(/\r?\n/);
	const summaries = lines
		.map((line) => /^(\w+): (\d+) passed, (\d+) failed\s*$/.exec(line))
		.filter(Boolean);
	const last = summaries.pop();
	const skipped = lines.filter((line) => SKIP_LINE.test(line.trim())).map((line) => line.trim());
	return {
		name,
		ran: !!last,
		passed: last ? Number(last[2]) : 0,
		failed: last ? Number(last[3]) : 0,
		exitCode,
		skipped,
		scopes: countScopes(lines),
	};
}

/** Checks per scope from the e2e reporter's lines "  ok    [1.x] name" and "  FAIL  [1.x] name". */
function countScopes(lines) {
	const scopes = {};
	for (const line of lines) {
		const match = /^\s{2}(ok|FAIL)\s+\[([^\]]+)\]/.exec(line);
		if (!match) continue;
		const scope = (scopes[match[2]] ??= { passed: 0, failed: 0 });
		if (match[1] === 'ok') scope.passed += 1;
		else scope.failed += 1;
	}
	return scopes;
}

/**
 * Reads jest's --json report (undefined when jest wrote none).
 * @param {{ numPassedTests: number, numFailedTests: number, numPendingTests: number,
 *   numTodoTests: number, numRuntimeErrorTestSuites: number } | undefined} report
 */
function parseJestReport(report, exitCode) {
	if (!report) return { name: 'jest', ran: false, passed: 0, failed: 0, exitCode, skipped: [] };
	const skipped = [];
	const left = report.numPendingTests + (report.numTodoTests ?? 0);
	if (left > 0) skipped.push(`${left} jest tests are marked skip or todo`);
	return {
		name: 'jest',
		ran: true,
		passed: report.numPassedTests,
		failed: report.numFailedTests + report.numRuntimeErrorTestSuites,
		exitCode,
		skipped,
	};
}

/** The counts a result adds to the summary: the suite itself and, for e2e, each n8n line. */
function countsOf(result) {
	const counts = [{ name: result.name, passed: result.passed, failed: result.failed }];
	if (result.name === 'e2e')
		for (const line of E2E_LINES) {
			const scope = result.scopes?.[line] ?? { passed: 0, failed: 0 };
			counts.push({ name: `e2e ${line}`, ...scope });
		}
	return counts;
}

/**
 * Judges a run: every expected suite ran, skipped nothing and reached its minimum.
 * @param {object[]} results from parseSuiteOutput / parseJestReport
 * @param {{ expected?: string[], minimums?: Record<string, number> }} [options] expected: the suites
 *   this run was asked for (all of SUITES by default)
 * @returns {{ passed: number, failed: number, problems: string[], lines: string[] }} lines: the summary,
 *   one per suite, then "tests: N passed, M failed"; every problem counts as one failure
 */
function judgeRun(results, { expected = SUITES, minimums = MINIMUMS } = {}) {
	const problems = [];
	const lines = [];
	let passed = 0;
	let failed = 0;
	for (const name of expected) {
		const result = results.find((candidate) => candidate.name === name);
		if (!result) {
			problems.push(`${name}: did not run (the run stopped before it)`);
			lines.push(`  ${name}: not run`);
			continue;
		}
		passed += result.passed;
		failed += result.failed;
		if (!result.ran) {
			const code = result.exitCode === null ? 'was killed' : `exited with code ${result.exitCode}`;
			problems.push(`${name}: printed no "${name}: N passed, M failed" line (it ${code})`);
		} else if (result.failed === 0 && result.exitCode !== 0 && result.exitCode !== undefined) {
			problems.push(`${name}: exited with code ${result.exitCode} though no check failed`);
		}
		for (const skip of result.skipped) problems.push(`${name}: skipped: ${skip}`);
		for (const count of countsOf(result)) {
			const minimum = minimums[count.name];
			const below = result.ran && minimum !== undefined && count.passed + count.failed < minimum;
			if (below)
				problems.push(
					`${count.name}: ran ${count.passed + count.failed} checks, fewer than its minimum of ${minimum} (some tests did not run)`,
				);
			const floor = minimum === undefined ? '' : ` (minimum ${minimum})`;
			lines.push(`  ${count.name}: ${count.passed} passed, ${count.failed} failed${floor}`);
		}
	}
	failed += problems.length;
	lines.push(`tests: ${passed} passed, ${failed} failed`);
	return { passed, failed, problems, lines };
}

module.exports = {
	MINIMUMS,
	SUITES,
	E2E_LINES,
	parseSuiteOutput,
	parseJestReport,
	judgeRun,
};
