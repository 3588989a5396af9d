'use strict';

// The package under test as users get it: built (when dist/ is missing or
// older than the sources) and packed with `npm pack`.

const fs = require('node:fs');
const path = require('node:path');
const { runChecked } = require('./run-command');
const { REPO_ROOT } = require('./paths');

const SOURCES = [
	'nodes',
	'credentials',
	'package.json',
	'tsconfig.json',
	'gulpfile.js',
	'index.js',
];
const BUILD_TIMEOUT_MS = 5 * 60_000;

function newestMtime(target) {
	if (!fs.existsSync(target)) return 0;
	const stat = fs.statSync(target);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = 0;
	for (const entry of fs.readdirSync(target))
		newest = Math.max(newest, newestMtime(path.join(target, entry)));
	return newest;
}

/** The files package.json's "n8n" section points n8n at; tsc rewrites them on every build. */
function entryFiles() {
	const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
	return [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])].map((file) =>
		path.join(REPO_ROOT, file),
	);
}

/** @returns {string|null} why dist/ needs a build, or null when it is current */
function staleReason() {
	const entries = entryFiles();
	const missing = entries.find((file) => !fs.existsSync(file));
	if (missing) return `${path.relative(REPO_ROOT, missing)} is missing`;
	const built = Math.min(...entries.map((file) => fs.statSync(file).mtimeMs));
	const changed = Math.max(...SOURCES.map((source) => newestMtime(path.join(REPO_ROOT, source))));
	return changed > built ? 'sources changed since the last build' : null;
}

/** @returns {Promise<{ built: boolean, reason: string|null, ms: number }>} */
async function buildIfStale() {
	const started = Date.now();
	const reason = staleReason();
	if (reason) {
		await runChecked('npm', ['run', 'build', '--silent'], {
			cwd: REPO_ROOT,
			timeoutMs: BUILD_TIMEOUT_MS,
			label: 'npm run build',
		});
	}
	return { built: !!reason, reason, ms: Date.now() - started };
}

/** @returns {Promise<string>} path of the .tgz written into destination */
async function packPackage(destination) {
	const { stdout } = await runChecked(
		'npm',
		['pack', '--json', '--silent', '--pack-destination', destination],
		{
			cwd: REPO_ROOT,
			timeoutMs: 2 * 60_000,
			label: 'npm pack',
		},
	);
	const tarball = path.join(destination, JSON.parse(stdout)[0].filename);
	if (!fs.existsSync(tarball))
		throw new Error(`npm pack reported ${tarball}, which does not exist`);
	return tarball;
}

module.exports = { buildIfStale, packPackage, staleReason };
