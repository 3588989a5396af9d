'use strict';

// The safety net for Ctrl-C: the e2e helpers run npm and n8n in process
// groups of their own (so a terminal's SIGINT does not reach them), and a
// command still running when we are told to stop is known to nobody but the
// kernel. Linux only: reads /proc.

const fs = require('node:fs');

function parentOf(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// "pid (comm) state ppid ...": comm may hold spaces and parentheses.
		return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
	} catch {
		return null;
	}
}

/** Every live process below rootPid, parents before their children. */
function descendants(rootPid = process.pid) {
	const children = new Map();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		const ppid = parentOf(entry);
		if (ppid === null) continue;
		if (!children.has(ppid)) children.set(ppid, []);
		children.get(ppid).push(Number(entry));
	}
	const found = [];
	const queue = [rootPid];
	while (queue.length) {
		for (const child of children.get(queue.shift()) || []) {
			found.push(child);
			queue.push(child);
		}
	}
	return found;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** SIGTERM to every descendant, then SIGKILL to those still there after graceMs. */
async function killDescendants(rootPid = process.pid, graceMs = 3000) {
	const pids = descendants(rootPid);
	for (const pid of pids) signal(pid, 'SIGTERM');
	const deadline = Date.now() + graceMs;
	while (pids.some(alive) && Date.now() < deadline) await sleep(100);
	for (const pid of pids.filter(alive)) signal(pid, 'SIGKILL');
	return pids.length;
}

function signal(pid, name) {
	try {
		process.kill(pid, name);
	} catch {
		// Already gone.
	}
}

function alive(pid) {
	try {
		process.kill(pid, 0);
		return !isZombie(pid);
	} catch {
		return false;
	}
}

function isZombie(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
	} catch {
		return true;
	}
}

module.exports = { descendants, killDescendants };
