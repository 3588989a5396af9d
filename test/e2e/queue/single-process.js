'use strict';

// The top-up batches and the nightly export again, in one n8n process
// (regular mode, SQLite), against a fresh simulator holding the same cards:
// what queue mode produced must be what one process produces.

const assert = require('node:assert/strict');
const { createN8nInstance } = require('../n8n-instance');
const { simulatorCredential } = require('../simulator-access');
const { startWithWorkflows } = require('./activate');
const { batchRows } = require('./workflows');
const { postBatchesAtOnce, acceptedTopUps, stableItem } = require('./top-up-batches');
const { runExport, csvText } = require('./export-run');

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** The same top-up batches and export in one n8n process (regular mode, SQLite), compared with queue mode. */
async function singleProcess({
	t,
	install,
	tarball,
	sims,
	credentials,
	workflows,
	paths,
	batchNumbers,
	cold,
	coldOrders,
	coldBalances,
	queueExport,
}) {
	let inst = null;
	try {
		inst = await t.setup(
			'one n8n process (regular mode): the same workflows, a fresh simulator with the same cards',
			async () => {
				const created = await createN8nInstance({ line: '2.x', install, packageTarball: tarball });
				const singleCredential = simulatorCredential(
					credentials.bulk.id,
					credentials.bulk.name,
					sims.single,
				);
				await startWithWorkflows(created, {
					credentials: [singleCredential, credentials.history],
					workflows: [workflows.bulk, workflows.export],
				});
				return created;
			},
		);
		if (!inst) return;
		sims.single.resetMetrics();
		const batches = batchNumbers.map((batch) => ({ batch, rows: batchRows(batch, sims.cardIds) }));
		const single = await t.setup(`one process: ${batches.length} webhook calls at once`, () =>
			postBatchesAtOnce(`${inst.url}/webhook/${paths.bulk}`, batches),
		);
		if (single) {
			t.note(
				`one process: ${batches.length * sims.cardIds.length} top-ups took ${seconds(single.ms)}; ${sims.single.tokenRequests()} token request(s); at most ${sims.single.maxConcurrent} request(s) in flight`,
			);
		}
		await t.test(
			'one process: the same orders at the simulator as in queue mode (reference, card, amount)',
			() => {
				assert.equal(coldOrders.length, batches.length * sims.cardIds.length);
				assert.deepEqual(acceptedTopUps(sims.single), coldOrders);
				for (const [cardId, balance] of coldBalances)
					assert.equal(sims.single.getCard(cardId).balanceAmount, balance, cardId);
			},
			single,
			cold,
		);
		await t.test(
			'one process: the same webhook answers as in queue mode (order numbers and times aside)',
			() => {
				for (const answer of single.answers) {
					const queued = cold.answers.find((a) => a.batch === answer.batch);
					assert.equal(answer.status, 200);
					assert.deepEqual(
						answer.items.map(stableItem),
						queued.items.map(stableItem),
						`batch ${answer.batch}`,
					);
				}
			},
			single,
			cold,
		);

		const singleExport = await t.setup('one process: nightly export', () =>
			runExport(inst, install, {
				workflowId: workflows.export.id,
				url: `${inst.url}/webhook/${paths.export}`,
			}),
		);
		await t.test(
			'nightly export: the same rows and CSV files on a worker as in one process',
			() => {
				assert.equal(singleExport.status, 'success');
				assert.deepEqual(queueExport.fundLogs, singleExport.fundLogs);
				assert.deepEqual(queueExport.cardFundLogs, singleExport.cardFundLogs);
				assert.equal(csvText(queueExport.fundLogsFile), csvText(singleExport.fundLogsFile));
				assert.equal(csvText(queueExport.cardFundLogsFile), csvText(singleExport.cardFundLogsFile));
				assert.equal(queueExport.fundLogsFile.fileName, singleExport.fundLogsFile.fileName);
			},
			singleExport,
			queueExport,
		);
	} finally {
		await inst?.dispose();
	}
}

module.exports = { singleProcess };
