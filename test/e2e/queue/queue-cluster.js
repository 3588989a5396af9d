'use strict';

// n8n in queue mode: one main process (editor, webhooks, triggers; it puts
// executions on the queue) and `n8n worker` processes that run them, all on
// one PostgreSQL and one Redis. Each process has its own user folder, as on
// separate machines; the community package is installed once into a nodes
// folder that every process mounts as ~/.n8n/nodes (a symlink here, a shared
// volume in a real deployment).

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { N8nInstance } = require('../n8n-instance');
const { freePorts } = require('../free-port');
const { installPackageTarball } = require('../community-package');
const { N8nWorker } = require('./n8n-worker');
const { queueEnv } = require('./queue-env');
const { killGroup } = require('../run-command');

class QueueCluster {
	constructor({ install, root, nodesDir, env, concurrency }) {
		Object.assign(this, { install, root, nodesDir, env, concurrency });
		this.main = null;
		/** @type {N8nWorker[]} */
		this.workers = [];
		this.installedPackage = null;
	}

	/** A fresh user folder whose ~/.n8n/nodes is the shared nodes folder. */
	userFolder(name) {
		const folder = path.join(this.root, name);
		fs.mkdirSync(path.join(folder, '.n8n'), { recursive: true });
		fs.symlinkSync(this.nodesDir, path.join(folder, '.n8n', 'nodes'), 'dir');
		return folder;
	}

	async createMain() {
		const [port, brokerPort, cliBrokerPort] = await freePorts(3);
		this.main = new N8nInstance({
			install: this.install,
			userFolder: this.userFolder('main'),
			port,
			brokerPort,
			cliBrokerPort,
			extraEnv: this.env,
			cliTimeoutMs: 3 * 60_000,
		});
		return this.main;
	}

	/** Starts one more worker (worker-1, worker-2, …) and waits until it takes jobs. */
	async addWorker() {
		const name = `worker-${this.workers.length + 1}`;
		const worker = new N8nWorker({
			name,
			install: this.install,
			userFolder: this.userFolder(name),
			concurrency: this.concurrency,
			env: this.env,
		});
		this.workers.push(worker);
		[worker.brokerPort] = await freePorts(1);
		await worker.start();
		return worker;
	}

	/** The worker that logged the start of an execution, or undefined. */
	workerOf(executionId) {
		return this.workers.find((worker) => worker.executionIds().includes(String(executionId)));
	}

	/** Ends main at once, as a lost host would (SIGKILL to its process group). */
	async killMain() {
		const child = this.main.server;
		if (child && child.exitCode === null && child.signalCode === null) {
			const closed = new Promise((resolve) => child.once('exit', resolve));
			killGroup(child, 'SIGKILL');
			await closed;
		}
		await this.main.stop();
	}

	async stop() {
		await Promise.all(this.workers.map((worker) => worker.stop()));
		await this.main?.stop();
	}

	async dispose() {
		await this.stop();
		this.removeRoot();
	}
}

/**
 * @param {object} options
 * @param {object} options.install ensureN8n('2.x')
 * @param {string} options.tarball the packed package
 * @param {{ postgres: object, redis: object }} options.services
 * @param {number} [options.concurrency] per worker, default 10 (n8n's default)
 * @param {NodeJS.ProcessEnv} [options.env] more settings for every process
 */
async function createQueueCluster({ install, tarball, services, concurrency = 10, env = {} }) {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cardepass-queue-n8n-'));
	// An interrupted run (process.exit on Ctrl+C) skips dispose(); the processes are killed and the folders go anyway.
	const remove = () => {
		process.removeListener('exit', remove);
		fs.rmSync(root, { recursive: true, force: true });
	};
	process.once('exit', remove);
	try {
		const shared = path.join(root, 'shared');
		const installedPackage = await installPackageTarball(shared, tarball);
		const cluster = new QueueCluster({
			install,
			root,
			nodesDir: path.join(shared, '.n8n', 'nodes'),
			env: { ...queueEnv(services), ...env },
			concurrency,
		});
		cluster.installedPackage = installedPackage;
		cluster.removeRoot = remove;
		return cluster;
	} catch (error) {
		remove();
		throw error;
	}
}

module.exports = { createQueueCluster };
