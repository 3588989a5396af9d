'use strict';

// PostgreSQL and Redis from Debian's packages. Installed with apt-get when
// missing and the process runs as root (as CI does for Chromium); otherwise
// the error says what to install.

const fs = require('node:fs');
const path = require('node:path');
const { runChecked } = require('../run-command');

const APT_TIMEOUT_MS = 10 * 60_000;

/** The newest /usr/lib/postgresql/<major>/bin holding initdb and postgres, or null. */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return null;
	const majors = fs
		.readdirSync(root)
		.filter((name) => /^\d+$/.test(name))
		.sort((a, b) => Number(b) - Number(a));
	for (const major of majors) {
		const bin = path.join(root, major, 'bin');
		if (['initdb', 'postgres', 'pg_isready'].every((tool) => fs.existsSync(path.join(bin, tool))))
			return bin;
	}
	return null;
}

function redisServerBin() {
	return (
		['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((file) => fs.existsSync(file)) ??
		null
	);
}

async function aptInstall(packages) {
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
		throw new Error(
			`PostgreSQL and Redis are needed: install the Debian packages ${packages.join(' ')} (apt-get install, as root).`,
		);
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await runChecked('apt-get', ['update', '-qq'], {
		env,
		timeoutMs: APT_TIMEOUT_MS,
		label: 'apt-get update',
	});
	await runChecked('apt-get', ['install', '-y', '-qq', ...packages], {
		env,
		timeoutMs: APT_TIMEOUT_MS,
		label: `apt-get install ${packages.join(' ')}`,
	});
}

/** @returns {Promise<{ postgresBin: string, redisServer: string, installed: string[] }>} */
async function ensureDebianPackages() {
	const missing = [];
	if (!postgresBinDir()) missing.push('postgresql');
	if (!redisServerBin()) missing.push('redis-server');
	if (missing.length) await aptInstall(missing);
	const postgresBin = postgresBinDir();
	const redisServer = redisServerBin();
	if (!postgresBin || !redisServer)
		throw new Error(
			`apt-get install ${missing.join(' ')} finished, but initdb/postgres or redis-server is still missing.`,
		);
	return { postgresBin, redisServer, installed: missing };
}

module.exports = { ensureDebianPackages };
