'use strict';

// The package as users get it: dev dependencies (only when missing), a fresh
// build, and the tarball `npm pack` makes of it.

const fs = require('node:fs');
const path = require('node:path');
const { runChecked } = require('../e2e/run-command');
const { REPO_ROOT } = require('../e2e/paths');

const NPM_CI_TIMEOUT_MS = 15 * 60_000;
const BUILD_TIMEOUT_MS = 5 * 60_000;

function devDependenciesInstalled() {
	const bin = path.join(REPO_ROOT, 'node_modules', '.bin');
	return ['tsc', 'gulp'].every((tool) => fs.existsSync(path.join(bin, tool)));
}

/**
 * @param {object} options
 * @param {string} options.packDir where the tarball goes
 * @param {(message: string) => void} options.log
 * @returns {Promise<string>} the tarball's path
 */
async function buildAndPack({ packDir, log }) {
	if (!devDependenciesInstalled()) {
		log('dev dependencies missing: npm ci (first run only, about a minute)');
		await runChecked('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=warn'], {
			cwd: REPO_ROOT,
			timeoutMs: NPM_CI_TIMEOUT_MS,
			label: 'npm ci',
		});
	}
	log('building the package (npm run build)');
	await runChecked('npm', ['run', 'build'], {
		cwd: REPO_ROOT,
		timeoutMs: BUILD_TIMEOUT_MS,
		label: 'npm run build',
	});
	fs.mkdirSync(packDir, { recursive: true });
	const { stdout } = await runChecked('npm', ['pack', '--json', '--pack-destination', packDir], {
		cwd: REPO_ROOT,
		label: 'npm pack',
	});
	return path.join(packDir, JSON.parse(stdout)[0].filename);
}

module.exports = { buildAndPack };
