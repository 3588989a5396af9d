'use strict';

// jest's globalSetup: the tests load the compiled node from dist/, so a run after editing a source
// must not test the previous build. Builds when dist/ is missing or older than the sources, and stops
// the run when the build fails.

const { spawnSync } = require('node:child_process');
const { staleReason } = require('../e2e/e2e-package');
const { REPO_ROOT } = require('../e2e/paths');

module.exports = async function buildIfStale() {
	const reason = staleReason();
	if (!reason) return;
	process.stdout.write(`\n[jest] dist/ is out of date (${reason}): running npm run build\n`);
	const result = spawnSync('npm', ['run', 'build', '--silent'], {
		cwd: REPO_ROOT,
		stdio: 'inherit',
	});
	if (result.status !== 0)
		throw new Error(
			'npm run build failed, so the tests would run an old build of the node: fix the build errors above, then run jest again.',
		);
};
