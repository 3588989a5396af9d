'use strict';

// The nightly fund-log export (examples/nightly-fund-log-export.json): a
// simulator whose history holds yesterday's and today's fund logs, and
// reading one export's rows and files from n8n's execution record.

const assert = require('node:assert/strict');
const { startSimulator, seed, directTopUps } = require('../simulator-access');
const {
	listExecutions,
	getExecution,
	nodeJson,
	nodeBinary,
	waitForFinished,
} = require('./executions');

const DAY = 24 * 3600 * 1000;
const FUND_LOGS = "Yesterday's fund logs";
const CARD_FUND_LOGS = "Yesterday's card fund logs";

/** A v1.4 simulator with two top-ups written yesterday and one today (the export must leave that out). */
async function startExportSimulator() {
	let clockOffset = -DAY;
	const sim = await startSimulator({ revision: '1.4', now: () => Date.now() + clockOffset });
	const card = seed.SEED_CARD_IDS.standardUsd;
	await directTopUps(sim, [
		{ cardId: card, topUpAmount: 10, customerOrderNo: 'QUEUE-YDAY-1' },
		{ cardId: card, topUpAmount: 20, customerOrderNo: 'QUEUE-YDAY-2' },
	]);
	clockOffset = 0;
	await directTopUps(sim, [{ cardId: card, topUpAmount: 15, customerOrderNo: 'QUEUE-TODAY-1' }]);
	return sim;
}

/** The CSV's text (n8n keeps small binaries inline, base64). */
function csvText(binary) {
	if (!binary?.data) return null;
	return Buffer.from(binary.data, 'base64')
		.toString('utf8')
		.replace(/^\uFEFF/, '');
}

/** Starts the export through its webhook and reads what it produced. */
async function runExport(inst, install, { workflowId, url }) {
	const before = (await listExecutions(inst, workflowId)).length;
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: '{}',
	});
	if (!response.ok)
		throw new Error(
			`export webhook answered ${response.status}: ${(await response.text()).slice(0, 300)}`,
		);
	const [newest] = await waitForFinished(inst, workflowId, before + 1);
	const execution = await getExecution(inst, install, newest.id);
	return {
		id: String(execution.id),
		status: execution.status,
		fundLogs: nodeJson(execution, FUND_LOGS),
		cardFundLogs: nodeJson(execution, CARD_FUND_LOGS),
		fundLogsFile: nodeBinary(execution, 'Fund logs CSV'),
		cardFundLogsFile: nodeBinary(execution, 'Card fund logs CSV'),
	};
}

function yesterdayWindow() {
	const today = new Date();
	today.setUTCHours(0, 0, 0, 0);
	return { from: today.getTime() - DAY, to: today.getTime() };
}

/** Checks one export against the simulator: yesterday's logs only, both CSV files complete. */
function checkExportRows(run, sim) {
	const { from, to } = yesterdayWindow();
	const yesterday = (record) => record._t >= from && record._t <= to;
	const expectedFundLogs = sim.state.accountLogs.filter(yesterday).length;
	const expectedCardLogs = sim.state.cardLogs.filter(yesterday).length;
	assert.ok(expectedFundLogs > 0 && expectedCardLogs > 0, 'the simulator holds logs of yesterday');
	assert.equal(run.fundLogs.length, expectedFundLogs);
	assert.equal(run.cardFundLogs.length, expectedCardLogs);
	const today = sim.getOrders({ customerOrderNo: 'QUEUE-TODAY-1' })[0].orderNo;
	for (const [file, rows] of [
		[run.fundLogsFile, expectedFundLogs],
		[run.cardFundLogsFile, expectedCardLogs],
	]) {
		const text = csvText(file);
		assert.ok(text, 'the CSV file is in the execution record');
		assert.equal(
			text.split(/\r?\n/).filter(Boolean).length,
			rows + 1,
			`${file.fileName}: header and one line per log`,
		);
		assert.ok(!text.includes(today), `${file.fileName}: today's order is left out`);
	}
}

module.exports = { startExportSimulator, runExport, csvText, checkExportRows };
