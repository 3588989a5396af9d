#!/usr/bin/env node
'use strict';
// `npm test`: installs what is missing, then lint, build, n8n's scanner, type check and every suite: the
// simulator and engine tests (jest), the end-to-end tests in real n8n, and the editor in a browser. The last
// line counts every test of every suite.
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const totals = { passed: 0, failed: 0 };

function say(line) {
	process.stdout.write(`\n[npm test] ${line}\n`);
}

function step(title, command, args) {
	say(title);
	const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) finish(`failed: ${title}`);
}

/** Runs a suite that ends with a line "<name>: N passed, M failed", echoing its output. */
function suite(title, command, args) {
	say(title);
	return new Promise((resolve) => {
		const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
		let tail = '';
		child.stdout.on('data', (chunk) => {
			process.stdout.write(chunk);
			tail = (tail + chunk.toString()).slice(-4000);
		});
		child.on('close', (code) => {
			const counts = [...tail.matchAll(/^\w+: (\d+) passed, (\d+) failed/gm)].pop();
			if (counts) {
				totals.passed += Number(counts[1]);
				totals.failed += Number(counts[2]);
			} else if (code !== 0) {
				totals.failed += 1;
			}
			resolve(code === 0);
		});
	});
}

function jest() {
	say('simulator, engine and package tests (jest)');
	const report = path.join(
		fs.mkdtempSync(path.join(os.tmpdir(), 'cardepass-jest-')),
		'report.json',
	);
	const result = spawnSync('npx', ['jest', '--ci', '--json', `--outputFile=${report}`], {
		cwd: root,
		stdio: 'inherit',
	});
	const summary = fs.existsSync(report) ? JSON.parse(fs.readFileSync(report, 'utf8')) : undefined;
	fs.rmSync(path.dirname(report), { recursive: true, force: true });
	if (summary) {
		totals.passed += summary.numPassedTests;
		totals.failed += summary.numFailedTests + summary.numRuntimeErrorTestSuites;
	} else {
		totals.failed += 1;
	}
	process.stdout.write(
		`jest: ${summary?.numPassedTests ?? 0} passed, ${summary?.numFailedTests ?? 1} failed\n`,
	);
	return result.status === 0;
}

function finish(problem) {
	if (problem) say(problem);
	process.stdout.write(`\ntests: ${totals.passed} passed, ${totals.failed} failed\n`);
	process.exit(problem || totals.failed > 0 ? 1 : 0);
}

function installedPackagesMatchLock() {
	const lock = path.join(root, 'package-lock.json');
	const installed = path.join(root, 'node_modules', '.package-lock.json');
	return fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs;
}

async function main() {
	if (!installedPackagesMatchLock())
		step('installing dev dependencies (npm ci)', 'npm', ['ci', '--no-audit', '--no-fund']);
	step('lint', 'npm', ['run', 'lint', '--silent']);
	step('build', 'npm', ['run', 'build', '--silent']);
	if (
		!(await suite("n8n's verification scanner: the source and the packed tarball", 'node', [
			'test/scan-package.js',
		]))
	)
		finish('failed: scan');
	step('type check (tests included)', 'npm', ['run', 'typecheck', '--silent']);
	const results = [jest()];
	results.push(
		await suite('end-to-end in real n8n (installs n8n 1.123 and 2.41 on first use)', 'node', [
			'test/e2e/run-e2e.js',
		]),
	);
	results.push(
		await suite('queue mode: n8n 2.41 main and two workers on PostgreSQL and Redis', 'node', [
			'test/e2e/queue/run-queue.js',
		]),
	);
	results.push(await suite('the editor in a browser', 'node', ['test/e2e/browser.js']));
	finish(results.every(Boolean) ? undefined : 'some suites failed');
}

main().catch((error) => finish(error.stack ?? String(error)));
