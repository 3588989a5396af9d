'use strict';

// A throwaway PostgreSQL on 127.0.0.1: a fresh data folder and a free port
// each run, trust authentication for one user, durability switched off (the
// data is deleted at the end anyway). PostgreSQL refuses to run as root, so
// as root it runs as Debian's `postgres` user.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runChecked, runCommand } = require('../run-command');
const { freePorts } = require('../free-port');
const { startService, waitUntil } = require('./service-process');

const USER = 'n8n';
const DATABASE = 'n8n';

/** uid and gid of a system user from /etc/passwd. */
function systemUser(name) {
	const line = fs
		.readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((entry) => entry.startsWith(`${name}:`));
	if (!line)
		throw new Error(`No user "${name}" on this machine (Debian's postgresql package creates it).`);
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

/**
 * @param {{ binDir: string }} options the PostgreSQL bin folder (debian-packages.js)
 * @returns {Promise<{ host: string, port: number, user: string, database: string, startMs: number, stop(): Promise<void> }>}
 */
async function startPostgres({ binDir }) {
	const started = Date.now();
	const runAs = process.getuid?.() === 0 ? systemUser('postgres') : {};
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cardepass-queue-pg-'));
	const dataDir = path.join(folder, 'data');
	const logFile = path.join(folder, 'postgres.log');
	if (runAs.uid !== undefined) fs.chownSync(folder, runAs.uid, runAs.gid);
	const tool = (name) => path.join(binDir, name);
	let service = null;
	const remove = () => {
		process.removeListener('exit', remove);
		fs.rmSync(folder, { recursive: true, force: true });
	};
	// An interrupted run (process.exit on Ctrl+C) skips stop(); the server is killed and the folder goes anyway.
	process.once('exit', remove);
	try {
		const initdb = [
			tool('initdb'),
			'-D',
			dataDir,
			'-U',
			USER,
			'--auth=trust',
			'-E',
			'UTF8',
			'--no-sync',
			'--no-instructions',
		];
		const [command, ...args] =
			runAs.uid === undefined ? initdb : ['runuser', '-u', 'postgres', '--', ...initdb];
		await runChecked(command, args, {
			cwd: folder,
			env: { ...process.env, LC_ALL: 'C' },
			timeoutMs: 120_000,
			label: 'initdb',
		});
		const [port] = await freePorts(1);
		service = startService(
			tool('postgres'),
			[
				'-D',
				dataDir,
				'-p',
				String(port),
				'-c',
				'listen_addresses=127.0.0.1',
				'-c',
				`unix_socket_directories=${folder}`,
				'-c',
				'fsync=off',
				'-c',
				'synchronous_commit=off',
				'-c',
				'full_page_writes=off',
				'-c',
				'max_connections=100',
			],
			{ logFile, cwd: folder, ...runAs },
		);
		const isReady = async () =>
			(
				await runCommand(tool('pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', USER], {
					timeoutMs: 10_000,
				})
			).code === 0;
		await waitUntil(service, 'PostgreSQL', isReady);
		await runChecked(
			tool('createdb'),
			['-h', '127.0.0.1', '-p', String(port), '-U', USER, DATABASE],
			{ timeoutMs: 30_000, label: 'createdb' },
		);
		const running = service;
		return {
			host: '127.0.0.1',
			port,
			user: USER,
			database: DATABASE,
			startMs: Date.now() - started,
			async stop() {
				// SIGINT is PostgreSQL's "fast shutdown": ends sessions and stops.
				await running.stop('SIGINT');
				remove();
			},
		};
	} catch (error) {
		await service?.stop('SIGKILL', 0);
		remove();
		throw error;
	}
}

module.exports = { startPostgres };
