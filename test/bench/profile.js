'use strict';

// Where a top-up's time goes: 1,000 top-ups at 0 ms latency in real n8n with `node --cpu-prof`, for
// this node, the minimal declarative node (test/bench/floor-node/) and the HTTP Request node. Each
// contender runs once unprofiled (it fetches and stores its token), then once profiled. Writes
// bench/results/profile-<line>.md and .json: per item, n8n's share and this node's, with the top
// functions of each.
//
//   node test/bench/profile.js [--line 2.x|1.x] [--items 1000] [--keep <folder for the .cpuprofile files>]

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startSimulator } = require('../simulator');
const { ensureN8n } = require('../e2e/install-n8n');
const { createN8nInstance } = require('../e2e/n8n-instance');
const { buildIfStale, packPackage } = require('../e2e/e2e-package');
const { REPO_ROOT } = require('../e2e/paths');
const { runCommand } = require('../e2e/run-command');
const { parseExecuteOutput } = require('../e2e/run-output');
const workflows = require('./workflows');
const { analyse } = require('./cpu-profile');
const { machine, saveResults } = require('./results-file');

const FLOOR_NODE_DIR = path.join(__dirname, 'floor-node');
const PRELOAD = path.join(__dirname, 'peak-rss.js');

function parseArgs(argv) {
	const args = { line: '2.x', items: 1000, keep: '' };
	for (let i = 0; i < argv.length; i += 2) {
		const name = argv[i].replace(/^--/, '');
		if (!(name in args)) throw new Error(`unknown option ${argv[i]}`);
		args[name] = typeof args[name] === 'number' ? Number(argv[i + 1]) : argv[i + 1];
	}
	return args;
}

const log = (line) => process.stdout.write(`[profile] ${line}\n`);

/** The profile of the `n8n execute` process: the one that holds the node's run. */
function executeProfile(dir, runMs) {
	const files = fs.readdirSync(dir).filter((file) => file.endsWith('.cpuprofile'));
	const withRun = [];
	for (const file of files) {
		try {
			withRun.push({
				file: path.join(dir, file),
				result: analyse(path.join(dir, file), { runMs }),
			});
		} catch {
			// The task runner's profile, or another process without the node's run.
		}
	}
	if (withRun.length !== 1)
		throw new Error(`expected one profile with the node's run in ${dir}, found ${withRun.length}`);
	return withRun[0];
}

/**
 * `node [--cpu-prof] <n8n> execute`: Node 20 does not take --cpu-prof from NODE_OPTIONS. The preload
 * (peak-rss.js) lets n8n print the whole run before it exits.
 */
async function execute(instance, workflowId, profileDir) {
	const peakFile = path.join(instance.userFolder, `peak-${workflowId}-${Date.now()}.jsonl`);
	const run = await runCommand(
		instance.install.nodeBin,
		[
			...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
			'--require',
			PRELOAD,
			instance.install.n8nBin,
			'execute',
			`--id=${workflowId}`,
			'--rawOutput',
		],
		{
			cwd: instance.userFolder,
			env: { ...instance.env(instance.cliBrokerPort), BENCH_PEAK_RSS_FILE: peakFile },
			timeoutMs: 10 * 60_000,
			label: `n8n execute ${workflowId}`,
		},
	);
	const result = parseExecuteOutput(run);
	if (!result.ok) throw new Error(`${workflowId} failed: ${result.error?.message}`);
	return { nodeExecutionMs: result.nodeRuns('Top Up')[0]?.executionTime ?? null };
}

const perItem = (ms, items) => `${((ms / items) * 1000).toFixed(0)} µs`;

