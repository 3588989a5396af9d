'use strict';

// Runs one command in its own process group, with a timeout that kills the
// whole tree (n8n and npm both spawn children that outlive a plain kill).

const { spawn } = require('node:child_process');
const fs = require('node:fs');

const TAIL_LINES = 30;

// Commands run detached (own process group), so they would outlive a process
// that exits while they run (an uncaught error, or Ctrl+C ended with process.exit);
// kill them on the way out, as n8n-instance.js does for servers.
const liveCommands = new Set();
process.once('exit', () => {
	for (const child of liveCommands) killGroup(child);
});

function tail(text, lines = TAIL_LINES) {
	return String(text).trimEnd().split('\n').slice(-lines).join('\n');
}

function killGroup(child, signal = 'SIGKILL') {
	if (!child.pid) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// Group already gone.
	}
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {object} [options]
 * @param {string} [options.cwd]
 * @param {NodeJS.ProcessEnv} [options.env]
 * @param {number} [options.timeoutMs] default 120 s
 * @param {string} [options.label] how the command is named in errors
 * @param {string} [options.logFile] also append stdout and stderr here
 * @param {string} [options.input] written to stdin, which is then closed
 * @returns {Promise<{ code: number|null, signal: string|null, stdout: string, stderr: string, ms: number }>}
 *   resolves whatever the exit code; rejects on timeout or spawn failure.
 */
function runCommand(command, args, options = {}) {
	const { cwd, env = process.env, timeoutMs = 120_000, logFile, input } = options;
	const label = options.label || [command, ...args].join(' ');
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd,
			env,
			detached: true,
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		liveCommands.add(child);
		const log = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : null;
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		child.stdout.on('data', (chunk) => {
			stdout += chunk;
			if (log) log.write(chunk);
		});
		child.stderr.on('data', (chunk) => {
			stderr += chunk;
			if (log) log.write(chunk);
		});
		child.stdin.on('error', () => {});
		child.stdin.end(input ?? '');

		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child);
		}, timeoutMs);

		child.on('error', (error) => {
			liveCommands.delete(child);
			clearTimeout(timer);
			if (log) log.end();
			reject(new Error(`${label}: could not start: ${error.message}`));
		});
		child.on('close', (code, signal) => {
			liveCommands.delete(child);
			clearTimeout(timer);
			// Children that daemonised or ignored the parent's exit go too.
			killGroup(child);
			if (log) log.end();
			const ms = Date.now() - started;
			if (timedOut) {
				const error = new Error(
					`${label}: timed out after ${Math.round(timeoutMs / 1000)} s, process tree killed.\n` +
						`--- last stdout ---\n${tail(stdout)}\n--- last stderr ---\n${tail(stderr)}`,
				);
				Object.assign(error, { stdout, stderr, timedOut: true });
				reject(error);
				return;
			}
			resolve({ code, signal, stdout, stderr, ms });
		});
	});
}

/** Like runCommand, but rejects unless the exit code is 0. */
async function runChecked(command, args, options = {}) {
	const label = options.label || [command, ...args].join(' ');
	const result = await runCommand(command, args, options);
	if (result.code !== 0) {
		const error = new Error(
			`${label}: exited with ${result.code ?? result.signal}.\n` +
				`--- last stdout ---\n${tail(result.stdout)}\n--- last stderr ---\n${tail(result.stderr)}`,
		);
		Object.assign(error, result);
		throw error;
	}
	return result;
}

module.exports = { runCommand, runChecked, killGroup, tail };
