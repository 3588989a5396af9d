'use strict';

// Installs the real n8n from the npm registry into .cache/n8n/<line>/ and
// reuses it on later runs.
//
//   node test/e2e/install-n8n.js [1.x|2.x|all]      (default: all)
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
//   npm registry (see node24.js).

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runCommand, runChecked, tail } = require('./run-command');
const { ensureNode24 } = require('./node24');
const { withLock } = require('./lock');
const { CACHE_ROOT } = require('./paths');

// disabledModules: n8n backend modules that call out on their own (2.x's
// MCP registry fetches api.n8n.io at start-up). Names must exist in the
// line, or n8n refuses to start (UnknownModuleError), hence per line.
const LINES = {
	'1.x': {
		pattern: /^1\.123\.\d+$/,
		known: '1.123.81',
		node24: false,
		versionEnv: 'N8N_E2E_VERSION_1X',
		disabledModules: [],
	},
	'2.x': {
		pattern: /^2\.41\.\d+$/,
		known: '2.41.1',
		node24: true,
		versionEnv: 'N8N_E2E_VERSION_2X',
		disabledModules: ['mcp-registry'],
	},
};
const INSTALL_TIMEOUT_MS = 25 * 60_000;
const REBUILD_TIMEOUT_MS = 15 * 60_000;
const VERIFY_TIMEOUT_MS = 3 * 60_000;

const log = (message) => console.log(`[install-n8n] ${message}`);

function compareVersions(a, b) {
	const pa = a.split('.').map(Number);
	const pb = b.split('.').map(Number);
	for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
	return 0;
}

/** Newest first; a pinned version (env) alone; the known-good one if the registry can't list. */
async function candidateVersions(line) {
	const spec = LINES[line];
	const pinned = process.env[spec.versionEnv];
	if (pinned) return [pinned];
	const result = await runCommand('npm', ['view', 'n8n', 'versions', '--json'], {
		timeoutMs: 120_000,
	});
	let versions = [];
	try {
		versions = JSON.parse(result.stdout).filter((v) => spec.pattern.test(v));
	} catch {
		log(`could not list n8n versions (${tail(result.stderr, 3)}); trying ${spec.known}`);
	}
	if (!versions.includes(spec.known)) versions.push(spec.known);
	return versions.sort(compareVersions).reverse();
}

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

function writeCachePackageJson(dir, line, version) {
	const pkg = {
		name: `n8n-e2e-${line.replace('.', '')}`,
		private: true,
		description:
			'Real n8n for the e2e tests of n8n-nodes-cardepass (test/e2e/install-n8n.js). Not committed.',
		dependencies: { n8n: version },
		overrides: { xlsx: 'npm:@e965/xlsx@0.20.2' },
	};
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, '\t') + '\n');
}

function isMissingVersionError(error) {
	return /ETARGET|E404|notarget|No matching version/i.test(
		`${error.stdout}\n${error.stderr}\n${error.message}`,
	);
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

async function npmInstall(dir, line, runtime) {
	const candidates = await candidateVersions(line);
	const logFile = path.join(dir, 'install.log');
	for (const version of candidates) {
		log(
			`${line}: npm install n8n@${version} into ${dir} (2-3 GB, usually 3-4 minutes; log: ${logFile})`,
		);
		fs.rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true });
		fs.rmSync(path.join(dir, 'package-lock.json'), { force: true });
		writeCachePackageJson(dir, line, version);
		const stop = heartbeat(`${line}: npm install n8n@${version} still running`);
		try {
			await runChecked(
				'npm',
				['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn'],
				{
					cwd: dir,
					env: buildEnv(runtime),
					timeoutMs: INSTALL_TIMEOUT_MS,
					logFile,
					label: `npm install n8n@${version}`,
				},
			);
			return version;
		} catch (error) {
			if (!isMissingVersionError(error)) throw error;
			log(
				`${line}: n8n@${version} cannot be installed from this registry (a dependency version is missing); trying an older one`,
			);
		} finally {
			stop();
		}
	}
	throw new Error(`${line}: none of n8n@${candidates.join(', ')} could be installed.`);
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

async function freshInstall(line, dir, runtime) {
	const started = Date.now();
	fs.rmSync(path.join(dir, MARKER), { force: true });
	const version = await npmInstall(dir, line, runtime);
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
 * @param {{ verify?: 'quick'|'full' }} [options] 'quick' (default) reuses an install that passed the full
 *   check once and still loads sqlite3 under its Node; 'full' also imports and executes a workflow (~10 s)
 * @returns {Promise<{ line: string, version: string, nodeBin: string, nodeVersion: string, disabledModules: string[], n8nBin: string, dir: string }>}
 */
async function ensureN8n(line, { verify = 'quick' } = {}) {
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

	const ready = await usableInstall(line, dir, runtime, verify);
	if (ready) return ready;
	return await withLock(
		dir,
		async () =>
			(await usableInstall(line, dir, runtime, 'quick')) ||
			(await freshInstall(line, dir, runtime)),
		{ onWait: () => log(`${line}: another process is installing n8n into ${dir}; waiting for it`) },
	);
}

async function main(argv) {
	const which = argv[0] || 'all';
	const lines = which === 'all' ? Object.keys(LINES) : [which];
	let failed = false;
	for (const line of lines) {
		try {
			const install = await ensureN8n(line, { verify: 'full' });
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
