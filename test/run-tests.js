#!/usr/bin/env node
'use strict';
// `npm test`: installs what is missing, then lint, build, n8n's scanner, type check and every suite: the
// simulator and engine tests (jest), the end-to-end tests in real n8n, queue mode, and the editor in a
// browser. The summary lists each suite with its count; a suite that did not run, skipped something or
// ran fewer checks than its minimum (test/suite-results.js) fails the run. The last line counts every
// test of every suite.
//
//   npm test                      every suite
//   npm test -- jest queue        these suites only (lint, build and type check still run first)
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { SUITES, parseSuiteOutput, parseJestReport, judgeRun } = require('./suite-results');

const root = path.resolve(__dirname, '..');
const results = [];
let expected = SUITES;

function say(line) {
	process.stdout.write(`\n[npm test] ${line}\n`);
}

function step(title, command, args) {
	say(title);
	const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) finish(`failed: ${title}`);
}

/** Runs a suite that ends with a line "<name>: N passed, M failed", echoing its output. */
function suite(name, title, command, args) {
	say(title);
	return new Promise((resolve) => {
		const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
		const chunks = [];
		child.stdout.on('data', (chunk) => {
			process.stdout.write(chunk);
			chunks.push(chunk);
		});
		child.on('close', (code) => {
			results.push(parseSuiteOutput(name, Buffer.concat(chunks).toString(), code));
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
	const parsed = parseJestReport(summary, result.status);
	results.push(parsed);
	process.stdout.write(`jest: ${parsed.passed} passed, ${parsed.failed} failed\n`);
}

function finish(problem) {
	if (problem) say(problem);
	const run = judgeRun(results, { expected });
	say('summary');
	for (const line of run.problems) process.stdout.write(`NOT PROVEN ${line}\n`);
	process.stdout.write(`${run.lines.join('\n')}\n`);
	process.exit(problem || run.failed > 0 ? 1 : 0);
}

function installedPackagesMatchLock() {
	const lock = path.join(root, 'package-lock.json');
	const installed = path.join(root, 'node_modules', '.package-lock.json');
	return fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs;
}

function chosenSuites(argv) {
	const unknown = argv.filter((name) => !SUITES.includes(name));
	if (unknown.length) {
		process.stderr.write(`Unknown suite ${unknown.join(', ')}; use any of: ${SUITES.join(' ')}\n`);
		process.exit(2);
	}
	return argv.length ? SUITES.filter((name) => argv.includes(name)) : SUITES;
}

async function main() {
	expected = chosenSuites(process.argv.slice(2));
	const runs = (name) => expected.includes(name);
	if (!installedPackagesMatchLock())
		step('installing dev dependencies (npm ci)', 'npm', ['ci', '--no-audit', '--no-fund']);
	step('lint', 'npm', ['run', 'lint', '--silent']);
	step('build', 'npm', ['run', 'build', '--silent']);
	if (
		runs('scan') &&
		!(await suite('scan', "n8n's verification scanner: the source and the packed tarball", 'node', [
			'test/scan-package.js',
		]))
	)
		finish('failed: scan');
	step('type check (tests included)', 'npm', ['run', 'typecheck', '--silent']);
	if (runs('jest')) jest();
	if (runs('e2e'))
		await suite(
			'e2e',
			'end-to-end in real n8n (installs n8n 1.123 and 2.41 on first use)',
			'node',
			['test/e2e/run-e2e.js'],
		);
	if (runs('queue'))
		await suite(
			'queue',
			'queue mode: n8n 2.41 main and two workers on PostgreSQL and Redis',
			'node',
			['test/e2e/queue/run-queue.js'],
		);
	if (runs('browser'))
		await suite('browser', 'the editor in a browser', 'node', ['test/e2e/browser.js']);
	finish();
}

main().catch((error) => finish(error.stack ?? String(error)));
