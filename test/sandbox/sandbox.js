'use strict';

// The sandbox `npm start` runs, as a module (test/e2e/browser.js uses it too):
// the package built and packed, the Cardepass simulator with history, and the
// real n8n with the packed package installed as users get it, a credential
// pointing at the simulator, the examples imported, and an owner account.
//
// n8n's user folder is fresh on every start: the simulator keeps its state in
// memory, so cards, orders and executions n8n remembered from an earlier run
// would name things the new simulator never had. Re-creating it costs about
// three seconds (migrations). It stays after stop so its log can be
// read, and is wiped on the next start.

const fs = require('node:fs');
const path = require('node:path');
const { N8nInstance } = require('../e2e/n8n-instance');
const { installPackageTarball } = require('../e2e/community-package');
const { freePorts } = require('../e2e/free-port');
const { REPO_ROOT } = require('../e2e/paths');
const { startSimulator, seed } = require('../simulator');
const { buildAndPack } = require('./prepare');
const { chooseN8n } = require('./n8n-line');
const { sandboxWorkflows } = require('./examples');
const { firstFreePort } = require('./ports');
const { lockFolder } = require('./folder-lock');
const { createCredential, createWorkflow, testCredential } = require('./editor-content');
const { DEFAULT_WEBHOOK_SECRET, postNotification } = require('../simulator/webhooks');

const DEFAULTS = {
	n8nPort: 5678,
	simulatorPort: 4010,
	history: 48,
	userFolder: path.join(REPO_ROOT, '.cache', 'sandbox', 'n8n'),
	examplesDir: path.join(REPO_ROOT, 'examples'),
	owner: {
		email: 'sandbox@cardepass.test',
		password: 'Sandbox-Passw0rd',
		firstName: 'Sandbox',
		lastName: 'Owner',
	},
	credential: { name: 'Cardepass Sandbox', type: 'cardepassOAuth2Api' },
	webhookCredential: { name: 'Cardepass Sandbox webhook', type: 'cardepassWebhookApi' },
	// Activated, with the simulator's card payments sent to its production URL.
	triggerExample: 'declined-payment-alert.json',
};
const TRIGGER_TYPE = /\.cardepassTrigger$/;

class StopRequested extends Error {
	constructor() {
		super('The sandbox was stopped while it started.');
		this.name = 'StopRequested';
	}
}

class Sandbox {
	/**
	 * @param {object} [options]
	 * @param {number} [options.n8nPort] first port tried for n8n (default 5678, 0 = any free port)
	 * @param {number} [options.simulatorPort] first port tried for the simulator (default 4010, 0 = any)
	 * @param {'1.x'|'2.x'} [options.line] default 2.x, falling back to 1.x without Node 24
	 * @param {string} [options.userFolder] N8N_USER_FOLDER; wiped on start (default .cache/sandbox/n8n)
	 * @param {boolean} [options.removeOnStop] delete the user folder on stop (default false)
	 * @param {number} [options.history] generated log and transaction records for the simulator
	 * @param {string} [options.examplesDir]
	 * @param {(message: string) => void} [options.log]
	 */
	constructor(options = {}) {
		this.options = { ...DEFAULTS, ...options };
		this.log = options.log || ((message) => console.log(`[sandbox] ${message}`));
		this.stopping = false;
		this.sim = null;
		this.n8n = null;
		this.release = null;
		this.timings = {};
	}

	checkpoint() {
		if (this.stopping) throw new StopRequested();
	}

	/** Awaits one start-up step, notes how long it took, and stops there if stop() was called. */
	async step(label, promise) {
		const started = Date.now();
		const value = await promise;
		this.timings[label] = (this.timings[label] || 0) + (Date.now() - started);
		this.checkpoint();
		return value;
	}

