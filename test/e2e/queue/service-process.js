'use strict';

// A long-running server process (PostgreSQL, Redis) in its own process group:
// its output goes to a log file, and stop() ends it, politely first.

const fs = require('node:fs');
const net = require('node:net');
const { spawn } = require('node:child_process');
const { killGroup, tail } = require('../run-command');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Detached servers would outlive a test process that exits early; end them on the way out.
const live = new Set();
process.once('exit', () => {
	for (const child of live) killGroup(child);
});

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ logFile: string, uid?: number, gid?: number, env?: NodeJS.ProcessEnv, cwd?: string }} options
 */
function startService(command, args, { logFile, uid, gid, env, cwd }) {
	const log = fs.openSync(logFile, 'a');
	const child = spawn(command, args, {
		detached: true,
		stdio: ['ignore', log, log],
		uid,
		gid,
		env,
		cwd,
	});
	fs.closeSync(log);
	live.add(child);
	let exited = null;
	child.on('exit', (code, signal) => {
		exited = { code, signal };
		live.delete(child);
	});
	child.on('error', (error) => {
		exited = { error };
		live.delete(child);
	});
	return {
		child,
		exited: () => exited,
		logTail: () => (fs.existsSync(logFile) ? tail(fs.readFileSync(logFile, 'utf8'), 20) : ''),
		/** `signal` first (each server has its own "shut down now"), SIGKILL to the group after graceMs. */
		async stop(signal = 'SIGTERM', graceMs = 10_000) {
			if (exited) return;
			const closed = new Promise((resolve) => child.once('exit', resolve));
			try {
				process.kill(child.pid, signal);
			} catch {
				// Already gone.
			}
			const graceful = await Promise.race([
				closed.then(() => true),
				sleep(graceMs).then(() => false),
			]);
			killGroup(child, 'SIGKILL');
			if (!graceful) await closed;
		},
	};
}

/** Resolves once `probe()` is true; fails when the service exits first or time runs out. */
async function waitUntil(service, what, probe, timeoutMs = 60_000) {
	const started = Date.now();
	while (Date.now() - started < timeoutMs) {
		const exited = service.exited();
		if (exited)
			throw new Error(
				`${what} stopped while starting (${exited.error?.message ?? `exit ${exited.code ?? exited.signal}`}):\n${service.logTail()}`,
			);
		if (await probe()) return Date.now() - started;
		await sleep(100);
	}
	await service.stop('SIGKILL', 0);
	throw new Error(`${what} was not ready within ${timeoutMs / 1000} s:\n${service.logTail()}`);
}

/** Sends `request` to 127.0.0.1:port and resolves with whatever arrives first (or '' on error). */
function tcpExchange(port, request, timeoutMs = 2000) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		const done = (value) => {
			socket.destroy();
			resolve(value);
		};
		socket.setTimeout(timeoutMs, () => done(''));
		socket.on('error', () => done(''));
		socket.on('connect', () => socket.write(request));
		socket.on('data', (chunk) => done(chunk.toString()));
	});
}

module.exports = { startService, waitUntil, tcpExchange };
