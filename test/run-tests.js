#!/usr/bin/env node
'use strict';
// `npm test`: installs what is missing, then lint, build, type check and every test suite, in that order.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');

function step(title, command, args, env = {}) {
	process.stdout.write(`\n[npm test] ${title}\n`);
	const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
	if (result.status !== 0) {
		process.stdout.write(`[npm test] failed: ${title}\n`);
		process.exit(result.status ?? 1);
	}
}

function installedPackagesMatchLock() {
	const lock = path.join(root, 'package-lock.json');
	const installed = path.join(root, 'node_modules', '.package-lock.json');
	return fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs;
}

if (!installedPackagesMatchLock()) step('installing dev dependencies (npm ci)', 'npm', ['ci', '--no-audit', '--no-fund']);
step('lint', 'npm', ['run', 'lint', '--silent']);
step('build', 'npm', ['run', 'build', '--silent']);
step('type check (tests included)', 'npm', ['run', 'typecheck', '--silent']);
step('simulator and engine tests (jest)', 'npx', ['jest', '--ci', ...process.argv.slice(2)]);
