'use strict';

// The node loaded the way a developer loads it: N8N_CUSTOM_EXTENSIONS pointing at the repository's dist/
// (node type CUSTOM.cardepass), as opposed to the packed package the other suites install.

const assert = require('node:assert/strict');
const path = require('node:path');
const { createN8nInstance } = require('./n8n-instance');
const { startSimulator, simulatorCredential } = require('./simulator-access');
const { cardepass, chain } = require('./workflow-builder');
const { assertSucceeded, cleanItems } = require('./run-data');

const DIST = path.resolve(__dirname, '../../dist');

/** One workflow through CUSTOM.cardepass on this line: Account → Get Balances. */
async function checkCustomExtensions({ line, install, t }) {
	const sim = await startSimulator({ revision: '1.0' });
	let inst = null;
	try {
		const credential = simulatorCredential('cdpCustom', 'Cardepass custom extensions', sim);
		const node = {
			...cardepass('Balances', { resource: 'account', operation: 'getBalances' }, credential),
			type: 'CUSTOM.cardepass',
		};
		inst = await t.setup('n8n instance with N8N_CUSTOM_EXTENSIONS=dist', () =>
			createN8nInstance({ line, install, customExtensions: DIST }),
		);
		const result = await t.setup('import and execute a CUSTOM.cardepass workflow', async () => {
			await inst.importCredentials([credential]);
			await inst.importWorkflow(chain('e2eCustom', 'E2E custom extensions', [node]));
			return await inst.execute('e2eCustom');
		});
		await t.test(
			'CUSTOM.cardepass (N8N_CUSTOM_EXTENSIONS) runs Account → Get Balances: one item per currency',
			() => {
				assertSucceeded(result);
				const items = cleanItems(result, 'Balances');
				assert.deepEqual(items, [
					{ currency: 'USD', amount: sim.getBalance('USD') },
					{ currency: 'EUR', amount: sim.getBalance('EUR') },
				]);
			},
			inst,
			result,
		);
	} finally {
		if (inst) await inst.dispose();
		await sim.close();
	}
}

module.exports = { checkCustomExtensions };
