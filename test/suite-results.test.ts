// eslint-disable-next-line @typescript-eslint/no-require-imports
const { MINIMUMS, parseSuiteOutput, parseJestReport, judgeRun } = require('./suite-results') as {
	MINIMUMS: Record<string, number>;
	parseSuiteOutput: (name: string, output: string, exitCode: number | null) => Result;
	parseJestReport: (report: object | undefined, exitCode: number | null) => Result;
	judgeRun: (
		results: Result[],
		options?: { expected?: string[]; minimums?: Record<string, number> },
	) => { passed: number; failed: number; problems: string[]; lines: string[] };
};

interface Result {
	name: string;
	ran: boolean;
	passed: number;
	failed: number;
	skipped: string[];
}

const e2eOutput = (perLine: number, { skip2x = false } = {}) =>
	[
		'  ok    [examples] examples/ holds the 9 example workflows',
		...['1.x', ...(skip2x ? [] : ['2.x'])].flatMap((line) =>
			Array.from({ length: perLine }, (_, index) => `  ok    [${line}] check ${index}`),
		),
		...(skip2x
			? [
					'[e2e 2.x] SKIPPED: Node 24 is needed for the n8n 2.x line but could not be installed',
					'[e2e] not run on this machine: 2.x (see the SKIPPED note above)',
				]
			: []),
		`e2e: ${1 + perLine * (skip2x ? 1 : 2)} passed, 0 failed`,
	].join('\n');

const jestReport = (passed: number, extra: object = {}) => ({
	numPassedTests: passed,
	numFailedTests: 0,
	numPendingTests: 0,
	numTodoTests: 0,
	numRuntimeErrorTestSuites: 0,
	...extra,
});

// The e2e checks of one n8n line in fullRun: enough for each line's minimum and, with the one check of
// examples/, for the e2e minimum.
const PER_LINE = Math.max(
	Math.ceil((MINIMUMS.e2e - 1) / 2),
	MINIMUMS['e2e 1.x'],
	MINIMUMS['e2e 2.x'],
);
const M = MINIMUMS;
const ALL = M.scan + M.jest + 1 + 2 * PER_LINE + M.queue + M.browser;

function fullRun(overrides: Partial<Record<string, Result>> = {}): Result[] {
	const results: Record<string, Result> = {
		scan: parseSuiteOutput('scan', 'ok   source: no finding\nscan: 2 passed, 0 failed\n', 0),
		jest: parseJestReport(jestReport(MINIMUMS.jest), 0),
		e2e: parseSuiteOutput('e2e', e2eOutput(PER_LINE), 0),
		queue: parseSuiteOutput('queue', `queue: ${MINIMUMS.queue} passed, 0 failed`, 0),
		browser: parseSuiteOutput('browser', `browser: ${MINIMUMS.browser} passed, 0 failed`, 0),
	};
	return Object.values({ ...results, ...overrides }) as Result[];
}

