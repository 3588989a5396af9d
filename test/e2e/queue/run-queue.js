#!/usr/bin/env node
'use strict';

// n8n-nodes-cardepass in n8n's queue mode: PostgreSQL and Redis from
// Debian's packages, one n8n 2.x main and two `n8n worker` processes, the
// package installed the way a self-hoster does, all on 127.0.0.1, against the
// Cardepass simulator; then the same workflows in one n8n process to compare.
//
//   node test/e2e/queue/run-queue.js
//
// One line per check, figures as notes; the last line is
// "queue: N passed, M failed"; exit code 1 on any failure. Everything it
// starts is stopped and every folder it made is deleted, whatever happens.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Reporter } = require('../e2e-reporter');
const { buildIfStale, packPackage } = require('../e2e-package');
const { ensureN8n } = require('../install-n8n');
const { startSimulator, simulatorCredential } = require('../simulator-access');
const { ensureDebianPackages } = require('./debian-packages');
const { startPostgres } = require('./postgres');
const { startRedis } = require('./redis');
const { createQueueCluster } = require('./queue-cluster');
const { startWithWorkflows } = require('./activate');
const { issueCards } = require('./cards');
const { topUpWorkflow, exportWorkflow } = require('./workflows');
const { bulkRound, expectedBalances } = require('./scenario-bulk');
const { acceptedTopUps } = require('./top-up-batches');
const { workerCrash, hostCrash } = require('./scenario-crash');
const { startExportSimulator, runExport, checkExportRows } = require('./export-run');
const { singleProcess } = require('./single-process');

const WORKERS = 2;
const CARDS = 50;
const BATCHES = 20;
// The crash workflows send 5 requests at once, so 50 top-ups at 400 ms take about 4 s and the kill lands
// mid-execution; at the default the whole batch can be out in under 2 s.
const CRASH_CONCURRENCY = 5;
const range = (from, count) => Array.from({ length: count }, (_, index) => from + index);
const COLD_BATCHES = range(1, BATCHES);
const WARM_BATCHES = range(BATCHES + 1, BATCHES);
// main's check for executions whose job is gone, after the host crash (n8n's default: every 180 minutes).
const QUEUE_RECOVERY_INTERVAL_MINUTES = '0.1';
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

const PATHS = {
	bulk: 'queue-top-ups',
	crash: 'queue-crash',
	crashAuto: 'queue-crash-auto',
	export: 'queue-export',
};
const webhookUrl = (inst, name) => `${inst.url}/webhook/${PATHS[name]}`;

