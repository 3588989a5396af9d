'use strict';

// Debian's Chromium for the browser checks: installed with apt when missing
// (only as root, only where apt-get exists), never a browser download by
// Playwright. A CJK font comes along: the simulator's first product is named
// 美元虚拟卡 and would otherwise show as empty boxes in the screenshots.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runCommand } = require('../run-command');

const CHROMIUM = '/usr/bin/chromium';
const PACKAGES = ['chromium'];
const CJK_FONT_PACKAGE = 'fonts-wqy-microhei';
const APT_TIMEOUT_MS = 15 * 60_000;
const ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic',
];

function hasApt() {
	return fs.existsSync('/usr/bin/apt-get');
}

function isRoot() {
	return typeof process.getuid === 'function' && process.getuid() === 0;
}

async function hasCjkFont() {
	const result = await runCommand('fc-list', [':lang=zh'], { timeoutMs: 30_000 }).catch(() => null);
	return !!result && result.code === 0 && result.stdout.trim() !== '';
}

async function aptInstall(packages, log) {
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	log(`apt-get update && apt-get install -y ${packages.join(' ')} (a few minutes the first time)`);
	for (const args of [['update'], ['install', '-y', ...packages]]) {
		const result = await runCommand('apt-get', args, {
			env,
			timeoutMs: APT_TIMEOUT_MS,
			label: `apt-get ${args.join(' ')}`,
		});
		if (result.code !== 0)
			return `apt-get ${args[0]} exited with ${result.code}: ${result.stderr.trim().split('\n').slice(-3).join(' ')}`;
	}
	return null;
}

/**
 * @param {(message: string) => void} log
 * @returns {Promise<{ executablePath: string } | { skip: string }>}
 */
async function ensureChromium(log) {
	const canInstall = hasApt() && isRoot();
	const missing = [];
	if (!fs.existsSync(CHROMIUM)) missing.push(...PACKAGES);
	if (!(await hasCjkFont())) missing.push(CJK_FONT_PACKAGE);
	if (missing.length && canInstall) {
		const failure = await aptInstall(missing, log);
		if (failure) log(failure);
	}
	if (!fs.existsSync(CHROMIUM)) {
		const why = canInstall
			? 'apt-get could not install it'
			: hasApt()
				? 'not root, so apt-get cannot install it'
				: 'no apt-get here';
		return {
			skip: `${CHROMIUM} is missing (${why}); install Debian's chromium package to run the browser checks`,
		};
	}
	if (!(await hasCjkFont()))
		log(
			`no CJK font (${CJK_FONT_PACKAGE}): Chinese product names will show as boxes in screenshots`,
		);
	return { executablePath: CHROMIUM };
}

/**
 * A headless Chromium with a fresh profile; close() also deletes the profile.
 * @returns {Promise<{ context: import('playwright-core').BrowserContext, close: () => Promise<void> }>}
 */
async function launchChromium(executablePath, { viewport }) {
	const { chromium } = require('playwright-core');
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cardepass-browser-profile-'));
	try {
		const context = await chromium.launchPersistentContext(profile, {
			executablePath,
			headless: true,
			args: ARGS,
			viewport,
			deviceScaleFactor: 1,
			locale: 'en-US',
			timezoneId: 'UTC',
		});
		return {
			context,
			close: async () => {
				await context.close().catch(() => {});
				fs.rmSync(profile, { recursive: true, force: true });
			},
		};
	} catch (error) {
		fs.rmSync(profile, { recursive: true, force: true });
		throw error;
	}
}

module.exports = { ensureChromium, launchChromium };
