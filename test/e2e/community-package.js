'use strict';

// Installs a packed community package the way n8n's own installer lays it
// out: <userFolder>/.n8n/nodes/node_modules/<package>. What n8n's loader
// really needs (read in both lines' sources, checked by smoke.js): a folder
// named n8n-nodes-* (or @scope/n8n-nodes-*) in that node_modules with a
// package.json carrying the "n8n" section; the loader globs for it, so no
// database row and no .n8n/nodes/package.json are required. We still write
// that package.json (as n8n 2.x does itself, name "installed-nodes") so npm
// installs there instead of walking up to some other package.json.
// Peer dependencies are omitted: the package must use n8n's own n8n-workflow,
// which n8n puts on NODE_PATH before loading community nodes.

const fs = require('node:fs');
const path = require('node:path');
const { runChecked } = require('./run-command');

const INSTALL_TIMEOUT_MS = 5 * 60_000;

/**
 * @param {string} userFolder N8N_USER_FOLDER
 * @param {string} tarball path of the .tgz made by `npm pack`
 * @returns {Promise<{ name: string, version: string, dir: string }>}
 */
async function installPackageTarball(userFolder, tarball) {
	const tgz = path.resolve(tarball);
	if (!fs.existsSync(tgz)) throw new Error(`Package tarball not found: ${tgz}`);
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const manifest = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(manifest)) {
		fs.writeFileSync(
			manifest,
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
		);
	}
	await runChecked(
		'npm',
		[
			'install',
			tgz,
			'--ignore-scripts',
			'--omit=peer',
			'--omit=dev',
			'--no-audit',
			'--no-fund',
			'--no-package-lock',
			'--prefer-offline',
			'--loglevel=warn',
		],
		{
			cwd: nodesDir,
			timeoutMs: INSTALL_TIMEOUT_MS,
			label: `npm install ${path.basename(tgz)} (into ${nodesDir})`,
		},
	);
	const deps = JSON.parse(fs.readFileSync(manifest, 'utf8')).dependencies || {};
	const name = Object.keys(deps).find((dep) => String(deps[dep]).includes(path.basename(tgz)));
	if (!name) throw new Error(`npm did not record ${path.basename(tgz)} in ${manifest}`);
	const dir = path.join(nodesDir, 'node_modules', name);
	const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
	if (!/^(@[^/]+\/)?n8n-nodes-/.test(name)) {
		throw new Error(
			`n8n only loads packages named n8n-nodes-* or @scope/n8n-nodes-*; got "${name}".`,
		);
	}
	if (fs.existsSync(path.join(dir, 'node_modules', 'n8n-workflow'))) {
		throw new Error(
			`${dir} got its own n8n-workflow; the package must take n8n's (peer dependency).`,
		);
	}
	return { name, version: pkg.version, dir };
}

module.exports = { installPackageTarball };
