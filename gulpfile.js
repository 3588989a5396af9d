const fs = require('fs');
const path = require('path');
const { src, dest } = require('gulp');

// tsc emits only JavaScript; n8n reads each node's icon and codex file from beside the built node.
function buildAssets() {
	return src(['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

/** The source a built file comes from: X.js and X.d.ts from X.ts, an asset from itself. */
function sourceOf(relative) {
	if (relative.endsWith('.d.ts')) return relative.replace(/\.d\.ts$/, '.ts');
	if (relative.endsWith('.js')) return relative.replace(/\.js$/, '.ts');
	return relative;
}

// Last step of the build: deletes whatever dist/ holds that no source produces any more (a renamed or
// deleted file's old output), so the package never ships it. Runs after the build rather than emptying
// dist/ before it, so dist/ is never missing while it is rebuilt.
async function pruneDist() {
	const dist = path.join(__dirname, 'dist');
	const prune = (dir) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) {
				prune(full);
				if (fs.readdirSync(full).length === 0) fs.rmdirSync(full);
			} else if (!fs.existsSync(path.join(__dirname, sourceOf(path.relative(dist, full))))) {
				fs.rmSync(full);
			}
		}
	};
	if (fs.existsSync(dist)) prune(dist);
}

const UNRELEASED = /^## Unreleased\n([\s\S]*?)(?=^## |(?![\s\S]))/m;

function unreleasedEntries() {
	const changelog = fs.readFileSync(path.join(__dirname, 'CHANGELOG.md'), 'utf8');
	const unreleased = UNRELEASED.exec(changelog);
	if (!unreleased) throw new Error('CHANGELOG.md: no "## Unreleased" section');
	if (!/^- /m.test(unreleased[1]))
		throw new Error('CHANGELOG.md: nothing under "## Unreleased" to release');
	return { changelog, unreleased };
}

// `npm version`, before anything changes: a release needs entries under "## Unreleased".
async function checkChangelog() {
	unreleasedEntries();
}

// `npm version`, after package.json is bumped: the Unreleased entries become the new version's section,
// dated today, under a fresh empty "## Unreleased".
async function releaseChangelog() {
	const { changelog, unreleased } = unreleasedEntries();
	const { version } = JSON.parse(fs.readFileSync(path.join(__dirname, 'package.json'), 'utf8'));
	if (new RegExp(`^## ${version.replace(/\./g, '\\.')}\\b`, 'm').test(changelog)) {
		throw new Error(`CHANGELOG.md: already has a section for ${version}`);
	}
	const today = new Date().toISOString().slice(0, 10);
	const released = `## Unreleased\n\n## ${version} (${today})\n${unreleased[1]}`;
	fs.writeFileSync(
		path.join(__dirname, 'CHANGELOG.md'),
		changelog.slice(0, unreleased.index) +
			released +
			changelog.slice(unreleased.index + unreleased[0].length),
	);
}

exports['build:icons'] = buildAssets;
exports['build:prune'] = pruneDist;
exports['changelog:check'] = checkChangelog;
exports['changelog:release'] = releaseChangelog;
