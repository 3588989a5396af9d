#!/usr/bin/env node
'use strict';

// npm start [-- --port 5678] [--simulator-port 4010] [--line 2.x|1.x]
// Builds and packs the package, starts the Cardepass simulator and the real
// n8n with the package installed, and keeps them running until Ctrl-C.

const { Sandbox, StopRequested } = require('./sandbox');
const { killDescendants } = require('./process-tree');
const { acceptPaymentCommands } = require('../simulator/webhooks');

const USAGE = `Usage: npm start [-- options]
  --port N             first port tried for n8n (default 5678; the next free one is taken)
  --simulator-port N   first port tried for the Cardepass simulator (default 4010)
  --line 2.x|1.x       the n8n line (default 2.x, or 1.x when Node 24 can't be had)
  --help               this text`;

function parseArgs(argv) {
	const options = {};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--help' || arg === '-h') return null;
		const match = /^--([\w-]+)(?:=(.*))?$/.exec(arg);
		const value = match && (match[2] !== undefined ? match[2] : argv[++i]);
		if (!match || value === undefined) throw new Error(`unexpected argument '${arg}'`);
		if (match[1] === 'port' || match[1] === 'simulator-port') {
			const port = Number(value);
			if (!Number.isInteger(port) || port < 1 || port > 65535)
				throw new Error(`--${match[1]} must be a port number`);
			options[match[1] === 'port' ? 'n8nPort' : 'simulatorPort'] = port;
		} else if (match[1] === 'line' && (value === '1.x' || value === '2.x')) {
			options.line = value;
		} else {
			throw new Error(`unknown option '${arg}'`);
		}
	}
	return options;
}

function printReady(info) {
	const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
	const steps = Object.entries(info.timings).map(([step, ms]) => `${step} ${seconds(ms)}`);
	const lines = [
		'',
		`[sandbox] started in ${seconds(info.startMs)} (${steps.join(', ')})`,
		'',
		`n8n ${info.version} is ready: ${info.url}`,
		'',
		`  Sign in:        ${info.owner.email} / ${info.owner.password}`,
		`  Credential:     "${info.credential.name}" -> ${info.simulator.baseUrl} (client ${info.simulator.clientId} / ${info.simulator.clientSecret}); test: ${info.credential.test.message || info.credential.test.status}`,
		`  Node:           Cardepass (${info.nodeType}), from the packed package`,
		...(info.trigger
			? [
					`  Trigger:        "${info.trigger.name}" is active; the simulator sends card payments to ${info.trigger.productionUrl} (webhook secret ${info.trigger.secret})`,
					`                  first notification answered HTTP ${info.trigger.firstAnswer.status} ${info.trigger.firstAnswer.text}`,
				]
			: []),
		`  n8n log:        ${info.logFile}`,
		'',
		'What to try first:',
	];
	const issue = info.workflows.find((w) => /issue-card/.test(w.file));
	let n = 0;
	const tip = (text) => lines.push(`  ${++n}. ${text}`);
	tip(`Open ${info.url} and sign in with the e-mail and password above.`);
	if (issue) {
		tip(
			`Open "${issue.name}" (${issue.url}), click "Execute workflow", then click the Cardepass nodes to see the new card.`,
		);
	}
	tip(
		'Add a Cardepass node to a new workflow: Card -> Create. Product and Currency load from the simulator.',
	);
	if (info.trigger) {
		tip(
			`Open "${info.trigger.name}" (${info.trigger.url}) -> Executions: the declined payment the simulator sent at start.`,
		);
		tip(
			'Use a card: type "pay" and Enter here (a declined payment), or "pay CARD234567 AuthFailure Some Shop". "pay CARD123456 AuthSuccess" is answered but starts nothing: the trigger passes only declines.',
		);
	}
	tip(
		`Credentials -> "${info.credential.name}": change the client secret and save to see the test fail; set it back to ${info.simulator.clientSecret}.`,
	);
	if (info.workflows.length) {
		lines.push(
			'',
			'Example workflows (inactive unless marked: schedules do not fire; a scheduled one also has a Manual Trigger to run it now):',
		);
		for (const w of info.workflows)
			lines.push(
				`  - ${w.name}: ${w.url}${info.trigger && w.url === info.trigger.url ? ' (active)' : ''}`,
			);
	} else {
		lines.push('', 'No example workflows found in examples/.');
	}
	lines.push('', 'Press Ctrl-C to stop n8n and the simulator.');
	console.log(lines.join('\n'));
}

async function main() {
	let options;
	try {
		options = parseArgs(process.argv.slice(2));
	} catch (error) {
		console.error(`${error.message}\n\n${USAGE}`);
		process.exit(2);
	}
	if (!options) {
		console.log(USAGE);
		return;
	}

	const sandbox = new Sandbox(options);
	let stopping = null;
	const stop = (reason, exitCode) => {
		if (!stopping) {
			console.log(`\n[sandbox] ${reason}: stopping n8n and the simulator`);
			stopping = sandbox
				.stop()
				.then(() => killDescendants())
				.then((left) => {
					if (left)
						console.log(
							`[sandbox] also ended ${left} process(es) still running (an install or build step)`,
						);
					console.log('[sandbox] stopped');
				})
				.finally(() => process.exit(exitCode));
		}
		return stopping;
	};
	process.on('SIGINT', () => stop('SIGINT', 130));
	process.on('SIGTERM', () => stop('SIGTERM', 143));
	process.on('SIGHUP', () => stop('SIGHUP', 129));

	try {
		const info = await sandbox.start();
		printReady(info);
		if (info.trigger)
			acceptPaymentCommands(sandbox.sim, process.stdin, (line) => console.log(`[sandbox] ${line}`));
	} catch (error) {
		if (error instanceof StopRequested || sandbox.stopping) return; // a signal came first; stop() reports
		console.error(`[sandbox] could not start: ${error.stack || error.message}`);
		await stop('error', 1);
	}
}

main();
