'use strict';

// `npm run bench`: the benchmarks in real n8n, one after another, each in its own process: 1,000
// top-ups (real-n8n.js), the CPU profile of a 0 ms run (profile.js), 10,000 top-ups in one execution
// (real-n8n.js again), the fund-log export (export.js) and the cold start (cold-start.js). Each
// prints its table and writes bench/results/<name>-<line>.{json,md}.
//
//   node test/bench/run.js [--line 2.x|1.x] [--only top-ups,profile,growth,export,cold-start]

const path = require('node:path');
const { spawn } = require('node:child_process');

const BENCHMARKS = {
	'top-ups': ['real-n8n.js'],
	profile: ['profile.js'],
	// How cost grows with the batch: one round, as a run takes minutes; tokens fetched beforehand.
	growth: ['real-n8n.js', '--items', '10000', '--scenarios', '0ms', '--rounds', '1', '--warm', '1'],
	export: ['export.js'],
	'cold-start': ['cold-start.js'],
};

function parseArgs(argv) {
	const args = { line: '2.x', only: Object.keys(BENCHMARKS).join(',') };
	for (let i = 0; i < argv.length; i += 2) {
		const name = argv[i].replace(/^--/, '');
		if (!(name in args)) throw new Error(`unknown option ${argv[i]}`);
		args[name] = argv[i + 1];
	}
	const only = args.only.split(',').filter(Boolean);
	const unknown = only.filter((name) => !(name in BENCHMARKS));
	if (unknown.length)
		throw new Error(
			`unknown benchmark ${unknown.join(', ')}; choose among ${Object.keys(BENCHMARKS).join(', ')}`,
		);
	return { line: args.line, only };
}

let interrupted = false;

/** Runs one benchmark script with Node, its output going straight to ours; resolves with its exit code. */
function runScript(script, args) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [path.join(__dirname, script), ...args], {
			stdio: 'inherit',
		});
		// Ctrl+C reaches the child too (same process group): only stop going on, and let it clean up.
		const onInterrupt = () => {
			interrupted = true;
		};
		// A SIGTERM sent to this process alone is passed on.
		const onTerminate = () => {
			interrupted = true;
			child.kill('SIGTERM');
		};
		process.on('SIGINT', onInterrupt);
		process.on('SIGTERM', onTerminate);
		child.once('error', reject);
		child.once('exit', (code, signal) => {
			process.off('SIGINT', onInterrupt);
			process.off('SIGTERM', onTerminate);
			resolve(code ?? (signal ? 1 : 0));
		});
	});
}

async function main() {
	const { line, only } = parseArgs(process.argv.slice(2));
	const failed = [];
	for (const name of only) {
		process.stdout.write(`\n=== bench: ${name} (${line}) ===\n`);
		const [script, ...args] = BENCHMARKS[name];
		const code = await runScript(script, [...args, '--line', line]);
		if (code !== 0) failed.push(`${name} (exit ${code})`);
		if (interrupted) break;
	}
	if (failed.length) {
		process.stderr.write(`bench: failed: ${failed.join(', ')}\n`);
		process.exitCode = 1;
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
