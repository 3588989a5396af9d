'use strict';

// A throwaway Redis on 127.0.0.1: a free port and a temp folder each run,
// nothing saved to disk.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { freePorts } = require('../free-port');
const { startService, waitUntil, tcpExchange } = require('./service-process');

/**
 * @param {{ serverBin: string }} options redis-server (debian-packages.js)
 * @returns {Promise<{ host: string, port: number, startMs: number, stop(): Promise<void> }>}
 */
async function startRedis({ serverBin }) {
	const started = Date.now();
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cardepass-queue-redis-'));
	const remove = () => {
		process.removeListener('exit', remove);
		fs.rmSync(folder, { recursive: true, force: true });
	};
	// An interrupted run (process.exit on Ctrl+C) skips stop(); the server is killed and the folder goes anyway.
	process.once('exit', remove);
	let service = null;
	try {
		const [port] = await freePorts(1);
		service = startService(
			serverBin,
			[
				'--port',
				String(port),
				'--bind',
				'127.0.0.1',
				'--save',
				'',
				'--appendonly',
				'no',
				'--dir',
				folder,
				'--daemonize',
				'no',
			],
			{ logFile: path.join(folder, 'redis.log'), cwd: folder },
		);
		await waitUntil(service, 'Redis', async () =>
			(await tcpExchange(port, 'PING\r\n')).startsWith('+PONG'),
		);
		const running = service;
		return {
			host: '127.0.0.1',
			port,
			startMs: Date.now() - started,
			async stop() {
				await running.stop('SIGTERM');
				remove();
			},
		};
	} catch (error) {
		await service?.stop('SIGKILL', 0);
		remove();
		throw error;
	}
}

module.exports = { startRedis };
