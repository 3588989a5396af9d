/**
 * test/mutation/summary.js: the score the README states comes from merging several Stryker runs. A test that
 * failed on a mutant in any run kills it; a time-out (which a loaded machine can cause) never overrules a run
 * in which every test passed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const SCRIPT = path.join(__dirname, 'mutation', 'summary.js');
const SOURCE = [
	'const a = 1;',
	'const b = 2;',
	'const c = 3;',
	'const d = 4;',
	'const e = 5;',
].join('\n');

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'mutation-summary-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A Stryker report of one file whose mutant on line n (1–5) ended as statuses[n - 1]. */
function report(name: string, statuses: string[]): string {
	const mutants = statuses.map((status, index) => ({
		mutatorName: 'NumericLiteral',
		replacement: '0',
		status,
		location: { start: { line: index + 1, column: 11 }, end: { line: index + 1, column: 12 } },
	}));
	const file = path.join(dir, `${name}.json`);
	writeFileSync(
		file,
		JSON.stringify({ files: { 'shared/money.ts': { source: SOURCE, mutants } } }),
	);
	return file;
}

test('runs are merged mutant by mutant: a failed test kills, a time-out does not overrule a pass', () => {
	const first = report('first', ['Killed', 'Timeout', 'Timeout', 'NoCoverage', 'RuntimeError']);
	const second = report('second', ['Survived', 'Survived', 'NoCoverage', 'Survived', 'Timeout']);
	const summary = path.join(dir, 'SUMMARY.md');
	const printed = execFileSync('node', [SCRIPT, first, second], {
		env: { ...process.env, MUTATION_SUMMARY_FILE: summary },
		encoding: 'utf8',
	});
	expect(printed).toContain('mutation score 60.0 % (3/5)');
	const written = readFileSync(summary, 'utf8');
	expect(written).toContain('**Score: 60.0 %** (3 of 5 killed)');
	expect(written).toContain('| shared/money.ts | 3 | 2 | 0 | 60.0 % |');
	expect(written.split('\n').filter((line) => line.startsWith('- '))).toEqual([
		'- shared/money.ts:2 NumericLiteral (Survived): `const b = 2;` → `0`',
		'- shared/money.ts:4 NumericLiteral (Survived): `const d = 4;` → `0`',
	]);
});
