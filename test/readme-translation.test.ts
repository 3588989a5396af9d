/**
 * docs/README.zh-CN.md is a full counterpart of README.md: every section, in the same order, with the same
 * tables (row for row, the same figures), every figure of the text, the same code, and links to the same
 * places. Each heading of the
 * Chinese README has a line `<!-- en: English heading -->` under it naming the section it translates, so a
 * section added to or renamed in README.md fails here, by name, until it is translated.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { translationDifferences, type Readme } from './helpers/translationDifferences';

const root = path.resolve(__dirname, '..');
const read = (file: string): Readme => ({
	file,
	text: readFileSync(path.join(root, file), 'utf8'),
});
const english = read('README.md');
const chinese = read('docs/README.zh-CN.md');
const differences = translationDifferences(root, english, chinese);

describe('the Chinese README (docs/README.zh-CN.md)', () => {
	test('has a counterpart of every section of README.md, at the same level and in the same order', () => {
		expect(differences.outline).toEqual([]);
	});

	test.each(
		differences.english.map((s) => [s.marks ? `${s.marks} ${s.key}` : 'the introduction', s.key]),
	)("'%s' has the same tables and figures, code, and links", (_name, key) => {
		expect(differences.bySection.get(key as string)).toEqual([]);
	});
});

describe('the check', () => {
	/** Problems the check finds in `found` beyond those of the READMEs as they are. */
	const added = (found: ReturnType<typeof translationDifferences>) => {
		const before = [...differences.outline, ...[...differences.bySection.values()].flat()];
		return [...found.outline, ...[...found.bySection.values()].flat()].filter(
			(problem) => !before.includes(problem),
		);
	};

	test('names a section README.md gained and the Chinese README lacks', () => {
		const last = differences.english[differences.english.length - 1];
		const gained = { ...english, text: `${english.text}\n## A new section\n\nWhat it says.\n` };
		const line = gained.text.split('\n').indexOf('## A new section') + 1;
		expect(added(translationDifferences(root, gained, chinese))).toEqual([
			`docs/README.zh-CN.md lacks '## A new section' (README.md line ${line}, after '${last.marks} ${last.key}'): translate it there under a heading followed by <!-- en: A new section -->`,
			'docs/README.zh-CN.md has no section marked <!-- en: A new section -->',
		]);
	});

	test('names a section deleted from the Chinese README', () => {
		const start = chinese.text.indexOf('\n## Cardepass Trigger\n');
		const end = chinese.text.indexOf('\n## ', start + 1);
		const shortened = { ...chinese, text: chinese.text.slice(0, start) + chinese.text.slice(end) };
		expect(added(translationDifferences(root, english, shortened))).toEqual([
			expect.stringContaining("docs/README.zh-CN.md lacks '## Cardepass Trigger'"),
			'docs/README.zh-CN.md has no section marked <!-- en: Cardepass Trigger -->',
		]);
	});

	test('names a table row the Chinese README lacks and a figure that differs', () => {
		const lines = chinese.text.split('\n');
		const outsideCode = /`[^`]*`|\d/g;
		const bodyRow = (from: number) =>
			lines.findIndex(
				(line, i) =>
					i > from &&
					/^\|[\s|:-]+\|$/.test(lines[i - 1]) &&
					/\d/.test(line.replace(/`[^`]*`/g, '')),
			);
		const dropped = bodyRow(0);
		const changed = bodyRow(dropped + 1);
		let bumped = false;
		lines[changed] = lines[changed].replace(outsideCode, (match) => {
			if (bumped || match.length > 1) return match;
			bumped = true;
			return String((Number(match) + 1) % 10);
		});
		lines.splice(dropped, 1);
		const stale = { ...chinese, text: lines.join('\n') };
		expect(added(translationDifferences(root, english, stale))).toEqual(
			expect.arrayContaining([
				expect.stringMatching(
					/^table 1 .*: (\d+) rows in English, \d+ in docs\/README\.zh-CN\.md$/,
				),
				expect.stringMatching(
					/^table \d+ .*, row 1 .*: figures .* in English, .* in docs\/README\.zh-CN\.md$/,
				),
			]),
		);
	});

	test('names a figure of the English text the Chinese README lacks', () => {
		const [before, last] = differences.english.slice(-2);
		const heading = `\n${last.marks} ${last.key}\n`;
		const longer = {
			...english,
			text: english.text.replace(heading, `\nIt takes 4321 ms.\n${heading}`),
		};
		const found = translationDifferences(root, longer, chinese);
		expect(added(found)).toEqual([
			'figures in the English text that docs/README.zh-CN.md lacks: 4321',
		]);
		expect(found.bySection.get(before.key as string)).toHaveLength(1);
	});
});
