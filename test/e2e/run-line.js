'use strict';

// One n8n line end to end: every suite starts its simulators and builds its
// credentials and workflows, all of them are imported at once (each import is
// an n8n process of a few seconds), then the suites execute and check, one
// after another. Simulators and the n8n instance are closed whatever happens.

const fs = require('node:fs');
const { createN8nInstance } = require('./n8n-instance');

/**
 * @param {object} options
 * @param {string} options.line '1.x' or '2.x'
 * @param {object} options.install ensureN8n() result
 * @param {string} options.tarball the packed package
 * @param {Array<{ name: string, prepare(): Promise<{ credentials: object[], workflows: object[] }>, run(ctx): Promise<void>, close(): Promise<void> }>} options.suites
 * @param {import('./e2e-reporter').ScopedReporter} options.t
 */
async function runLine({ line, install, tarball, suites, t }) {
	let inst = null;
	const removeFolder = () => fs.rmSync(inst.userFolder, { recursive: true, force: true });
	try {
		const prepared = [];
		for (const suite of suites) {
			prepared.push(
				await t.setup(`${suite.name}: start simulators, build workflows`, () => suite.prepare()),
			);
		}
		inst = await t.setup('n8n instance with n8n-nodes-cardepass installed from the tarball', () =>
			createN8nInstance({ line, install, packageTarball: tarball }),
		);
		// Interrupted runs (process.exit on Ctrl+C) skip dispose(); the user folder goes anyway.
		if (inst) process.once('exit', removeFolder);
		const ready =
			inst &&
			(await t.setup('import every credential and workflow', async () => {
				const parts = prepared.filter(Boolean);
				await inst.importCredentials(parts.flatMap((part) => part.credentials));
				await inst.importWorkflow(parts.flatMap((part) => part.workflows));
				return true;
			}));
		for (const [index, suite] of suites.entries()) {
			const started = Date.now();
			const usable = ready && prepared[index];
			// A suite whose setup failed still runs: its checks then report as not checked.
			const guarded = usable ? inst : notReady(suite.name);
			try {
				await suite.run({ inst: guarded, t, line });
			} catch (error) {
				t.fail(`${suite.name}: the suite stopped early`, error);
			}
			t.note(`${suite.name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
		}
	} finally {
		if (inst) {
			await inst.dispose();
			process.removeListener('exit', removeFolder);
		}
		for (const suite of suites)
			await suite.close().catch((error) => t.fail(`${suite.name}: close simulators`, error));
	}
}

/** Stands in for the instance when setup failed: every use throws, so checks fail as not checked. */
function notReady(name) {
	return new Proxy(
		{},
		{
			get() {
				return () => {
					throw new Error(`${name}: n8n or the suite's simulators could not be set up (see above)`);
				};
			},
		},
	);
}

module.exports = { runLine };
