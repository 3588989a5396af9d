'use strict';

// One `n8n worker` process: its own user folder (as on its own machine), the
// installation's shared database and queue, and a log kept in memory so the
// suite can tell which executions it ran.

const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { n8nEnv } = require('../n8n-env');
const { killGroup } = require('../run-command');

const READY_LINE = /n8n worker is now ready/i;
const STARTED_EXECUTION = /Worker started execution (\d+)/;
const START_TIMEOUT_MS = 3 * 60_000;
const STOP_GRACE_MS = 15_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const liveWorkers = new Set();
process.once('exit', () => {
	for (const child of liveWorkers) killGroup(child);
});

class N8nWorker {
	/**
	 * @param {object} options
	 * @param {string} options.name e.g. worker-1
	 * @param {object} options.install ensureN8n('2.x')
	 * @param {string} options.userFolder
	 * @param {number} options.brokerPort its own task broker
	 * @param {number} options.concurrency executions at once (`n8n worker --concurrency`)
	 * @param {NodeJS.ProcessEnv} options.env the installation's shared settings
	 */
	constructor({ name, install, userFolder, brokerPort, concurrency, env }) {
		Object.assign(this, { name, install, userFolder, brokerPort, concurrency, extraEnv: env });
		this.child = null;
		this.lines = [];
		this.exit = null;
	}

	/** Starts the worker and waits for its "ready" line. */
	async start() {
		const started = Date.now();
		const env = n8nEnv({
			userFolder: this.userFolder,
			binDir: path.dirname(this.install.nodeBin),
			nodeVersion: this.install.nodeVersion,
			disabledModules: this.install.disabledModules,
			brokerPort: this.brokerPort,
			extra: this.extraEnv,
		});
		const logFile = fs.createWriteStream(path.join(this.userFolder, 'worker.log'), { flags: 'a' });
		const child = spawn(
			this.install.nodeBin,
			[this.install.n8nBin, 'worker', `--concurrency=${this.concurrency}`],
			{
				cwd: this.userFolder,
				env,
				detached: true,
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		this.child = child;
		this.exit = null;
		liveWorkers.add(child);
		let partial = '';
		const keep = (chunk) => {
			logFile.write(chunk);
			const lines = (partial + chunk).split('\n');
			partial = lines.pop();
			this.lines.push(...lines.filter(Boolean));
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		child.on('exit', (code, signal) => {
			this.exit = { code, signal };
			liveWorkers.delete(child);
		});
		child.on('close', () => logFile.end());
		while (Date.now() - started < START_TIMEOUT_MS) {
			if (this.exit)
				throw new Error(
					`${this.name} stopped while starting (${this.exit.code ?? this.exit.signal}):\n${this.lines.slice(-30).join('\n')}`,
				);
			if (this.lines.some((line) => READY_LINE.test(line))) {
				this.startMs = Date.now() - started;
				return this;
			}
			await sleep(200);
		}
		await this.kill();
		throw new Error(
			`${this.name} was not ready within ${START_TIMEOUT_MS / 1000} s:\n${this.lines.slice(-30).join('\n')}`,
		);
	}

	/** Execution IDs this worker logged as started. */
	executionIds() {
		return this.lines.map((line) => STARTED_EXECUTION.exec(line)?.[1]).filter(Boolean);
	}

	get running() {
		return !!this.child && !this.exit;
	}

	/** Ends the worker and everything it started at once, as a crash or `kill -9` would. */
	async kill() {
		const child = this.child;
		if (!child || this.exit) return;
		const closed = new Promise((resolve) => child.once('exit', resolve));
		killGroup(child, 'SIGKILL');
		await closed;
	}

	/** Asks the worker to finish (SIGTERM), then ends what is left. */
	async stop() {
		const child = this.child;
		if (!child || this.exit) return;
		const closed = new Promise((resolve) => child.once('exit', resolve));
		killGroup(child, 'SIGTERM');
		let timer;
		await Promise.race([
			closed,
			new Promise((resolve) => (timer = setTimeout(resolve, STOP_GRACE_MS))),
		]);
		clearTimeout(timer);
		killGroup(child, 'SIGKILL');
		await closed;
	}
}

module.exports = { N8nWorker };
