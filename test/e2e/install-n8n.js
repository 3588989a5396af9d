'use strict';

// Installs the real n8n from the npm registry into .cache/n8n/<line>/ and
// reuses it on later runs: exactly the version pinned below, with `npm ci`
// from the lockfile committed in test/e2e/n8n-lock/<line>/, so every machine
// runs the tree that was tested. No version is listed or guessed; a cache
// holding another version is reinstalled.
//
//   node test/e2e/install-n8n.js [1.x|2.x|all]      (default: all)
//   node test/e2e/install-n8n.js --relock <line>    after changing a pinned version (README, Compatibility)
//   const { ensureN8n } = require('./install-n8n'); await ensureN8n('2.x');
//
// Why the install is not a plain `npm install n8n`:
// - n8n-nodes-base depends on `xlsx` as a CDN tarball (unreachable here): the
//   cache package.json overrides it with the registry copy @e965/xlsx.
// - In 2.4x a Kafka dependency's install script downloads from GitHub and
//   fails the install, so everything installs with --ignore-scripts and then
//   only sqlite3 is compiled (`npm rebuild sqlite3`), against the Node that
//   will run n8n (headers from npm_config_nodedir; nothing is downloaded).
//   It is the one addon n8n can't run without that ships no prebuild in its
//   package: isolated-vm carries prebuilds for Node 22/24; the Kafka, ssh2
//   (cpu-features), msgpackr and Sentry profiler addons are optional or fall
//   back to JavaScript.
// - n8n 2.10+ refuses Node 20: the 2.x line runs on a Node 24 binary from the
//   npm registry, its version pinned too (see node24.js).

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runCommand, runChecked, tail } = require('./run-command');
const { ensureNode24 } = require('./node24');
const { withLock } = require('./lock');
const { CACHE_ROOT, LOCK_ROOT } = require('./paths');

// disabledModules: n8n backend modules that call out on their own (2.x's
// MCP registry fetches api.n8n.io at start-up). Names must exist in the
// line, or n8n refuses to start (UnknownModuleError), hence per line.
// version: the n8n the tests run, as in test/e2e/n8n-lock/<line>/package.json.
const LINES = {
	'1.x': { version: '1.123.81', node24: false, disabledModules: [] },
	'2.x': { version: '2.41.1', node24: true, disabledModules: ['mcp-registry'] },
};
const INSTALL_TIMEOUT_MS = 25 * 60_000;
const REBUILD_TIMEOUT_MS = 15 * 60_000;
const VERIFY_TIMEOUT_MS = 3 * 60_000;

const log = (message) => console.log(`[install-n8n] ${message}`);

function heartbeat(message) {
	const started = Date.now();
	const timer = setInterval(
		() => log(`${message} (${Math.round((Date.now() - started) / 1000)} s so far)`),
		30_000,
	);
	return () => clearInterval(timer);
}

function installedN8nVersion(dir) {
	try {
		return JSON.parse(
			fs.readFileSync(path.join(dir, 'node_modules', 'n8n', 'package.json'), 'utf8'),
		).version;
	} catch {
		return null;
	}
}

function lockDir(line) {
	return path.join(LOCK_ROOT, line);
}

/** The committed package.json and lockfile of a line, checked against the version pinned above. */
function copyLock(dir, line) {
	const from = lockDir(line);
	const pkg = JSON.parse(fs.readFileSync(path.join(from, 'package.json'), 'utf8'));
	if (pkg.dependencies?.n8n !== LINES[line].version)
		throw new Error(
			`${path.join(from, 'package.json')} pins n8n ${pkg.dependencies?.n8n}, install-n8n.js pins ${LINES[line].version}: ` +
				`run node test/e2e/install-n8n.js --relock ${line} and commit test/e2e/n8n-lock/${line}/.`,
		);
	for (const file of ['package.json', 'package-lock.json'])
		fs.copyFileSync(path.join(from, file), path.join(dir, file));
}

/** Headers for node-gyp: the ones beside the running Node 20, or inside the Node 24 package. */
function nodedirFor(runtime) {
	if (runtime.nodedir) return runtime.nodedir;
	const dir = path.resolve(path.dirname(process.execPath), '..');
	return fs.existsSync(path.join(dir, 'include', 'node', 'node_api.h')) ? dir : undefined;
}

