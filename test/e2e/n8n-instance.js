'use strict';

// One headless n8n (1.x or 2.x line) with its own user folder, database,
// ports and community packages. CLI commands (import, execute) each start a
// short-lived n8n process; start() runs the editor server for REST calls.
//
// Findings (n8n 1.123.81 on Node 20, n8n 2.41.1 on Node 24; see README.md):
// - `import:workflow` deactivates every imported workflow unless
//   --activeState=fromJson (queue mode only), so `active` in the JSON does not
//   matter, and `execute` runs inactive workflows. The first node found that
//   can start a CLI run (Manual Trigger) is the start node.
// - `--id` is read as a string. A workflow id must be a string of at most 16
//   characters on 1.x (21 on 2.x) to be kept on the execution; an id-less
//   workflow gets a random id on import, so importWorkflow() demands one.
// - The run JSON is printed with logger.info: N8N_LOG_LEVEL must be info (or
//   debug) or `execute --rawOutput` prints nothing. What it prints on each
//   line is documented in run-output.js.
// - 1.x runs Code nodes in-process (N8N_RUNNERS_ENABLED defaults to false);
//   2.x always starts a task broker (N8N_RUNNERS_BROKER_PORT, also for CLI
//   commands) and a JS runner child; its Python runner is missing and only
//   logged. A CLI command run while the server is up needs a broker port of
//   its own, so each instance has two.
// - 1.123.81 on Node 20 needs N8N_EXPRESSION_ENGINE=legacy (n8n-env.js).
// - The first command on a fresh user folder runs ~150 migrations (~3 s).
// - Community packages: see community-package.js. N8N_CUSTOM_EXTENSIONS
//   loads every *.node.js / *.credentials.js under the folder as CUSTOM.<name>;
//   credential types keep their plain names either way.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { ensureN8n } = require('./install-n8n');
const { n8nEnv } = require('./n8n-env');
const { freePorts } = require('./free-port');
const { runCommand, killGroup, tail } = require('./run-command');
const { parseExecuteOutput } = require('./run-output');
const { installPackageTarball } = require('./community-package');
const { RestSession } = require('./rest-client');

const DEFAULT_CLI_TIMEOUT_MS = 3 * 60_000;
const DEFAULT_START_TIMEOUT_MS = 3 * 60_000;
const STOP_GRACE_MS = 10_000;
const SERVER_LOG_KEEP = 400; // lines kept in memory for error messages
const FLUSH_BEFORE_EXIT = path.join(__dirname, 'flush-before-exit.js');