	/** @returns {Promise<SandboxInfo>} */
	async start() {
		const { userFolder } = this.options;
		const started = Date.now();
		this.release = lockFolder(userFolder);
		fs.rmSync(userFolder, { recursive: true, force: true });
		fs.mkdirSync(userFolder, { recursive: true });

		const tarball = await this.step(
			'build and pack',
			buildAndPack({ packDir: path.join(userFolder, 'package'), log: this.log }),
		);
		const install = await this.step('n8n install check', chooseN8n(this.options.line, this.log));
		this.log(`n8n ${install.version} (${install.line} line) on Node ${install.nodeVersion}`);

		const simulatorPort = this.options.simulatorPort
			? await firstFreePort(this.options.simulatorPort)
			: 0;
		const history = this.options.history;
		// Kept even if stop() came meanwhile, so that stop() closes it.
		// History ends now, so the examples' "yesterday" finds records.
		this.sim = await startSimulator({
			port: simulatorPort,
			historyEnd: Date.now(),
			seed: { accountLogs: history, cardLogs: history, transactions: history },
			webhook: { secret: DEFAULT_WEBHOOK_SECRET },
		});
		this.checkpoint();
		const taken =
			simulatorPort && simulatorPort !== this.options.simulatorPort
				? ` (port ${this.options.simulatorPort} is taken)`
				: '';
		this.log(`simulator listening on ${this.sim.baseUrl}${taken}`);

		const [brokerPort, cliBrokerPort, anyPort] = await freePorts(3);
		const port = this.options.n8nPort ? await firstFreePort(this.options.n8nPort) : anyPort;
		if (this.options.n8nPort && port !== this.options.n8nPort)
			this.log(`port ${this.options.n8nPort} is taken; n8n gets ${port}`);
		this.n8n = new N8nInstance({
			install,
			userFolder,
			port,
			brokerPort,
			cliBrokerPort,
			extraEnv: {},
			cliTimeoutMs: 3 * 60_000,
		});
		this.n8n.installedPackage = await this.step(
			'package install',
			installPackageTarball(userFolder, tarball),
		);

		this.log(`starting n8n on 127.0.0.1:${port} (its output: ${this.logFile()})`);
		await this.step('n8n start', this.n8n.start());
		await this.step('owner, credential, workflows', this.n8n.setupOwner(this.options.owner));

		const { name, type } = this.options.credential;
		const data = this.credentialData();
		const credential = await this.step(
			'owner, credential, workflows',
			createCredential(this.n8n, { name, type, data }),
		);
		const test = await this.step(
			'owner, credential, workflows',
			testCredential(this.n8n, { ...credential, data }),
		);
		if (test.status !== 'OK')
			throw new Error(`The sandbox credential failed its test: ${test.message}`);
		const webhookCredential = await this.step(
			'owner, credential, workflows',
			createCredential(this.n8n, {
				...this.options.webhookCredential,
				data: { webhookSecret: this.sim.webhookSecret },
			}),
		);
		const workflows = sandboxWorkflows(this.options.examplesDir, credential);
		for (const entry of workflows) {
			for (const node of entry.workflow.nodes.filter((n) => TRIGGER_TYPE.test(n.type))) {
				node.credentials = {
					[webhookCredential.type]: { id: webhookCredential.id, name: webhookCredential.name },
				};
			}
			entry.id = await this.step(
				'owner, credential, workflows',
				createWorkflow(this.n8n, entry.workflow),
			);
		}
		const trigger = await this.step('trigger example', this.startTriggerExample(workflows));

		const url = this.n8n.url;
		this.info = {
			url,
			line: install.line,
			version: install.version,
			owner: { email: this.options.owner.email, password: this.options.owner.password },
			credential: {
				id: credential.id,
				name: credential.name,
				url: `${url}/home/credentials/${credential.id}`,
				test,
			},
			webhookCredential: {
				id: webhookCredential.id,
				name: webhookCredential.name,
				url: `${url}/home/credentials/${webhookCredential.id}`,
			},
			simulator: {
				baseUrl: this.sim.baseUrl,
				clientId: this.sim.clientId,
				clientSecret: this.sim.clientSecret,
			},
			workflows: workflows.map(({ id, name, file, addedManualTrigger }) => ({
				id,
				name,
				file: path.basename(file),
				url: `${url}/workflow/${id}`,
				addedManualTrigger,
			})),
			userFolder,
			logFile: this.logFile(),
			nodeType: `${this.n8n.installedPackage.name}.cardepass`,
			trigger,
			startMs: Date.now() - started,
			timings: this.timings,
		};
		return this.info;
	}

