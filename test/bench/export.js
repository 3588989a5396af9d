'use strict';

// The fund-log export in real n8n (2.x; `--line 1.x` for the other line): 100,000 account fund logs
// on a v1.4 simulator, read with Return All and with a Limit of 150, by this node, by n8n's HTTP
// Request node with its Pagination option and a Split Out, and by a raw client loop. Counted at the
// simulator: page and token requests; items out must be exactly the records asked for. For the n8n
// contenders, the n8n process's peak RSS above its idle RSS. Contenders alternate within each round;
// the table shows medians. Writes bench/results/export-<line>.json and .md.
//
//   node test/bench/export.js [--line 2.x|1.x] [--rounds 3] [--records 100000] [--latency 80]

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startSimulator } = require('../simulator');
const { ensureN8n } = require('../e2e/install-n8n');
const { createN8nInstance } = require('../e2e/n8n-instance');
const { buildIfStale, packPackage } = require('../e2e/e2e-package');
const { REPO_ROOT } = require('../e2e/paths');
const workflows = require('./workflows');
const exportWorkflows = require('./export-workflows');
const { rawFundLogs } = require('./raw-export');
const { activateWorkflows, runOnFreshServer, processTree } = require('./server-run');
const { writeExportResults, failureOf } = require('./export-report');

const LIMIT = 150;
const LOG_PATH = '/v1/accounts/accountLogs';
const THROUGHPUT_PAGES = 20;

function parseArgs(argv) {
	const args = { line: '2.x', rounds: 3, records: 100_000, latency: 80 };
	for (let i = 0; i < argv.length; i += 2) {
		const name = argv[i].replace(/^--/, '');
		if (!(name in args)) throw new Error(`unknown option ${argv[i]}`);
		args[name] = typeof args[name] === 'number' ? Number(argv[i + 1]) : argv[i + 1];
	}
	return args;
}

const log = (line) => process.stdout.write(`[bench export] ${line}\n`);

/** What the simulator saw since `mark()`. */
function counter(sim) {
	return {
		mark() {
			sim.clearRequests();
			sim.resetMetrics();
		},
		read() {
			const pageRequests = sim.apiRequests({ path: LOG_PATH }).length;
			const tokenRequests = sim.tokenRequests();
			return {
				pageRequests,
				tokenRequests,
				otherRequests: sim.requests.length - pageRequests - tokenRequests,
			};
		},
	};
}

/** The simulator's own pace on these records, without latency: pages of 100 read one after another. */
async function simulatorThroughput(records) {
	const sim = await startSimulator({ revision: '1.4' });
	try {
		const range = sim.addAccountLogs(records);
		const limit = Math.min(records, THROUGHPUT_PAGES * exportWorkflows.PAGE_SIZE);
		await rawFundLogs(sim, { range, limit: exportWorkflows.PAGE_SIZE }); // warm-up
		const { ms } = await rawFundLogs(sim, { range, limit });
		const pages = Math.ceil(limit / exportWorkflows.PAGE_SIZE);
		return { pagesPerSecond: Math.round((pages / ms) * 1000), msPerPage: +(ms / pages).toFixed(1) };
	} finally {
		await sim.close();
	}
}

const distinct = (records) => new Set(records.map((record) => record?.id)).size;

async function runN8n(instance, install, sim, { workflow, showTree }) {
	const seen = counter(sim);
	const { execution, memory } = await runOnFreshServer(instance, install, {
		workflowId: workflow.id,
		path: exportWorkflows.webhookPath(workflow.id),
		beforeRun: () => seen.mark(),
		onStarted: showTree
			? (pid) => log(`n8n process tree before the run:\n  ${processTree(pid).join('\n  ')}`)
			: undefined,
	});
	const workers = workflow.nodes.filter((node) => node.name !== exportWorkflows.TRIGGER);
	const runs = workers.map((node) => execution.runData[node.name]?.[0]);
	const output = runs.at(-1)?.data?.main?.[0] ?? [];
	return {
		nodeExecutionMs: runs.every(Boolean)
			? runs.reduce((sum, run) => sum + run.executionTime, 0)
			: null,
		nodeMs: Object.fromEntries(workers.map((node, i) => [node.name, runs[i]?.executionTime])),
		error:
			execution.status === 'success'
				? null
				: (execution.error?.message ?? `execution ${execution.status}`),
		...seen.read(),
		itemsOut: output.length,
		distinctRecords: distinct(output.map((item) => item.json)),
		...memory,
	};
}

