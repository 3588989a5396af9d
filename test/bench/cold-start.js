'use strict';

// Cold start: how long `n8n start` takes until it is ready (the editor and its REST API answer, as
// createN8nInstance's start() waits for), with this package installed and without it. A fresh user
// folder every time (so every boot also creates its database); the two alternate, medians of the
// rounds. Writes bench/results/cold-start-<line>.json and .md.
//
//   node test/bench/cold-start.js [--line 2.x|1.x] [--rounds 5]

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureN8n } = require('../e2e/install-n8n');
const { createN8nInstance } = require('../e2e/n8n-instance');
const { buildIfStale, packPackage } = require('../e2e/e2e-package');
const { REPO_ROOT } = require('../e2e/paths');
const { median } = require('./report');
const { machine, saveResults } = require('./results-file');

const NODE_TYPE = 'n8n-nodes-cardepass.cardepass';
const WITH = 'with the package';
const WITHOUT = 'without';

function parseArgs(argv) {
	const args = { line: '2.x', rounds: 5 };
	for (let i = 0; i < argv.length; i += 2) {
		const name = argv[i].replace(/^--/, '');
		if (!(name in args)) throw new Error(`unknown option ${argv[i]}`);
		args[name] = typeof args[name] === 'number' ? Number(argv[i + 1]) : argv[i + 1];
	}
	return args;
}

const log = (line) => process.stdout.write(`[bench cold start] ${line}\n`);

/** Whether the running n8n offers this package's node (the node types the editor loads, after the boot was timed). */
async function offersTheNode(instance) {
	await instance.setupOwner();
	const response = await instance.rest('GET', '/types/nodes.json');
	if (!response.ok || !Array.isArray(response.body))
		throw new Error(`GET /types/nodes.json answered ${response.status}`);
	return response.body.some((type) => type.name === NODE_TYPE);
}

async function boot(install, tarball) {
	const instance = await createN8nInstance({
		line: install.line,
		install,
		...(tarball ? { packageTarball: tarball } : {}),
	});
	try {
		await instance.start();
		const loaded = await offersTheNode(instance);
		if (loaded !== Boolean(tarball))
			throw new Error(
				`n8n ${tarball ? 'did not load' : 'loaded'} ${NODE_TYPE} ${tarball ? 'with' : 'without'} the package`,
			);
		return instance.startMs;
	} finally {
		await instance.dispose();
	}
}

function markdown(meta, samples) {
	const ms = (label) => samples.filter((s) => s.contender === label).map((s) => s.ms);
	const withMs = median(ms(WITH));
	const withoutMs = median(ms(WITHOUT));
	const seconds = (value) => `${(value / 1000).toFixed(2)} s`;
	return [
		`n8n boot to ready, n8n ${meta.n8nVersion} (${meta.line}) on Node ${meta.nodeVersion}, ${meta.cpu} × ${meta.cores}, ` +
			`medians of ${meta.rounds}; a fresh user folder every boot.`,
		'',
		'| n8n start | median | every round |',
		'| --- | ---: | --- |',
		`| ${WITH} | ${seconds(withMs)} | ${ms(WITH).map(seconds).join(', ')} |`,
		`| ${WITHOUT} | ${seconds(withoutMs)} | ${ms(WITHOUT).map(seconds).join(', ')} |`,
		`| difference | ${withMs - withoutMs >= 0 ? '+' : ''}${seconds(withMs - withoutMs)} | |`,
	].join('\n');
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const install = await ensureN8n(args.line);
	await buildIfStale();
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cardepass-bench-'));
	try {
		const tarball = await packPackage(packDir);
		const samples = [];
		for (let round = 1; round <= args.rounds; round++) {
			const order = [
				[WITH, tarball],
				[WITHOUT, null],
			];
			// Alternate who goes first, so neither profits from a warmer machine.
			if (round % 2 === 0) order.reverse();
			for (const [contender, packageTarball] of order) {
				const ms = await boot(install, packageTarball);
				samples.push({ round, contender, ms });
				log(`round ${round}, ${contender}: ${ms} ms`);
			}
		}
		const meta = {
			name: 'cold-start',
			line: args.line,
			n8nVersion: install.version,
			nodeVersion: install.nodeVersion,
			rounds: args.rounds,
			...machine(),
		};
		const table = markdown(meta, samples);
		saveResults(path.join(REPO_ROOT, 'bench/results'), meta, { ...meta, samples }, table);
		process.stdout.write(`\n${table}\n`);
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
