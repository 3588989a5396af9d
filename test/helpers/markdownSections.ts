import * as path from 'path';

/** What of a README section must survive translation: its tables, code, and links. */
export interface Section {
	/** `##`, `###`, … ('' for the text before the first of them). */
	marks: string;
	heading: string;
	/** The English heading the section stands for: its own heading, or its `<!-- en: … -->` marker. */
	key: string | undefined;
	line: number;
	/** The anchor GitHub gives the heading. */
	slug: string;
	tables: Table[];
	/** Fenced code blocks, shell comments left out (a translation may translate them). */
	codeBlocks: string[];
	/** Inline code, whitespace collapsed. */
	codeSpans: string[];
	/** The figures of the text outside tables and code blocks. */
	proseFigures: string[];
	/** Link and image targets as written. */
	links: string[];
}

export interface Table {
	header: string;
	/** Each body row's cells. */
	rows: string[][];
	columns: number;
}

const markerPattern = /^<!-- en: (.+?) -->$/;

/**
 * Splits a Markdown file into its sections. With `keyedBy: 'en marker'` a section's key is the
 * `<!-- en: English heading -->` line under its heading; otherwise the heading itself.
 */
export function readSections(text: string, keyedBy: 'heading' | 'en marker'): Section[] {
	const lines = text.split('\n');
	const sections: Section[] = [];
	const slugs = new Map<string, number>();
	let current = newSection('', '', 0, '');
	current.key = '';
	let prose: string[] = [];
	let outsideTables: string[] = [];
	let fence: { indent: number; language: string; body: string[] } | undefined;
	let table: Table | undefined;

	const closeSection = () => {
		const joined = prose.join('\n');
		current.codeSpans = [...joined.matchAll(/`([^`]+)`/g)].map((m) => m[1].replace(/\s+/g, ' '));
		current.links = [...joined.matchAll(/\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
		current.proseFigures = figures(outsideTables.join('\n'));
		sections.push(current);
		prose = [];
		outsideTables = [];
	};

	lines.forEach((line, index) => {
		if (fence) {
			if (/^\s*```\s*$/.test(line)) {
				current.codeBlocks.push(fence.body.join('\n'));
				fence = undefined;
			} else {
				const code = line.slice(fence.indent).trimEnd();
				fence.body.push(/^(sh|bash)$/.test(fence.language) ? code.replace(/\s+#.*$/, '') : code);
			}
			return;
		}
		const opening = /^(\s*)```(\w*)/.exec(line);
		if (opening) {
			fence = { indent: opening[1].length, language: opening[2], body: [] };
			table = undefined;
			return;
		}
		const heading = /^(#{2,6})\s+(.+?)\s*$/.exec(line);
		if (heading) {
			closeSection();
			table = undefined;
			current = newSection(heading[1], heading[2], index + 1, uniqueSlug(heading[2], slugs));
			if (keyedBy === 'heading') current.key = heading[2];
			else {
				const next = lines.slice(index + 1).find((l) => l.trim() !== '');
				current.key = markerPattern.exec(next?.trim() ?? '')?.[1];
			}
			return;
		}
		prose.push(line);
		if (/^\s*\|/.test(line)) {
			const cells = line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|');
			if (!table) {
				table = { header: line.trim(), rows: [], columns: cells.length };
				current.tables.push(table);
			} else if (!/^[\s|:-]+$/.test(line)) table.rows.push(cells.map((c) => c.trim()));
		} else {
			table = undefined;
			outsideTables.push(line);
		}
	});
	closeSection();
	return sections;
}

function newSection(marks: string, heading: string, line: number, slug: string): Section {
	return {
		marks,
		heading,
		key: undefined,
		line,
		slug,
		tables: [],
		codeBlocks: [],
		codeSpans: [],
		proseFigures: [],
		links: [],
	};
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function uniqueSlug(heading: string, seen: Map<string, number>): string {
	const base = heading
		.replace(/<[^>]+>|`/g, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
		.replace(/ /g, '-');
	const count = seen.get(base) ?? 0;
	seen.set(base, count + 1);
	return count === 0 ? base : `${base}-${count}`;
}

/**
 * The figures of a text, sorted: `1,000` and `1000` are the same figure; digits in names (`n8n`, `v1.4`,
 * `SHA256`) are not figures.
 */
export function figures(text: string): string[] {
	return [...text.matchAll(/(?<![A-Za-z\d.,])\d+(?:[.,]\d+)*(?!\d)/g)]
		.map((m) => m[0].replace(/,/g, ''))
		.sort();
}

/**
 * Where a link in `file` (a path from the repository root) leads, from the repository root: a file, a
 * heading of the same file as `#<section key>`, or an address as written.
 */
export function linkTarget(link: string, file: string, sections: Section[]): string {
	if (/^[a-z]+:/i.test(link)) return link;
	if (link.startsWith('#')) {
		const section = sections.find((s) => s.slug === decodeURIComponent(link.slice(1)));
		return section ? `#${section.key}` : `${file}${link} (no such heading)`;
	}
	const [target, fragment] = link.split('#');
	const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), target));
	return resolved.replace(/\/$/, '') + (fragment ? `#${fragment}` : '');
}