	/**
	 * Activates the trigger example, points the simulator's webhook at its production URL, and uses a
	 * card once, so its first execution is there when the editor opens.
	 */
	async startTriggerExample(workflows) {
		const entry = workflows.find((w) => path.basename(w.file) === this.options.triggerExample);
		if (!entry) return null;
		const saved = await this.n8n.rest('GET', `/rest/workflows/${entry.id}`);
		const activated = await this.n8n.rest('POST', `/rest/workflows/${entry.id}/activate`, {
			versionId: saved.data?.versionId,
		});
		if (!activated.ok)
			throw new Error(
				`activating "${entry.name}" answered ${activated.status}: ${activated.text.slice(0, 300)}`,
			);
		const webhookId = entry.workflow.nodes.find((n) => TRIGGER_TYPE.test(n.type)).webhookId;
		const productionUrl = `${this.n8n.url}/webhook/${webhookId}/webhook`;
		await waitForRegistration(productionUrl);
		this.sim.configureWebhook({ url: productionUrl });
		const { delivery } = await this.sim.cardPayment(seed.SEED_CARD_IDS.standardUsd, {
			status: 'AuthFailure',
			merchantName: 'SANDBOX SHOP',
		});
		return {
			name: entry.name,
			url: `${this.n8n.url}/workflow/${entry.id}`,
			productionUrl,
			secret: this.sim.webhookSecret,
			firstAnswer: delivery.attempts[0],
		};
	}

	credentialData() {
		return {
			environment: 'custom',
			baseUrl: this.sim.baseUrl,
			clientId: this.sim.clientId,
			clientSecret: this.sim.clientSecret,
			grantType: 'clientCredentials',
			scope: 'openapi',
			authentication: 'body',
		};
	}

	logFile() {
		return path.join(this.options.userFolder, 'server.log');
	}

	/** Stops whatever has started so far; safe to call at any time and more than once. */
	async stop() {
		this.stopping = true;
		if (this.stopped) return await this.stopped;
		this.stopped = (async () => {
			if (this.n8n)
				await this.n8n.stop().catch((error) => this.log(`stopping n8n: ${error.message}`));
			if (this.sim)
				await this.sim
					.close()
					.catch((error) => this.log(`stopping the simulator: ${error.message}`));
			if (!this.release) return; // never got the folder: another sandbox's
			if (this.options.removeOnStop)
				fs.rmSync(this.options.userFolder, { recursive: true, force: true });
			this.release();
		})();
		return await this.stopped;
	}
}

/**
 * n8n 2.x registers an activated workflow's webhook a moment after answering the activation. An empty
 * body is refused by the trigger (INVALID_SIGNATURE, no run) once it listens, and answered 404 before.
 */
async function waitForRegistration(url, timeoutMs = 20_000) {
	const started = Date.now();
	for (;;) {
		const { status } = await postNotification(url, '{}');
		if (status !== 404) return;
		if (Date.now() - started > timeoutMs)
			throw new Error(`${url} was not registered within ${timeoutMs / 1000} s of the activation`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** @param {ConstructorParameters<typeof Sandbox>[0]} [options] */
async function startSandbox(options) {
	const sandbox = new Sandbox(options);
	try {
		await sandbox.start();
	} catch (error) {
		await sandbox.stop();
		throw error;
	}
	return sandbox;
}

async function stopSandbox(sandbox) {
	if (sandbox) await sandbox.stop();
}

/**
 * @typedef {object} SandboxInfo
 * @property {string} url the editor
 * @property {string} line
 * @property {string} version
 * @property {{ email: string, password: string }} owner
 * @property {{ id: string, name: string, url: string, test: { status: string, message: string } }} credential
 * @property {{ baseUrl: string, clientId: string, clientSecret: string }} simulator
 * @property {Array<{ id: string, name: string, file: string, url: string, addedManualTrigger: boolean }>} workflows
 * @property {string} userFolder
 * @property {string} logFile n8n's output
 * @property {string} nodeType
 * @property {{ name: string, url: string, productionUrl: string, secret: string, firstAnswer: { status: number, text: string } } | null} trigger
 *   the active trigger example; the simulator sends its card payments to productionUrl
 * @property {number} startMs
 * @property {Record<string, number>} timings ms per start-up step
 */

module.exports = { Sandbox, startSandbox, stopSandbox, StopRequested, DEFAULTS };
