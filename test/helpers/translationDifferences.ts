import { existsSync } from 'fs';
import * as path from 'path';
import { figures, linkTarget, readSections, type Section } from './markdownSections';

export interface Readme {
	/** Path from the repository root. */
	file: string;
	text: string;
}

export interface Differences {
	/** Sections missing, left over, misplaced or unmarked. */
	outline: string[];
	/** Per English section key: tables, figures, code and links that differ. */
	bySection: Map<string, string[]>;
	english: Section[];
}

/**
 * What a translated README lacks of the English one. Each heading of the translation carries the line
 * `<!-- en: English heading -->` under it, naming the section of the English README it translates.
 */
export function translationDifferences(
	root: string,
	english: Readme,
	translated: Readme,
): Differences {
	const en = readSections(english.text, 'heading');
	const tr = readSections(translated.text, 'en marker');
	const outline: string[] = [];
	const bySection = new Map<string, string[]>();
	const name = (s: Section) =>
		s.marks ? `'${s.marks} ${s.key}'` : 'the text before the first section';

	for (const s of tr.filter((s) => s.marks && s.key === undefined))
		outline.push(
			`${translated.file} line ${s.line}: '${s.marks} ${s.heading}' has no <!-- en: … --> line under it naming the section of ${english.file} it translates`,
		);
	const trKeys = tr.filter((s) => s.key !== undefined).map((s) => s.key as string);
	en.forEach((s, index) => {
		if (trKeys.includes(s.key as string)) return;
		const after = index > 0 ? `, after ${name(en[index - 1])}` : '';
		outline.push(
			`${translated.file} lacks ${name(s)} (${english.file} line ${s.line}${after}): translate it there under a heading followed by <!-- en: ${s.key} -->`,
		);
	});
	for (const s of tr.filter((s) => s.marks && s.key !== undefined)) {
		if (!en.some((e) => e.key === s.key))
			outline.push(
				`${translated.file} line ${s.line}: '${s.marks} ${s.heading}' translates '${s.key}', which ${english.file} has no longer: translate the section that replaced it, or remove it`,
			);
		else if (trKeys.filter((k) => k === s.key).length > 1 && tr.find((t) => t.key === s.key) !== s)
			outline.push(`${translated.file} line ${s.line}: a second section marked '${s.key}'`);
	}
	const common = en.filter((s) => trKeys.includes(s.key as string));
	const enOrder = common.map((s) => s.key as string);
	const trOrder = trKeys.filter((k, i) => enOrder.includes(k) && trKeys.indexOf(k) === i);
	const list = (keys: string[]) => keys.map((k) => k || '(introduction)').join(' / ');
	if (enOrder.join('\n') !== trOrder.join('\n'))
		outline.push(
			`the sections are in another order: ${english.file} has ${list(enOrder)}; ${translated.file} has ${list(trOrder)}`,
		);
	for (const s of tr.filter((s) => s.marks)) {
		const e = common.find((c) => c.key === s.key);
		if (e && s.marks !== e.marks)
			outline.push(
				`${translated.file} line ${s.line}: '${s.marks} ${s.heading}' should be a '${e.marks}' heading, as '${e.key}' is in ${english.file}`,
			);
	}

	for (const e of en) {
		const t = tr.find((s) => s.key === e.key);
		const problems: string[] = [];
		bySection.set(e.key as string, problems);
		if (!t) {
			problems.push(`${translated.file} has no section marked <!-- en: ${e.key} -->`);
			continue;
		}
		compareTables(e, t, translated.file, problems);
		compareProseFigures(e, t, translated.file, problems);
		compareCode(e, t, translated.file, problems);
		compareLinks(
			root,
			{ ...english, sections: en },
			e,
			{ ...translated, sections: tr },
			t,
			problems,
		);
	}
	return { outline, bySection, english: en };
}

function compareTables(e: Section, t: Section, file: string, problems: string[]) {
	if (e.tables.length !== t.tables.length)
		problems.push(`${e.tables.length} tables in English, ${t.tables.length} in ${file}`);
	e.tables.forEach((table, index) => {
		const other = t.tables[index];
		if (!other) return;
		const which = `table ${index + 1} (${table.header.slice(0, 40)}…)`;
		if (table.columns !== other.columns)
			problems.push(`${which}: ${table.columns} columns in English, ${other.columns} in ${file}`);
		if (table.rows.length !== other.rows.length) {
			// Rows no longer pair up: their figures are compared once the count is right.
			problems.push(
				`${which}: ${table.rows.length} rows in English, ${other.rows.length} in ${file}`,
			);
			return;
		}
		table.rows.forEach((row, r) => {
			const translatedRow = other.rows[r];
			if (!translatedRow) return;
			const want = figures(row.join(' | ')).join(' ');
			const have = figures(translatedRow.join(' | ')).join(' ');
			if (want !== have)
				problems.push(
					`${which}, row ${r + 1} (${row[0]}): figures ${want || '(none)'} in English, ${have || '(none)'} in ${file}`,
				);
		});
	});
}

/** Every figure of the English text is in the translation as often (a translation may add some). */
function compareProseFigures(e: Section, t: Section, file: string, problems: string[]) {
	const left = [...t.proseFigures];
	const missing = e.proseFigures.filter((figure) => {
		const index = left.indexOf(figure);
		if (index === -1) return true;
		left.splice(index, 1);
		return false;
	});
	if (missing.length)
		problems.push(`figures in the English text that ${file} lacks: ${missing.join(', ')}`);
}

function compareCode(e: Section, t: Section, file: string, problems: string[]) {
	if (e.codeBlocks.length !== t.codeBlocks.length)
		problems.push(
			`${e.codeBlocks.length} code blocks in English, ${t.codeBlocks.length} in ${file}`,
		);
	e.codeBlocks.forEach((block, index) => {
		if (t.codeBlocks[index] !== undefined && t.codeBlocks[index] !== block)
			problems.push(`code block ${index + 1} differs from the English one:\n${block}`);
	});
	for (const span of new Set(e.codeSpans))
		if (!t.codeSpans.includes(span)) problems.push(`\`${span}\` is in English, not in ${file}`);
}

function compareLinks(
	root: string,
	english: Readme & { sections: Section[] },
	e: Section,
	translated: Readme & { sections: Section[] },
	t: Section,
	problems: string[],
) {
	// Each README links to the other; in the comparison both links read "the other README".
	const target = (link: string, readme: Readme & { sections: Section[] }) => {
		const resolved = linkTarget(link, readme.file, readme.sections);
		return resolved === english.file || resolved === translated.file
			? 'the other README'
			: resolved;
	};
	const have = t.links.map((link) => target(link, translated));
	for (const link of e.links)
		if (!have.includes(target(link, english)))
			problems.push(
				`the link to ${link} (${target(link, english)}) is in English, not in ${translated.file}`,
			);
	for (const link of t.links) {
		const resolved = target(link, translated);
		if (resolved.includes('(no such heading)'))
			problems.push(`${translated.file} links to ${link}, which no heading of it has`);
		else if (!/^([a-z]+:|#|the other README)/i.test(resolved)) {
			if (!existsSync(path.join(root, resolved.split('#')[0])))
				problems.push(`${translated.file} links to ${link}, which does not exist`);
		}
	}
}
