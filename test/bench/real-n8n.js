'use strict';

// `npm run bench`: 1,000 top-ups in one execution, in real n8n (2.x; `--line 1.x` for the other line),
// with this node (defaults, and Max Concurrent Requests 5 like the raw loop), the smallest declarative
// node sending the same request (test/bench/floor-node/: what n8n's declarative engine costs) and n8n's
// HTTP Request node, against the local simulator at 0 ms and 80 ms latency and against one that answers
// 429 above 10 requests in flight, beside a raw client loop at concurrency 5. Contenders alternate
// within each round; the table shows min, median and max. Everything counted (token requests,
// requests, in flight, orders) is what the simulator saw; the peak RSS is the `n8n execute` process's.
// Writes bench/results/top-ups[-<items>]-<line>.json and .md.
//
//   node test/bench/real-n8n.js [--line 2.x|1.x] [--rounds 3] [--items 1000] [--scenarios 0ms,80ms,429] [--warm 1]

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startSimulator } = require('../simulator');
const { ensureN8n } = require('../e2e/install-n8n');
const { createN8nInstance } = require('../e2e/n8n-instance');
const { buildIfStale, packPackage } = require('../e2e/e2e-package');
const { REPO_ROOT } = require('../e2e/paths');
const { rawTopUps } = require('./raw-loop');
const workflows = require('./workflows');
const { writeResults } = require('./report');
const { executePeakMb } = require('./peak-rss');

const FLOOR_NODE_DIR = path.join(__dirname, 'floor-node');
const PEAK_RSS_PRELOAD = path.join(__dirname, 'peak-rss.js');

const SCENARIOS = [
	// At 0 ms every contender sends one request at a time anyway: no run held to 5.
	{
		key: '0ms',
		label: '0 ms latency',
		sim: { latencyMs: 0 },
		raw: true,
		floor: true,
		atFive: false,
	},
	{ key: '80ms', label: '80 ms latency', sim: { latencyMs: 80 }, raw: true, floor: true },
	// A server that refuses (429) any request beyond 10 in flight; the HTTP Request node with Retry On Fail set as a careful user would.
	{
		key: '429',
		label: '80 ms, 429 above 10 in flight',
		sim: { latencyMs: 80, rateLimit: { maxConcurrent: 10 } },
		raw: false,
		floor: false,
		httpSettings: workflows.RETRY_ON_FAIL,
		httpBatching: workflows.BATCHING,
	},
];
const RAW_CONCURRENCY = 5;

function parseArgs(argv) {
	const args = {
		line: '2.x',
		rounds: 3,
		items: 1000,
		scenarios: SCENARIOS.map((scenario) => scenario.key).join(','),
		// 1: each credential fetches its token in a one-item run first, so a single round measures the
		// batch, not the token (nodes that send every item at once fetch one token per item).
		warm: 0,
	};
	for (let i = 0; i < argv.length; i += 2) {
		const name = argv[i].replace(/^--/, '');
		if (!(name in args)) throw new Error(`unknown option ${argv[i]}`);
		args[name] = typeof args[name] === 'number' ? Number(argv[i + 1]) : argv[i + 1];
	}
	return args;
}

const log = (line) => process.stdout.write(`[bench] ${line}\n`);

/** What the simulator saw since `mark()`. */
function counter(sim) {
	let ordersBefore = 0;
	return {
		mark() {
			sim.clearRequests();
			sim.resetMetrics();
			ordersBefore = sim.state.orders.length;
		},
		read() {
			const orders = sim.state.orders.slice(ordersBefore);
			const seen = sim.requests;
			return {
				// From the first request the simulator saw to its last answer: the same clock for every contender.
				ms: seen.length
					? Math.max(...seen.map((r) => r.endedAt ?? r.startedAt)) -
						Math.min(...seen.map((r) => r.startedAt))
					: null,
				tokenRequests: sim.tokenRequests(),
				requests: sim.requests.length,
				maxInFlight: sim.maxConcurrent,
				orders: orders.length,
				duplicateOrders: orders.length - new Set(orders.map((order) => order.customerOrderNo)).size,
				refused429: seen.filter((request) => request.status === 429).length,
			};
		},
	};
}