async function main() {
	const reporter = new Reporter();
	const t = reporter.scope('queue');
	const started = Date.now();
	const timings = [];
	const cleanups = [];
	// PostgreSQL, Redis and the n8n processes: stopped before the single-process run, which needs the cores.
	const queueCleanups = [];
	const phase = (name, since) => timings.push(`${name} ${seconds(Date.now() - since)}`);
	try {
		const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cardepass-queue-'));
		const removeScratch = () => fs.rmSync(scratch, { recursive: true, force: true });
		// Interrupted runs (process.exit on Ctrl+C) skip the clean-ups; the folder goes anyway.
		process.once('exit', removeScratch);
		cleanups.push(removeScratch);
		const build = await t.setup('npm run build (when dist/ is stale)', () => buildIfStale());
		const tarball = build && (await t.setup('npm pack', () => packPackage(scratch)));
		const install = await installOrSkip(t);
		if (!install || !tarball) return;
		const packages = await t.setup(
			'PostgreSQL and Redis from Debian packages (apt-get when missing)',
			() => ensureDebianPackages(),
		);
		if (!packages) return;
		if (packages.installed.length)
			t.note(`installed ${packages.installed.join(', ')} with apt-get`);

		const sims = await t.setup('simulators, 50 cards issued on each bulk simulator', async () => {
			const bulk = await startSimulator({ revision: '1.0', latencyMs: 40 });
			cleanups.push(() => bulk.close());
			const single = await startSimulator({ revision: '1.0', latencyMs: 40 });
			cleanups.push(() => single.close());
			// Slower answers keep an execution running long enough to kill its worker half-way.
			const crashData = await startSimulator({ revision: '1.0', latencyMs: 400 });
			cleanups.push(() => crashData.close());
			const crashAuto = await startSimulator({ revision: '1.0', latencyMs: 400 });
			cleanups.push(() => crashAuto.close());
			const history = await startExportSimulator();
			cleanups.push(() => history.close());
			const cardIds = await issueCards(bulk, CARDS);
			assert.deepEqual(
				await issueCards(single, CARDS),
				cardIds,
				'both bulk simulators issue the same card IDs',
			);
			return {
				bulk,
				single,
				crashData,
				crashAuto,
				history,
				cardIds,
				crashDataCards: await issueCards(crashData, CARDS),
				crashAutoCards: await issueCards(crashAuto, CARDS),
			};
		});
		if (!sims) return;
		const credentials = {
			bulk: simulatorCredential('cdpQueueBulk', 'Cardepass bulk', sims.bulk),
			crashData: simulatorCredential(
				'cdpQueueCrashD',
				'Cardepass crash (numbers from the data)',
				sims.crashData,
			),
			crashAuto: simulatorCredential(
				'cdpQueueCrashA',
				'Cardepass crash (automatic numbers)',
				sims.crashAuto,
			),
			history: simulatorCredential('cdpQueueExport', 'Cardepass export', sims.history),
		};
		const workflows = {
			bulk: topUpWorkflow({ id: 'queueBulk', path: PATHS.bulk, credential: credentials.bulk }),
			crash: topUpWorkflow({
				id: 'queueCrash',
				path: PATHS.crash,
				credential: credentials.crashData,
				responseMode: 'onReceived',
				maxConcurrentRequests: CRASH_CONCURRENCY,
			}),
			crashAuto: topUpWorkflow({
				id: 'queueCrashAuto',
				path: PATHS.crashAuto,
				credential: credentials.crashAuto,
				responseMode: 'onReceived',
				autoNumbers: true,
				maxConcurrentRequests: CRASH_CONCURRENCY,
			}),
			export: exportWorkflow({
				id: 'queueExport',
				path: PATHS.export,
				credential: credentials.history,
			}),
		};

		const servicesStarted = Date.now();
		const services = await t.setup(
			'PostgreSQL and Redis on 127.0.0.1 (fresh data folders, free ports)',
			async () => {
				const postgres = await startPostgres({ binDir: packages.postgresBin });
				queueCleanups.push(() => postgres.stop());
				const redis = await startRedis({ serverBin: packages.redisServer });
				queueCleanups.push(() => redis.stop());
				return { postgres, redis };
			},
		);
		if (!services) return;
		t.note(
			`PostgreSQL on port ${services.postgres.port} in ${seconds(services.postgres.startMs)}, Redis on port ${services.redis.port} in ${seconds(services.redis.startMs)}`,
		);

		const cluster = await t.setup(
			`n8n ${install.version} in queue mode: main and ${WORKERS} workers, the package in one shared nodes folder`,
			async () => {
				const created = await createQueueCluster({ install, tarball, services });
				queueCleanups.push(() => created.dispose());
				const inst = await created.createMain();
				await startWithWorkflows(inst, {
					credentials: Object.values(credentials),
					workflows: Object.values(workflows),
				});
				await Promise.all(range(1, WORKERS).map(() => created.addWorker()));
				return created;
			},
		);
		phase('services and n8n start', servicesStarted);
		if (!cluster) return;
		t.note(
			`main ready in ${seconds(cluster.main.startMs)}; workers in ${cluster.workers.map((w) => seconds(w.startMs)).join(', ')}`,
		);

		const bulkStarted = Date.now();
		const bulkOptions = {
			t,
			cluster,
			install,
			sim: sims.bulk,
			cardIds: sims.cardIds,
			workflowId: workflows.bulk.id,
			url: webhookUrl(cluster.main, 'bulk'),
		};
		const cold = await bulkRound({ ...bulkOptions, batchNumbers: COLD_BATCHES, label: 'cold' });
		const coldOrders = acceptedTopUps(sims.bulk);
		const coldBalances = new Map(
			sims.cardIds.map((cardId) => [cardId, sims.bulk.getCard(cardId).balanceAmount]),
		);
		await t.test(
			"cold: every card's balance rose by exactly what its rows say",
			() => {
				const expected = expectedBalances(sims.cardIds, COLD_BATCHES);
				for (const [cardId, balance] of coldBalances)
					assert.equal(balance, expected.get(cardId), cardId);
			},
			cold,
		);
		await bulkRound({ ...bulkOptions, batchNumbers: WARM_BATCHES, label: 'warm' });
		phase('bulk top-ups', bulkStarted);

		const exportStarted = Date.now();
		const queueExport = await t.setup('nightly export on a worker', () =>
			runExport(cluster.main, install, {
				workflowId: workflows.export.id,
				url: webhookUrl(cluster.main, 'export'),
			}),
		);
		const exportWorker = queueExport && cluster.workerOf(queueExport.id)?.name;
		await t.test(
			"nightly export on a worker: succeeded, yesterday's fund logs only, as CSV files",
			() => {
				assert.equal(queueExport.status, 'success');
				assert.ok(exportWorker, `execution ${queueExport.id} was started by a worker`);
				checkExportRows(queueExport, sims.history);
			},
			queueExport,
		);
		phase('export', exportStarted);

		const crashStarted = Date.now();
		const crashOptions = {
			t,
			cluster,
			install,
			data: {
				sim: sims.crashData,
				cardIds: sims.crashDataCards,
				workflowId: workflows.crash.id,
				url: webhookUrl(cluster.main, 'crash'),
			},
			auto: {
				sim: sims.crashAuto,
				cardIds: sims.crashAutoCards,
				workflowId: workflows.crashAuto.id,
				url: webhookUrl(cluster.main, 'crashAuto'),
			},
		};
		await workerCrash(crashOptions);
		await hostCrash({
			...crashOptions,
			recoveryEnv: { N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: QUEUE_RECOVERY_INTERVAL_MINUTES },
		});
		phase('worker crashes', crashStarted);

		await runCleanups(queueCleanups, t);

		const singleStarted = Date.now();
		await singleProcess({
			t,
			install,
			tarball,
			sims,
			credentials,
			workflows,
			paths: PATHS,
			batchNumbers: COLD_BATCHES,
			cold,
			coldOrders,
			coldBalances,
			queueExport,
		});
		phase('single process', singleStarted);
	} catch (error) {
		t.fail('the suite stopped early', error);
	} finally {
		await runCleanups(queueCleanups, t);
		await runCleanups(cleanups, t);
		console.log(
			`[queue] time: ${[...timings, `total ${seconds(Date.now() - started)}`].join(', ')}`,
		);
		console.log(`queue: ${reporter.passed} passed, ${reporter.failed} failed`);
		process.exitCode = reporter.failed > 0 ? 1 : 0;
	}
}

async function runCleanups(cleanups, t) {
	for (const cleanup of cleanups.splice(0).reverse()) {
		try {
			await cleanup();
		} catch (error) {
			t.fail('stop and clean up', error);
		}
	}
}

async function installOrSkip(t) {
	try {
		const install = await ensureN8n('2.x');
		t.note(`n8n ${install.version} on Node ${install.nodeVersion}`);
		return install;
	} catch (error) {
		if (/Node 24 is needed/.test(error.message)) {
			t.note(`SKIPPED: ${error.message.split('\n')[0]}`);
			return null;
		}
		t.fail('install n8n 2.x', error);
		return null;
	}
}

// process.exit runs the 'exit' handlers that kill the servers and commands still running.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));

main();
