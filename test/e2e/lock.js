'use strict';

// A folder lock across processes, so that parallel test workers don't run two
// npm installs into one cache folder. mkdir is atomic; the holder's pid is
// written inside so a lock left by a killed process is taken over.

const fs = require('node:fs');
const path = require('node:path');

const POLL_MS = 2000;

function holderAlive(lockDir) {
	try {
		const pid = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
		if (!pid) return true; // Being written just now.
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/**
 * Runs fn while holding <target>.lock.
 * @template T
 * @param {string} target
 * @param {() => Promise<T>} fn
 * @param {{ timeoutMs?: number, onWait?: () => void }} [options]
 * @returns {Promise<T>}
 */
async function withLock(target, fn, { timeoutMs = 40 * 60_000, onWait } = {}) {
	const lockDir = `${target}.lock`;
	const started = Date.now();
	let told = false;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			if (!holderAlive(lockDir)) {
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (Date.now() - started > timeoutMs)
				throw new Error(`Timed out waiting for ${lockDir} (held by another process).`);
			if (!told && onWait) onWait();
			told = true;
			await new Promise((resolve) => setTimeout(resolve, POLL_MS));
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

module.exports = { withLock };
