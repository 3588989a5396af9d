#!/usr/bin/env node
'use strict';

/**
 * node test/simulator/cli.js [--port 4010] [--revision 1.0|1.4] [--latency MS] [--complete-after MS]
 *                            [--client-id ID] [--client-secret SECRET] [--history N] [--token-ttl S]
 *                            [--webhook-url URL] [--webhook-secret SECRET]
 * Starts the simulator on 127.0.0.1 and stops cleanly on SIGINT/SIGTERM.
 */

const { startSimulator } = require('./index');
const { acceptPaymentCommands } = require('./webhooks');

const USAGE = `Usage: node test/simulator/cli.js [options]
  --port N            port on 127.0.0.1 (default 4010; 0 = any free port)
  --revision R        API revision to answer as: 1.0 (default) or 1.4
  --client-id ID      OAuth2 client ID (default sandbox-client)
  --client-secret S   OAuth2 client secret (default sandbox-secret)
  --token-ttl S       token lifetime in seconds (default 3600)
  --latency MS        latency added to every answer (default 0)
  --complete-after MS orders answer Processing and complete after MS (default: immediately)
  --history N         generated history: N account logs, N card logs, N transactions per card, ending now (default 48)
  --webhook-url URL   where card payments send signed CardPay notifications (a Cardepass Trigger's URL);
                      then type "pay [cardId] [AuthSuccess|AuthFailure|Settled] [merchant]" + Enter to use a card
  --webhook-secret S  the secret notifications are signed with (default sandbox-webhook-secret)
  --help              this text`;

/** @param {string[]} argv */
function parseArgs(argv) {
	/** @type {Record<string, string>} */
	const args = {};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--help' || arg === '-h') return null;
		const m = /^--([\w-]+)(?:=(.*))?$/.exec(arg);
		if (!m) throw new Error(`unexpected argument '${arg}'`);
		const value = m[2] !== undefined ? m[2] : argv[++i];
		if (value === undefined) throw new Error(`--${m[1]} needs a value`);
		args[m[1]] = value;
	}
	return args;
}

/**
 * @param {Record<string, string>} args
 * @param {string} name
 * @param {number} def
 */
function intArg(args, name, def) {
	if (args[name] === undefined) return def;
	const n = Number(args[name]);
	if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number >= 0`);
	return n;
}

async function main() {
	let args;
	try {
		args = parseArgs(process.argv.slice(2));
	} catch (error) {
		console.error(`${/** @type {Error} */ (error).message}\n\n${USAGE}`);
		process.exit(2);
	}
	if (!args) {
		console.log(USAGE);
		return;
	}
	const known = [
		'port',
		'revision',
		'client-id',
		'client-secret',
		'token-ttl',
		'latency',
		'complete-after',
		'history',
		'webhook-url',
		'webhook-secret',
	];
	const unknown = Object.keys(args).filter((k) => !known.includes(k));
	if (unknown.length) {
		console.error(`unknown option --${unknown[0]}\n\n${USAGE}`);
		process.exit(2);
	}
	const history = intArg(args, 'history', 48);
	const completeAfter =
		args['complete-after'] === undefined ? undefined : intArg(args, 'complete-after', 0);
	const sim = await startSimulator({
		port: intArg(args, 'port', 4010),
		revision: /** @type {'1.0' | '1.4'} */ (args.revision || '1.0'),
		clientId: args['client-id'],
		clientSecret: args['client-secret'],
		tokenTtlSeconds: intArg(args, 'token-ttl', 3600),
		latencyMs: intArg(args, 'latency', 0),
		orderCompletion: completeAfter === undefined ? 'immediate' : { afterMs: completeAfter },
		historyEnd: Date.now(),
		seed: { accountLogs: history, cardLogs: history, transactions: history },
		webhook: { url: args['webhook-url'], secret: args['webhook-secret'] },
	});

	console.log(`Cardepass simulator listening (API revision ${sim.revision})`);
	console.log(`  Base URL:      ${sim.baseUrl}`);
	console.log(`  Token URL:     ${sim.baseUrl}/connect/token`);
	console.log(`  Client ID:     ${sim.clientId}`);
	console.log(`  Client secret: ${sim.clientSecret}`);
	console.log('  Scope:         openapi');
	if (sim.webhookUrl) {
		console.log(`  Webhook:       ${sim.webhookUrl} (secret ${sim.webhookSecret})`);
		console.log(
			'Type "pay [cardId] [AuthSuccess|AuthFailure|Settled] [merchant]" and Enter to use a card.',
		);
		acceptPaymentCommands(sim, process.stdin, (line) => console.log(line));
	}
	console.log('Press Ctrl+C to stop.');

	let stopping = false;
	const stop = (/** @type {string} */ signal) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping the simulator`);
		sim.close().then(() => process.exit(0));
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => {
	console.error(error && error.message ? error.message : error);
	process.exit(1);
});