async function runRaw(sim, range, limit) {
	const seen = counter(sim);
	seen.mark();
	try {
		const { ms, records } = await rawFundLogs(sim, { range, limit });
		return {
			clientMs: ms,
			error: null,
			...seen.read(),
			itemsOut: records.length,
			distinctRecords: distinct(records),
		};
	} catch (error) {
		return { clientMs: null, error: error.message, ...seen.read(), itemsOut: 0 };
	}
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const install = await ensureN8n(args.line);
	await buildIfStale();
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cardepass-bench-'));
	let sim;
	let instance;
	const cleanUp = async () => {
		if (instance) await instance.dispose();
		if (sim) await sim.close();
		fs.rmSync(packDir, { recursive: true, force: true });
	};
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
	}
	try {
		const tarball = await packPackage(packDir);

		const throughput = await simulatorThroughput(args.records);
		log(
			`simulator alone: ${throughput.pagesPerSecond} pages/s over ${args.records} records ` +
				`(${throughput.msPerPage} ms of its own per page, 0 ms latency)`,
		);

		sim = await startSimulator({ revision: '1.4', latencyMs: args.latency });
		const range = sim.addAccountLogs(args.records);
		await exportWorkflows.saveExportWorkflows(
			path.join(REPO_ROOT, 'bench/workflows'),
			range,
			LIMIT,
		);

		instance = await createN8nInstance({
			line: args.line,
			install,
			packageTarball: tarball,
			cliTimeoutMs: 20 * 60_000,
		});
		const cardepass = workflows.cardepassCredential('bxCdp', sim);
		const oauth2 = workflows.genericOAuth2Credential('bxOAuth', sim);
		const built = {
			nodeAll: exportWorkflows.cardepassFundLogs(cardepass, range),
			httpAll: exportWorkflows.httpRequestFundLogs(oauth2, range),
			nodeLimit: exportWorkflows.cardepassFundLogs(cardepass, range, LIMIT),
			httpLimit: exportWorkflows.httpRequestFundLogs(oauth2, range, LIMIT),
		};
		await instance.importCredentials([cardepass, oauth2]);
		await instance.importWorkflow(
			Object.values(built).map((workflow) => exportWorkflows.forSimulator(workflow, sim)),
		);
		await activateWorkflows(
			instance,
			Object.values(built).map((workflow) => workflow.id),
		);

		const limitOf = (limit) => Math.min(limit, args.records);
		const scenarios = [
			{
				label: `Return All, ${args.records.toLocaleString('en-US')} records`,
				node: built.nodeAll,
				http: built.httpAll,
				limit: undefined,
				expectedItems: args.records,
			},
			{
				label: `Limit ${LIMIT} of ${args.records.toLocaleString('en-US')}`,
				node: built.nodeLimit,
				http: built.httpLimit,
				limit: LIMIT,
				expectedItems: limitOf(LIMIT),
			},
		];

		const samples = [];
		let showTree = true;
		for (let round = 1; round <= args.rounds; round++) {
			for (const scenario of scenarios) {
				const n8nRun = (workflow) => () => {
					const run = runN8n(instance, install, sim, { workflow, showTree });
					showTree = false;
					return run;
				};
				const contenders = [
					['this node', n8nRun(scenario.node)],
					['HTTP Request node, Pagination + Split Out', n8nRun(scenario.http)],
					['raw client loop', () => runRaw(sim, range, scenario.limit)],
				];
				// Alternate who goes first, so neither profits from a warmer machine.
				if (round % 2 === 0) contenders.reverse();
				for (const [contender, run] of contenders) {
					const sample = {
						round,
						scenario: scenario.label,
						contender,
						expectedItems: scenario.expectedItems,
						expectedPages: Math.ceil(scenario.expectedItems / exportWorkflows.PAGE_SIZE),
						...(await run()),
					};
					samples.push(sample);
					log(`round ${round}, ${scenario.label}, ${contender}: ${JSON.stringify(sample)}`);
					const failure = failureOf(sample);
					if (failure) log(`FAILURE: ${scenario.label}, ${contender}: ${failure}`);
				}
			}
		}

		const { table } = writeExportResults(path.join(REPO_ROOT, 'bench/results'), {
			line: args.line,
			n8nVersion: install.version,
			nodeVersion: install.nodeVersion,
			records: args.records,
			latencyMs: args.latency,
			rounds: args.rounds,
			simulatorPagesPerSecond: throughput.pagesPerSecond,
			simulatorMsPerPage: throughput.msPerPage,
			samples,
		});
		process.stdout.write(`\n${table}\n`);
		if (samples.some((sample) => failureOf(sample))) process.exitCode = 1;
	} finally {
		await cleanUp();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