async function simulatorThroughput() {
	const sim = await startSimulator({ revision: '1.4' });
	try {
		const count = 3000;
		const orders = Array.from({ length: count }, (_, i) => `RPS-${i}`);
		const { ms } = await rawTopUps(sim, {
			orders,
			concurrency: 20,
			cardId: workflows.CARD_ID,
			amount: workflows.TOP_UP_AMOUNT,
		});
		return Math.round((count / ms) * 1000);
	} finally {
		await sim.close();
	}
}

/** `n8n execute`, its peak RSS recorded by the preload (test/bench/peak-rss.js). */
async function executeMeasured(instance, workflowId) {
	const rssFile = path.join(instance.userFolder, `peak-rss-${workflowId}-${Date.now()}.jsonl`);
	const env = instance.extraEnv;
	instance.extraEnv = {
		...env,
		NODE_OPTIONS: `--require ${PEAK_RSS_PRELOAD}`,
		BENCH_PEAK_RSS_FILE: rssFile,
	};
	try {
		const result = await instance.execute(workflowId, { timeoutMs: 20 * 60_000 });
		return { result, peakRssMb: executePeakMb(rssFile) };
	} finally {
		instance.extraEnv = env;
		fs.rmSync(rssFile, { force: true });
	}
}

async function runN8n(instance, workflowId, sim, items) {
	const seen = counter(sim);
	seen.mark();
	const { result, peakRssMb } = await executeMeasured(instance, workflowId);
	const counted = seen.read();
	const run = result.nodeRuns('Top Up')[0];
	const output = result.nodeItems('Top Up');
	return {
		nodeExecutionMs: run?.executionTime ?? null,
		processMs: result.ms,
		peakRssMb,
		error: result.error?.message ?? null,
		...counted,
		// n8n's printed run is not always readable for 1,000 items; then the orders made tell.
		failedItems: result.ok ? output.filter((item) => item.error).length : items - counted.orders,
	};
}