function markdown(meta, runs) {
	const lines = [
		`CPU profile of ${meta.items} top-ups in one execution at 0 ms latency, n8n ${meta.n8nVersion} (${meta.line}) on Node ${meta.nodeVersion}, ${meta.cpu} × ${meta.cores}; one profiled run each (\`node --cpu-prof\`, 1 ms samples), after an unprofiled run that stored the token.`,
		'',
		"The window is the node's run: from the first sample inside it, as long as n8n timed the node's run. A sample counts for the nearest frame, from the leaf up, that is this node's (or the minimal node's) or n8n's; libraries count for their caller; \"Node.js runtime\" is I/O with no n8n or node code above it.",
		'',
		'| contender | node run (n8n) | profiled window | this node | n8n | Node.js runtime | garbage collector | V8 and Node.js internals | idle |',
		'| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
	];
	for (const run of runs) {
		const owner = (name) => run.split.byOwnerMs[name] ?? 0;
		const cell = (name) => `${owner(name)} ms (${perItem(owner(name), meta.items)})`;
		lines.push(
			`| ${run.contender} | ${run.nodeExecutionMs} ms | ${run.split.windowMs} ms (${perItem(run.split.windowMs, meta.items)}/item) | ${cell('this node')} | ${cell('n8n')} | ${cell('Node.js runtime (I/O, HTTP, timers)')} | ${cell('garbage collector')} | ${cell('V8 and Node.js internals')} | ${cell('idle')} |`,
		);
	}
	for (const run of runs) {
		lines.push('', `### ${run.contender}`, '');
		if (run.split.topThisNode.length) {
			lines.push("Top functions of the node's own code (self, with the libraries they call):", '');
			for (const { name, ms } of run.split.topThisNode) lines.push(`- ${ms} ms \`${name}\``);
			lines.push('');
		}
		lines.push("Top functions of n8n's (self, with the libraries they call):", '');
		for (const { name, ms } of run.split.topN8nSelf) lines.push(`- ${ms} ms \`${name}\``);
		lines.push('', "n8n's functions by inclusive time:", '');
		for (const { name, ms } of run.split.topN8nInclusive) lines.push(`- ${ms} ms \`${name}\``);
	}
	return lines.join('\n');
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const install = await ensureN8n(args.line);
	await buildIfStale();
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cardepass-profile-'));
	let sim;
	let instance;
	try {
		const tarball = await packPackage(work);
		sim = await startSimulator({ revision: '1.4', latencyMs: 0 });
		sim.state.accounts.USD = 100_000_000;
		instance = await createN8nInstance({
			line: args.line,
			install,
			packageTarball: tarball,
			customExtensions: FLOOR_NODE_DIR,
			cliTimeoutMs: 10 * 60_000,
		});
		const cardepass = workflows.cardepassCredential('pfCdp', sim);
		const floor = workflows.floorCredential('pfFloor', sim);
		const oauth2 = workflows.genericOAuth2Credential('pfOAuth', sim);
		await instance.importCredentials([cardepass, floor, oauth2]);
		const contenders = [
			['this node', 'pfCdp', workflows.cardepassTopUps(cardepass, args.items)],
			['minimal declarative node', 'pfFloor', workflows.floorTopUps(floor, args.items)],
			['HTTP Request node', 'pfHttp', workflows.httpRequestTopUps(oauth2, args.items)],
		];
		await instance.importWorkflow(
			contenders.map(([, id, json]) => ({ ...workflows.forSimulator(json, sim), id })),
		);
		const runs = [];
		for (const [contender, id] of contenders) {
			const warm = await execute(instance, id);
			log(`${contender}, unprofiled: ${warm.nodeExecutionMs} ms`);
			const dir = path.join(work, id);
			fs.mkdirSync(dir, { recursive: true });
			const { nodeExecutionMs } = await execute(instance, id, dir);
			const { file, result } = executeProfile(dir, nodeExecutionMs);
			if (args.keep) {
				fs.mkdirSync(args.keep, { recursive: true });
				fs.copyFileSync(file, path.join(args.keep, `${id}-${args.line}.cpuprofile`));
			}
			runs.push({ contender, nodeExecutionMs, split: result });
			log(`${contender}: ${JSON.stringify({ nodeExecutionMs, ...result.byOwnerMs })}`);
		}
		const meta = {
			name: 'profile',
			line: args.line,
			n8nVersion: install.version,
			nodeVersion: install.nodeVersion,
			items: args.items,
			...machine(),
		};
		const table = markdown(meta, runs);
		saveResults(path.join(REPO_ROOT, 'bench/results'), meta, { ...meta, runs }, table);
		process.stdout.write(`\n${table}\n`);
	} finally {
		if (instance) await instance.dispose();
		if (sim) await sim.close();
		fs.rmSync(work, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
