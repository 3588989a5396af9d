'use strict';

const net = require('node:net');

function isFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/**
 * The first free port on 127.0.0.1 from `wanted` upwards.
 * @param {number} wanted
 * @param {number} [tries]
 */
async function firstFreePort(wanted, tries = 20) {
	for (let port = wanted; port < wanted + tries; port++) {
		if (await isFree(port)) return port;
	}
	throw new Error(`Ports ${wanted}-${wanted + tries - 1} on 127.0.0.1 are all taken.`);
}

module.exports = { firstFreePort };