function buildEnv(runtime) {
	const env = { ...process.env, PATH: `${runtime.binDir}${path.delimiter}${process.env.PATH}` };
	const nodedir = nodedirFor(runtime);
	if (nodedir) env.npm_config_nodedir = nodedir;
	// sqlite3's script tries a prebuilt download first; it fails fast offline and falls back to node-gyp.
	env.npm_config_build_from_source = 'true';
	env.npm_config_jobs = String(os.cpus().length);
	return env;
}

async function npmInstall(dir, line, runtime, { relock = false } = {}) {
	const { version } = LINES[line];
	const logFile = path.join(dir, 'install.log');
	fs.rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true });
	let args;
	if (relock) {
		// A new tree for a newly pinned version: resolved now, then committed as the line's lockfile.
		fs.rmSync(path.join(dir, 'package-lock.json'), { force: true });
		const pkg = JSON.parse(fs.readFileSync(path.join(lockDir(line), 'package.json'), 'utf8'));
		pkg.dependencies = { n8n: version };
		fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, '\t') + '\n');
		args = ['install'];
	} else {
		copyLock(dir, line);
		args = ['ci'];
	}
	log(
		`${line}: npm ${args[0]} n8n@${version} into ${dir} (2-3 GB, usually 3-4 minutes; log: ${logFile})`,
	);
	const stop = heartbeat(`${line}: npm ${args[0]} n8n@${version} still running`);
	try {
		await runChecked(
			'npm',
			[...args, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn'],
			{
				cwd: dir,
				env: buildEnv(runtime),
				timeoutMs: INSTALL_TIMEOUT_MS,
				logFile,
				label: `npm ${args[0]} n8n@${version}`,
			},
		);
	} finally {
		stop();
	}
	if (relock) {
		fs.mkdirSync(lockDir(line), { recursive: true });
		for (const file of ['package.json', 'package-lock.json'])
			fs.copyFileSync(path.join(dir, file), path.join(lockDir(line), file));
		log(`${line}: wrote test/e2e/n8n-lock/${line}/: commit it with the new version`);
	}
	return version;
}

async function rebuildSqlite(dir, line, runtime) {
	log(`${line}: compiling sqlite3 for Node ${runtime.version} (about a minute)`);
	const stop = heartbeat(`${line}: compiling sqlite3 still running`);
	try {
		await runChecked(
			'npm',
			['rebuild', 'sqlite3', '--foreground-scripts', '--ignore-scripts=false'],
			{
				cwd: dir,
				env: buildEnv(runtime),
				timeoutMs: REBUILD_TIMEOUT_MS,
				logFile: path.join(dir, 'install.log'),
				label: `npm rebuild sqlite3 (${line})`,
			},
		);
	} finally {
		stop();
	}
}

/** Fast real check: the Node runs, and sqlite3 loads and opens a database under it. */
async function quickCheck(install) {
	const sqlite = path.join(install.dir, 'node_modules', 'sqlite3');
	const script = `const s=require(${JSON.stringify(sqlite)});new s.Database(':memory:').get('select 1 as x',(e,r)=>{if(e||r.x!==1)process.exit(1);console.log('ok')})`;
	const result = await runCommand(install.nodeBin, ['-e', script], { timeoutMs: 60_000 });
	return result.code === 0 && result.stdout.trim() === 'ok';
}

/** Full real check: a fresh database, then import and execute a Manual Trigger → Code → Set workflow. */
async function fullCheck(install) {
	// Required here: n8n-instance.js itself requires this module.
	const { createN8nInstance } = require('./n8n-instance');
	const { threeItemsWorkflow } = require('./fixtures/workflows');
	const instance = await createN8nInstance({
		line: install.line,
		install,
		cliTimeoutMs: VERIFY_TIMEOUT_MS,
	});
	try {
		const [id] = await instance.importWorkflow(threeItemsWorkflow());
		const result = await instance.execute(id);
		const doubled = result.nodeItems('Set').map((item) => item.doubled);
		if (!result.ok || doubled.join(',') !== '2,4,6') {
			throw new Error(
				`n8n ${install.version} (${install.line}) does not run workflows: execute gave ok=${result.ok}, ` +
					`error=${result.error?.message}, Set items=${JSON.stringify(result.nodeItems('Set'))}.\n${tail(result.stdout)}\n${tail(result.stderr)}`,
			);
		}
	} finally {
		await instance.dispose();
	}
}

function describe(line, dir, runtime, version) {
	return {
		line,
		version,
		nodeBin: runtime.nodeBin,
		nodeVersion: runtime.version,
		disabledModules: LINES[line].disabledModules,
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		dir,
	};
}

