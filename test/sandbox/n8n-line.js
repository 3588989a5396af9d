'use strict';

// Picks the n8n to run: the 2.x line (on Node 24 from the npm registry) unless
// that Node can't be had, then 1.x on this machine's Node. Says up front when
// the first run has to install n8n, since that takes minutes.

const fs = require('node:fs');
const path = require('node:path');
const { ensureN8n } = require('../e2e/install-n8n');
const { CACHE_ROOT } = require('../e2e/paths');

function installedBefore(line) {
	return fs.existsSync(path.join(CACHE_ROOT, line, '.e2e-verified'));
}

async function ensureLine(line, log) {
	if (!installedBefore(line)) {
		log(
			`n8n ${line} is not installed in ${path.join(CACHE_ROOT, line)} yet: installing the real n8n from the npm registry now.`,
		);
		log(
			'This happens once and takes about 4-8 minutes: n8n and its dependencies are 2-3 GB, and sqlite3 is compiled ' +
				`for the Node that runs n8n${line === '2.x' ? ' (Node 24, fetched from the npm registry too: n8n 2.x refuses Node 20)' : ''}. ` +
				'Later starts reuse it and take seconds.',
		);
	}
	return await ensureN8n(line);
}

/**
 * @param {'1.x'|'2.x'|undefined} wanted a line to insist on; default 2.x with fallback to 1.x
 * @param {(message: string) => void} log
 */
async function chooseN8n(wanted, log) {
	if (wanted) return await ensureLine(wanted, log);
	try {
		return await ensureLine('2.x', log);
	} catch (error) {
		if (!/Node 24 is needed|Node 24 at .* has no headers/.test(error.message)) throw error;
		log(
			`n8n 2.x can't run here (${error.message.split('\n')[0]}); falling back to the n8n 1.x line on Node ${process.version}.`,
		);
		return await ensureLine('1.x', log);
	}
}

module.exports = { chooseN8n };