async function runRaw(sim, items, round) {
	const seen = counter(sim);
	seen.mark();
	const orders = Array.from(
		{ length: items },
		(_, i) => `RAW${round}T${Date.now().toString(36)}-${i}`,
	);
	const { ms, failed } = await rawTopUps(sim, {
		orders,
		concurrency: RAW_CONCURRENCY,
		cardId: workflows.CARD_ID,
		amount: workflows.TOP_UP_AMOUNT,
	});
	return { clientMs: ms, failedItems: failed, ...seen.read() };
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const install = await ensureN8n(args.line);
	await buildIfStale();
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cardepass-bench-'));
	const sims = {};
	let instance;
	const cleanUp = async () => {
		if (instance) await instance.dispose();
		for (const sim of Object.values(sims)) await sim.close();
		fs.rmSync(packDir, { recursive: true, force: true });
	};
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
	}
	try {
		const tarball = await packPackage(packDir);
		workflows.saveWorkflows(path.join(REPO_ROOT, 'bench/workflows'), args.items);

		const simulatorRps = await simulatorThroughput();
		log(`simulator alone: ${simulatorRps} top-ups/s at concurrency 20 (0 ms latency)`);

		instance = await createN8nInstance({
			line: args.line,
			install,
			packageTarball: tarball,
			customExtensions: FLOOR_NODE_DIR,
			cliTimeoutMs: 20 * 60_000,
		});
		const scenarios = SCENARIOS.filter((scenario) =>
			args.scenarios.split(',').includes(scenario.key),
		);
		const credentials = [];
		const toImport = [];
		for (const scenario of scenarios) {
			const sim = await startSimulator({ revision: '1.4', ...scenario.sim });
			// Enough money for every round: each top-up of 10 costs 11 with its fee.
			sim.state.accounts.USD = 100_000_000;
			sims[scenario.key] = sim;
			const cardepass = workflows.cardepassCredential(`bnCdp${scenario.key}`, sim);
			const oauth2 = workflows.genericOAuth2Credential(`bnOAuth${scenario.key}`, sim);
			const floor = workflows.floorCredential(`bnFloor${scenario.key}`, sim);
			credentials.push(cardepass, oauth2, floor);
			const http = workflows.httpRequestTopUps(oauth2, args.items, scenario.httpSettings);
			if (scenario.httpBatching) {
				const batched = workflows.httpRequestTopUps(
					oauth2,
					args.items,
					scenario.httpSettings,
					scenario.httpBatching,
				);
				toImport.push({ ...workflows.forSimulator(batched, sim), id: `bnHttpB${scenario.key}` });
			}
			if (args.warm) {
				toImport.push(
					{
						...workflows.forSimulator(workflows.cardepassTopUps(cardepass, 1), sim),
						id: `bnWarmC${scenario.key}`,
					},
					{
						...workflows.forSimulator(workflows.floorTopUps(floor, 1), sim),
						id: `bnWarmF${scenario.key}`,
					},
					{
						...workflows.forSimulator(workflows.httpRequestTopUps(oauth2, 1), sim),
						id: `bnWarmH${scenario.key}`,
					},
				);
			}
			if (scenario.floor) {
				toImport.push({
					...workflows.forSimulator(workflows.floorTopUps(floor, args.items), sim),
					id: `bnFloor${scenario.key}`,
				});
			}
			toImport.push(
				{
					...workflows.forSimulator(workflows.cardepassTopUps(cardepass, args.items), sim),
					id: `bnCdp${scenario.key}`,
				},
				{
					...workflows.forSimulator(
						workflows.cardepassTopUps(cardepass, args.items, workflows.FLOOR_OPTIONS),
						sim,
					),
					id: `bnCdpW${scenario.key}`,
				},
				{ ...workflows.forSimulator(http, sim), id: `bnHttp${scenario.key}` },
			);
		}
		await instance.importCredentials(credentials);
		await instance.importWorkflow(toImport);

		if (args.warm) {
			for (const scenario of scenarios) {
				for (const kind of ['C', 'F', 'H']) {
					const warm = await instance.execute(`bnWarm${kind}${scenario.key}`);
					if (!warm.ok) throw new Error(`warm-up ${kind} failed: ${warm.error?.message}`);
				}
			}
			log('tokens fetched and stored by one-item runs');
		}

		const samples = [];
		for (let round = 1; round <= args.rounds; round++) {
			for (const scenario of scenarios) {
				const sim = sims[scenario.key];
				const contenders = [
					['this node', () => runN8n(instance, `bnCdp${scenario.key}`, sim, args.items)],
					...(scenario.atFive === false
						? []
						: [
								[
									`this node, Max Concurrent Requests ${RAW_CONCURRENCY}`,
									() => runN8n(instance, `bnCdpW${scenario.key}`, sim, args.items),
								],
							]),
					[
						scenario.httpSettings ? 'HTTP Request node, Retry On Fail' : 'HTTP Request node',
						() => runN8n(instance, `bnHttp${scenario.key}`, sim, args.items),
					],
				];
				if (scenario.httpBatching) {
					const { itemsPerBatch, batchIntervalMs } = scenario.httpBatching;
					contenders.push([
						`HTTP Request node, Retry On Fail, Batching ${itemsPerBatch} per ${batchIntervalMs} ms`,
						() => runN8n(instance, `bnHttpB${scenario.key}`, sim, args.items),
					]);
				}
				if (scenario.floor)
					contenders.push([
						'minimal declarative node',
						() => runN8n(instance, `bnFloor${scenario.key}`, sim, args.items),
					]);
				if (scenario.raw)
					contenders.push([
						`raw client loop, concurrency ${RAW_CONCURRENCY}`,
						() => runRaw(sim, args.items, round),
					]);
				// Alternate who goes first, so neither profits from a warmer machine.
				if (round % 2 === 0) contenders.reverse();
				for (const [contender, run] of contenders) {
					const sample = {
						round,
						scenario: scenario.label,
						latencyMs: scenario.sim.latencyMs,
						contender,
						...(await run()),
					};
					samples.push(sample);
					log(`round ${round}, ${scenario.label}, ${contender}: ${JSON.stringify(sample)}`);
				}
			}
		}

		const { table } = writeResults(path.join(REPO_ROOT, 'bench/results'), {
			name: [
				'top-ups',
				...(args.items === 1000 ? [] : [String(args.items)]),
				...(args.scenarios === SCENARIOS.map((scenario) => scenario.key).join(',')
					? []
					: [args.scenarios.replace(/,/g, '-')]),
			].join('-'),
			line: args.line,
			n8nVersion: install.version,
			nodeVersion: install.nodeVersion,
			items: args.items,
			rounds: args.rounds,
			simulatorRps,
			samples,
		});
		process.stdout.write(`\n${table}\n`);
	} finally {
		await cleanUp();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