const DEFAULT_OWNER = {
	email: 'owner@e2e.test',
	password: 'E2e-Passw0rd!',
	firstName: 'E2E',
	lastName: 'Owner',
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Servers run detached (own process group), so they would outlive a test
// process that exits without stop(); kill them on the way out.
const liveServers = new Set();
process.once('exit', () => {
	for (const child of liveServers) killGroup(child);
});

class N8nInstance {
	constructor({
		install,
		userFolder,
		port,
		brokerPort,
		cliBrokerPort,
		customExtensions,
		extraEnv,
		cliTimeoutMs,
	}) {
		this.install = install;
		this.line = install.line;
		this.version = install.version;
		this.userFolder = userFolder;
		this.port = port;
		this.brokerPort = brokerPort;
		this.cliBrokerPort = cliBrokerPort;
		this.customExtensions = customExtensions;
		this.extraEnv = extraEnv;
		this.cliTimeoutMs = cliTimeoutMs;
		this.url = null;
		this.installedPackage = null;
		this.server = null;
		this.serverLog = [];
		this.session = null;
		this.owner = null;
		this.counter = 0;
	}

	env(brokerPort) {
		return n8nEnv({
			userFolder: this.userFolder,
			binDir: path.dirname(this.install.nodeBin),
			nodeVersion: this.install.nodeVersion,
			disabledModules: this.install.disabledModules,
			port: this.port,
			brokerPort,
			customExtensions: this.customExtensions,
			extra: this.extraEnv,
		});
	}

	/** Runs `n8n <args>`; resolves with { code, stdout, stderr, ms } whatever the exit code. */
	cli(args, { timeoutMs = this.cliTimeoutMs, preload } = {}) {
		const env = this.env(this.cliBrokerPort);
		if (preload)
			env.NODE_OPTIONS = [env.NODE_OPTIONS, `--require ${preload}`].filter(Boolean).join(' ');
		return runCommand(this.install.nodeBin, [this.install.n8nBin, ...args], {
			cwd: this.userFolder,
			env,
			timeoutMs,
			label: `n8n ${args.join(' ')} (${this.line}, ${this.userFolder})`,
		});
	}

	writeInput(kind, value) {
		const file = path.join(this.userFolder, `${kind}-${++this.counter}.json`);
		fs.writeFileSync(file, JSON.stringify(value, null, 2));
		return file;
	}

	async cliChecked(args, what) {
		const result = await this.cli(args);
		if (result.code !== 0) {
			throw new Error(
				`${what} failed (n8n ${args[0]} exited with ${result.code}):\n${tail(result.stdout)}\n${tail(result.stderr)}`,
			);
		}
		return result;
	}

	/**
	 * @param {Array<{ id: string, name: string, type: string, data: object }>} credentials
	 *   data as a plain object: n8n encrypts it on import with the instance's key.
	 */
	async importCredentials(credentials) {
		const list = (Array.isArray(credentials) ? credentials : [credentials]).map((credential) => {
			const { id, name, type, data } = credential;
			if (!id || !name || !type || !data || typeof data !== 'object') {
				throw new Error(
					`A credential needs id, name, type and a data object; got ${JSON.stringify({ id, name, type })}`,
				);
			}
			return { ...credential, id: String(id) };
		});
		const file = this.writeInput('credentials', list);
		return await this.cliChecked(
			['import:credentials', `--input=${file}`],
			`Importing ${list.length} credential(s)`,
		);
	}

	/**
	 * @param {object|object[]} workflows workflow JSON with a string id (max 16 characters for 1.x)
	 * @returns {Promise<string[]>} the ids
	 */
	async importWorkflow(workflows) {
		const list = (Array.isArray(workflows) ? workflows : [workflows]).map((workflow) => {
			if (workflow.id === undefined || workflow.id === null || workflow.id === '') {
				throw new Error(`Workflow "${workflow.name}" needs an id (execute finds it by id).`);
			}
			const id = String(workflow.id);
			if (id.length > 16)
				throw new Error(
					`Workflow id "${id}" is longer than 16 characters (n8n 1.x drops it from executions).`,
				);
			return { active: false, settings: {}, connections: {}, ...workflow, id };
		});
		const file = this.writeInput('workflow', list);
		await this.cliChecked(
			['import:workflow', `--input=${file}`],
			`Importing workflow(s) ${list.map((w) => w.id).join(', ')}`,
		);
		return list.map((w) => w.id);
	}

	/** `n8n execute --id=<id> --rawOutput`, parsed (see run-output.js for the result's shape). */
	async execute(workflowId, { timeoutMs } = {}) {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], {
			timeoutMs,
			// The whole run reaches the pipe before n8n exits, however slowly the test reads it.
			preload: FLUSH_BEFORE_EXIT,
		});
		return parseExecuteOutput(result);
	}

	// n8n listens long before it is usable: during migrations every request
	// gets 200 "n8n is starting up. Please wait", then /rest/* is 404 until the
	// controllers are mounted (/rest/settings is mounted after them), and the
	// active workflows are set up after that ("Editor is now accessible via").
	async isReady(url) {
		if (!this.serverLog.some((line) => line.includes('Editor is now accessible via'))) return false;
		try {
			const response = await fetch(`${url}/rest/settings`, { signal: AbortSignal.timeout(5000) });
			const body = await response.json();
			return response.ok && !!body?.data;
		} catch {
			return false;
		}
	}

	/** Starts `n8n start` and waits until the editor and its REST API are up; sets inst.url. */
	async start({ timeoutMs = DEFAULT_START_TIMEOUT_MS } = {}) {
		if (this.server) throw new Error('n8n is already started');
		const started = Date.now();
		const logFile = fs.createWriteStream(path.join(this.userFolder, 'server.log'), { flags: 'a' });
		const child = spawn(this.install.nodeBin, [this.install.n8nBin, 'start'], {
			cwd: this.userFolder,
			env: this.env(this.brokerPort),
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.server = child;
		this.serverLog = [];
		const keeper = () => {
			let partial = '';
			return (chunk) => {
				logFile.write(chunk);
				const lines = (partial + chunk).split('\n');
				partial = lines.pop();
				this.serverLog.push(...lines.filter(Boolean));
				if (this.serverLog.length > SERVER_LOG_KEEP)
					this.serverLog.splice(0, this.serverLog.length - SERVER_LOG_KEEP);
			};
		};
		child.stdout.on('data', keeper());
		child.stderr.on('data', keeper());
		liveServers.add(child);
		let exited = null;
		child.on('exit', (code, signal) => {
			exited = { code, signal };
		});
		child.on('close', () => logFile.end());
		child.on('error', (error) => {
			exited = { code: null, signal: null, error };
		});

		const url = `http://127.0.0.1:${this.port}`;
		while (Date.now() - started < timeoutMs) {
			if (exited) {
				const reason = exited.error ? exited.error.message : `exit ${exited.code ?? exited.signal}`;
				this.server = null;
				throw new Error(
					`n8n start (${this.line}) stopped before it was ready (${reason}):\n${this.serverLog.slice(-30).join('\n')}`,
				);
			}
			if (await this.isReady(url)) {
				this.url = url;
				this.startMs = Date.now() - started;
				return this;
			}
			await sleep(250);
		}
		await this.stop();
		throw new Error(
			`n8n start (${this.line}) was not ready at ${url} within ${Math.round(timeoutMs / 1000)} s; ` +
				`process tree killed. Last output:\n${this.serverLog.slice(-30).join('\n')}`,
		);
	}

	/** Process id of the running `n8n start` (the node process itself), or null when stopped. */
	get pid() {
		return this.server?.pid ?? null;
	}

	requireServer() {
		if (!this.url) throw new Error('Call await inst.start() first.');
	}

	/** Creates the owner account (POST /rest/owner/setup) and keeps its logged-in session. */
	async setupOwner(owner = {}) {
		this.requireServer();
		const account = { ...DEFAULT_OWNER, ...owner };
		const session = new RestSession(this.url);
		const response = await session.request('POST', '/rest/owner/setup', account);
		if (!response.ok)
			throw new Error(
				`POST /rest/owner/setup answered ${response.status}: ${response.text.slice(0, 500)}`,
			);
		if (!session.cookies.size) throw new Error('POST /rest/owner/setup set no auth cookie');
		this.session = session;
		this.owner = { ...account, id: response.data?.id };
		return response.data;
	}

	/** Logs in an existing user (POST /rest/login) and keeps the session. */
	/** A session as the owner, whether an earlier suite on this instance created the owner already or not. */
	async ownerSession() {
		try {
			await this.login();
		} catch {
			await this.setupOwner();
		}
	}

	async login(email = DEFAULT_OWNER.email, password = DEFAULT_OWNER.password) {
		this.requireServer();
		const session = new RestSession(this.url);
		const response = await session.request('POST', '/rest/login', {
			emailOrLdapLoginId: email,
			password,
		});
		if (!response.ok)
			throw new Error(
				`POST /rest/login answered ${response.status}: ${response.text.slice(0, 500)}`,
			);
		this.session = session;
		return response.data;
	}

	/**
	 * Calls the editor REST API with the owner's session.
	 * @returns {Promise<{ status: number, ok: boolean, body: any, data: any, text: string, headers: Headers }>}
	 */
	async rest(method, urlPath, body) {
		this.requireServer();
		if (!this.session) throw new Error('Call await inst.setupOwner() (or inst.login()) first.');
		return await this.session.request(method, urlPath, body);
	}

	/** The last lines n8n start printed (also in <userFolder>/server.log). */
	logs() {
		return this.serverLog.join('\n');
	}

	/** Stops the server and everything it started (its process group). */
	async stop() {
		const child = this.server;
		this.server = null;
		this.url = null;
		this.session = null;
		if (child) liveServers.delete(child);
		if (!child || child.exitCode !== null || child.signalCode !== null) {
			if (child) killGroup(child);
			return;
		}
		const closed = new Promise((resolve) => child.once('exit', resolve));
		killGroup(child, 'SIGTERM');
		// A timer left running would hold the test process open for the full grace time.
		let graceTimer;
		const graceOver = new Promise((resolve) => {
			graceTimer = setTimeout(() => resolve(false), STOP_GRACE_MS);
		});
		const graceful = await Promise.race([closed.then(() => true), graceOver]);
		clearTimeout(graceTimer);
		// The task runner and anything else left in the group go too.
		killGroup(child, 'SIGKILL');
		if (!graceful) await closed;
	}

	/** Stops the server if it runs and deletes the user folder. */
	async dispose() {
		await this.stop();
		fs.rmSync(this.userFolder, { recursive: true, force: true });
	}
}

/**
 * @param {object} [options]
 * @param {'1.x'|'2.x'} [options.line] default 1.x
 * @param {string} [options.customExtensions] folder for N8N_CUSTOM_EXTENSIONS (node types CUSTOM.<name>)
 * @param {string} [options.packageTarball] .tgz from `npm pack`, installed under .n8n/nodes (node types <package>.<name>)
 * @param {NodeJS.ProcessEnv} [options.env] extra environment for every n8n process (overrides the defaults)
 * @param {number} [options.cliTimeoutMs] per CLI command, default 180 s
 * @param {object} [options.install] an ensureN8n() result, to skip the check
 * @returns {Promise<N8nInstance>}
 */
async function createN8nInstance(options = {}) {
	const line = options.line || '1.x';
	const install = options.install || (await ensureN8n(line));
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-e2e-${line}-`));
	try {
		const [port, brokerPort, cliBrokerPort] = await freePorts(3);
		const instance = new N8nInstance({
			install,
			userFolder,
			port,
			brokerPort,
			cliBrokerPort,
			customExtensions: options.customExtensions
				? path.resolve(options.customExtensions)
				: undefined,
			extraEnv: options.env || {},
			cliTimeoutMs: options.cliTimeoutMs || DEFAULT_CLI_TIMEOUT_MS,
		});
		if (options.packageTarball) {
			instance.installedPackage = await installPackageTarball(userFolder, options.packageTarball);
		}
		return instance;
	} catch (error) {
		fs.rmSync(userFolder, { recursive: true, force: true });
		throw error;
	}
}

module.exports = { createN8nInstance, N8nInstance, DEFAULT_OWNER };