describe('npm test judges whether every suite ran in full', () => {
	test('every suite at its minimum passes, and the summary lists each suite then the total', () => {
		const run = judgeRun(fullRun());
		expect(run.problems).toEqual([]);
		expect(run.lines).toEqual([
			`  scan: ${M.scan} passed, 0 failed (minimum ${M.scan})`,
			`  jest: ${M.jest} passed, 0 failed (minimum ${M.jest})`,
			`  e2e: ${1 + 2 * PER_LINE} passed, 0 failed (minimum ${M.e2e})`,
			`  e2e 1.x: ${PER_LINE} passed, 0 failed (minimum ${M['e2e 1.x']})`,
			`  e2e 2.x: ${PER_LINE} passed, 0 failed (minimum ${M['e2e 2.x']})`,
			`  queue: ${M.queue} passed, 0 failed (minimum ${M.queue})`,
			`  browser: ${M.browser} passed, 0 failed (minimum ${M.browser})`,
			`tests: ${ALL} passed, 0 failed`,
		]);
	});

	test('the browser suite skipped for want of Chromium fails the run and says why', () => {
		const browser = parseSuiteOutput(
			'browser',
			"SKIP browser checks: chromium is missing (not found); install Debian's chromium package\nbrowser: 0 passed, 0 failed\n",
			0,
		);
		const run = judgeRun(fullRun({ browser }));
		expect(run.problems).toEqual([
			"browser: skipped: SKIP browser checks: chromium is missing (not found); install Debian's chromium package",
			`browser: ran 0 checks, fewer than its minimum of ${M.browser} (some tests did not run)`,
		]);
		expect(run.lines.at(-1)).toBe(`tests: ${ALL - M.browser} passed, 2 failed`);
	});

	test('the queue suite skipped for want of Node 24 fails the run', () => {
		const queue = parseSuiteOutput(
			'queue',
			'[e2e queue] SKIPPED: Node 24 is needed for the n8n 2.x line\nqueue: 0 passed, 0 failed\n',
			0,
		);
		const run = judgeRun(fullRun({ queue }));
		expect(run.problems[0]).toBe(
			'queue: skipped: [e2e queue] SKIPPED: Node 24 is needed for the n8n 2.x line',
		);
		expect(run.failed).toBe(2);
	});

	test('an e2e line that did not run fails the run, even when the total reaches the minimum', () => {
		const e2e = parseSuiteOutput('e2e', e2eOutput(M.e2e + 3, { skip2x: true }), 0);
		const run = judgeRun(fullRun({ e2e }));
		expect(run.problems).toEqual([
			'e2e: skipped: [e2e 2.x] SKIPPED: Node 24 is needed for the n8n 2.x line but could not be installed',
			`e2e 2.x: ran 0 checks, fewer than its minimum of ${M['e2e 2.x']} (some tests did not run)`,
		]);
		expect(run.lines).toContain(`  e2e 2.x: 0 passed, 0 failed (minimum ${M['e2e 2.x']})`);
	});

	test('a suite below its minimum fails the run; one at or above it does not', () => {
		const below = judgeRun(fullRun({ jest: parseJestReport(jestReport(MINIMUMS.jest - 1), 0) }));
		expect(below.problems).toEqual([
			`jest: ran ${M.jest - 1} checks, fewer than its minimum of ${M.jest} (some tests did not run)`,
		]);
		const above = judgeRun(fullRun({ jest: parseJestReport(jestReport(MINIMUMS.jest + 5), 0) }));
		expect(above.problems).toEqual([]);
	});

	test('skipped or todo jest tests fail the run', () => {
		const jest = parseJestReport(
			jestReport(MINIMUMS.jest, { numPendingTests: 2, numTodoTests: 1 }),
			0,
		);
		expect(judgeRun(fullRun({ jest })).problems).toEqual([
			'jest: skipped: 3 jest tests are marked skip or todo',
		]);
	});

	test('a missing suite, or one that printed no count, fails the run', () => {
		const withoutQueue = fullRun().filter((result) => result.name !== 'queue');
		expect(judgeRun(withoutQueue).problems).toEqual([
			'queue: did not run (the run stopped before it)',
		]);
		const silent = parseSuiteOutput('browser', 'Error: Cannot find module\n', 1);
		expect(judgeRun(fullRun({ browser: silent })).problems).toEqual([
			'browser: printed no "browser: N passed, M failed" line (it exited with code 1)',
		]);
		expect(judgeRun(fullRun({ jest: parseJestReport(undefined, 1) })).problems).toEqual([
			'jest: printed no "jest: N passed, M failed" line (it exited with code 1)',
		]);
	});

	test('failed checks add up, and the last count line of a suite is the one that counts', () => {
		const queue = parseSuiteOutput(
			'queue',
			`queue: 1 passed, 0 failed\n  FAIL  [queue] one order\nqueue: ${M.queue - 1} passed, 1 failed\n`,
			1,
		);
		const run = judgeRun(fullRun({ queue }));
		expect(run.problems).toEqual([]);
		expect(run.lines.at(-1)).toBe(`tests: ${ALL - 1} passed, 1 failed`);
	});

	test('a suite run alone is judged alone', () => {
		const jest = parseJestReport(jestReport(MINIMUMS.jest), 0);
		const run = judgeRun([jest], { expected: ['jest'] });
		expect(run.problems).toEqual([]);
		expect(run.lines).toEqual([
			`  jest: ${M.jest} passed, 0 failed (minimum ${M.jest})`,
			`tests: ${M.jest} passed, 0 failed`,
		]);
	});
});