// Written after a full check passed; reuse needs it AND a passing quick check.
const MARKER = '.e2e-verified';

function markerText(install) {
	return `n8n ${install.version} on node ${install.nodeVersion}\n`;
}

function isVerified(install) {
	try {
		return fs.readFileSync(path.join(install.dir, MARKER), 'utf8') === markerText(install);
	} catch {
		return false;
	}
}

async function verifyFully(install) {
	await fullCheck(install);
	fs.writeFileSync(path.join(install.dir, MARKER), markerText(install));
}

/** The install already in dir if it works, else null. */
async function usableInstall(line, dir, runtime, verify) {
	const version = installedN8nVersion(dir);
	if (!version) return null;
	if (version !== LINES[line].version) {
		log(
			`${line}: ${dir} holds n8n ${version}, not the pinned ${LINES[line].version}; reinstalling`,
		);
		return null;
	}
	const install = describe(line, dir, runtime, version);
	if (!(await quickCheck(install).catch(() => false))) {
		log(
			`${line}: the n8n ${version} in ${dir} is incomplete or broken (sqlite3 does not load); reinstalling`,
		);
		return null;
	}
	if (verify === 'full' || !isVerified(install)) {
		try {
			await verifyFully(install);
		} catch (error) {
			log(
				`${line}: the n8n ${version} in ${dir} failed its check; reinstalling. ${error.message.split('\n')[0]}`,
			);
			return null;
		}
	}
	return install;
}

async function freshInstall(line, dir, runtime, options) {
	const started = Date.now();
	fs.rmSync(path.join(dir, MARKER), { force: true });
	const version = await npmInstall(dir, line, runtime, options);
	await rebuildSqlite(dir, line, runtime);
	const install = describe(line, dir, runtime, version);
	if (!(await quickCheck(install)))
		throw new Error(`${line}: sqlite3 does not load under ${runtime.nodeBin} after the rebuild.`);
	log(
		`${line}: checking that n8n ${version} runs (import and execute a small workflow on a fresh database)`,
	);
	await verifyFully(install);
	log(`${line}: n8n ${version} ready in ${Math.round((Date.now() - started) / 1000)} s`);
	return install;
}

/**
 * Installs (once) and returns the n8n of one line. Safe to call from parallel processes.
 * @param {'1.x'|'2.x'} line
 * @param {{ verify?: 'quick'|'full', relock?: boolean }} [options] verify 'quick' (default) reuses an install
 *   that passed the full check once and still loads sqlite3 under its Node; 'full' also imports and executes
 *   a workflow (~10 s). relock: install the pinned version afresh with npm install and write its lockfile
 *   into test/e2e/n8n-lock/<line>/
 * @returns {Promise<{ line: string, version: string, nodeBin: string, nodeVersion: string, disabledModules: string[], n8nBin: string, dir: string }>}
 */
async function ensureN8n(line, { verify = 'quick', relock = false } = {}) {
	const spec = LINES[line];
	if (!spec)
		throw new Error(`Unknown n8n line "${line}"; use one of ${Object.keys(LINES).join(', ')}.`);
	const runtime = spec.node24
		? await ensureNode24({ log: console.log })
		: {
				nodeBin: process.execPath,
				binDir: path.dirname(process.execPath),
				version: process.version,
			};
	const dir = path.join(CACHE_ROOT, line);
	fs.mkdirSync(dir, { recursive: true });

	const ready = !relock && (await usableInstall(line, dir, runtime, verify));
	if (ready) return ready;
	return await withLock(
		dir,
		async () =>
			(!relock && (await usableInstall(line, dir, runtime, 'quick'))) ||
			(await freshInstall(line, dir, runtime, { relock })),
		{ onWait: () => log(`${line}: another process is installing n8n into ${dir}; waiting for it`) },
	);
}

async function main(argv) {
	const relock = argv[0] === '--relock';
	const which = (relock ? argv[1] : argv[0]) || 'all';
	const lines = which === 'all' ? Object.keys(LINES) : [which];
	let failed = false;
	for (const line of lines) {
		try {
			const install = await ensureN8n(line, { verify: 'full', relock });
			log(`${line}: n8n ${install.version} on ${install.nodeBin} (${install.dir})`);
		} catch (error) {
			failed = true;
			console.error(`[install-n8n] ${line}: FAILED: ${error.message}`);
		}
	}
	process.exitCode = failed ? 1 : 0;
}

if (require.main === module) main(process.argv.slice(2));

module.exports = { ensureN8n, LINES };
