'use strict';

// n8n 2.10+ refuses Node 20. The npm registry ships Node binaries as packages:
// `node@24` only runs a preinstall that npm-installs `node-<platform>-<arch>`,
// so we install that platform package directly (no install script needed).
// It also carries the headers (include/node) that node-gyp needs to build
// sqlite3 against this exact Node without downloading anything. The version is
// pinned; on linux-x64 it installs with `npm ci` from test/e2e/n8n-lock/node24/.

const fs = require('node:fs');
const path = require('node:path');
const { runCommand, runChecked } = require('./run-command');
const { CACHE_ROOT, LOCK_ROOT } = require('./paths');
const { withLock } = require('./lock');

const MAJOR = 24;
// The Node the 2.x line was tested on; move it together with test/e2e/n8n-lock/node24/.
const VERSION = '24.22.3';
const DIR = path.join(CACHE_ROOT, `node${MAJOR}`);
const PLATFORM_PACKAGE = `node-${process.platform}-${process.arch}`;

function layout() {
	const packageDir = path.join(DIR, 'node_modules', PLATFORM_PACKAGE);
	const nodeBin = path.join(packageDir, 'bin', 'node');
	return { dir: DIR, packageDir, nodeBin, binDir: path.dirname(nodeBin), nodedir: packageDir };
}

async function installedVersion(nodeBin) {
	if (!fs.existsSync(nodeBin)) return null;
	const result = await runCommand(nodeBin, ['--version'], { timeoutMs: 30_000 });
	const version = result.stdout.trim();
	return result.code === 0 && version === `v${VERSION}` ? version : null;
}

async function install(paths, log) {
	log(
		`[install-n8n] fetching Node ${VERSION} from the npm registry (${PLATFORM_PACKAGE}@${VERSION}) into ${DIR}`,
	);
	const locked = path.join(LOCK_ROOT, `node${MAJOR}`);
	const lockedPackage = JSON.parse(fs.readFileSync(path.join(locked, 'package.json'), 'utf8'));
	fs.rmSync(path.join(DIR, 'node_modules'), { recursive: true, force: true });
	let args;
	if (lockedPackage.dependencies?.[PLATFORM_PACKAGE] === VERSION) {
		for (const file of ['package.json', 'package-lock.json'])
			fs.copyFileSync(path.join(locked, file), path.join(DIR, file));
		args = ['ci'];
	} else {
		// Another platform: the same exact version, without a lockfile of its own.
		fs.rmSync(path.join(DIR, 'package-lock.json'), { force: true });
		fs.writeFileSync(
			path.join(DIR, 'package.json'),
			JSON.stringify({ name: `n8n-e2e-node${MAJOR}`, private: true }, null, '\t') + '\n',
		);
		args = ['install', '--save-exact', `${PLATFORM_PACKAGE}@${VERSION}`];
	}
	try {
		await runChecked('npm', [...args, '--ignore-scripts', '--no-audit', '--no-fund'], {
			cwd: DIR,
			timeoutMs: 10 * 60_000,
			logFile: path.join(DIR, 'install.log'),
		});
	} catch (error) {
		throw new Error(
			`Node ${MAJOR} is needed for the n8n 2.x line but could not be installed from the npm registry ` +
				`(npm ${args.join(' ')}). Use the 1.x line instead.\n${error.message}`,
		);
	}
	const version = await installedVersion(paths.nodeBin);
	if (!version) {
		throw new Error(
			`Node ${MAJOR} is needed for the n8n 2.x line, but ${paths.nodeBin} did not run as Node ${VERSION} ` +
				'after installing it. Use the 1.x line instead.',
		);
	}
	return version;
}

/**
 * Makes a Node 24 binary available under .cache/n8n/node24.
 * @returns {Promise<{ version: string, nodeBin: string, binDir: string, nodedir: string, dir: string }>}
 */
async function ensureNode24({ log = console.log } = {}) {
	const paths = layout();
	let version = await installedVersion(paths.nodeBin);
	if (!version) {
		fs.mkdirSync(DIR, { recursive: true });
		version = await withLock(
			DIR,
			async () => (await installedVersion(paths.nodeBin)) || (await install(paths, log)),
		);
	}
	if (!fs.existsSync(path.join(paths.nodedir, 'include', 'node', 'node_api.h'))) {
		throw new Error(
			`Node ${MAJOR} at ${paths.packageDir} has no headers (include/node); cannot build sqlite3 for it.`,
		);
	}
	return { version, ...paths };
}

module.exports = { ensureNode24, NODE24_DIR: DIR, NODE24_VERSION: VERSION };
