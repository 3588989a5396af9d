'use strict';

// What a new user meets in the first hour, as checks in the browser: adding Card → Create through
// n8n's node search, the credential dialog's hints, the webhook credential, the trigger's notice,
// the fund-log export's Period and Spreadsheet Rows, and Order → Get's choices.

const crypto = require('node:crypto');
const editor = require('./editor');
const { createWorkflow } = require('../../sandbox/editor-content');

const ACTION_DESCRIPTION = /^Issue, top up, freeze and cancel Cardepass virtual cards/;
const FETCH_ERROR = /Error fetching options/i;
const CLIENT_ID_HINT = 'choose Production, Test or Custom under Environment below';
const TRIGGER_NOTICE = ['published', 'Publish', 'Active switch', 'WEBHOOK_URL'];
const FUND_LOG_COLUMNS = [
	'Time',
	'Time Zone',
	'Type',
	'Direction',
	'Amount',
	'Currency',
	'Available Balance',
	'Blocked Balance',
	'Order No',
	'Card ID',
	'Card Number (Masked)',
	'Note',
	'Fund Log ID',
];
const SPREADSHEET_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

function expect(condition, message) {
	if (!condition) throw new Error(message);
}

const clean = (text) => text.replace(/\s+/g, ' ').trim();

function manualTrigger() {
	return {
		id: crypto.randomUUID(),
		name: 'When clicking ‘Execute workflow’',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
}

/** The text of a node panel parameter's item (label, input, hint); '' when it is not shown. */
async function parameterItemText(ndv, name) {
	const item = ndv
		.getByTestId('parameter-item')
		.filter({ has: ndv.page().getByTestId(`parameter-input-${name}`) })
		.first();
	return (await item.isVisible()) ? clean(await item.innerText()) : '';
}

/**
 * From an open workflow: n8n's node search, "Cardepass", the description it shows, then Card → Create.
 * Resolves with what the search showed and the new node's panel.
 */
async function addCreateCardThroughSearch(page) {
	await page.getByTestId('node-creator-plus-button').click();
	const search = page
		.locator(
			'input[data-test-id="node-creator-search-bar"], [data-test-id="node-creator-search-bar"] input',
		)
		.first();
	await search.fill('Cardepass');
	// 2.41 lists the node with these test ids (no node-item of its own).
	const item = page
		.getByTestId('node-creator-item-name')
		.filter({ hasText: /^\s*Cardepass\s*$/ })
		.first();
	await item.waitFor();
	// The description of this entry, not of whichever entry the list shows first.
	const entry = item.locator('xpath=ancestor::*[contains(@class, "creatorNode")][1]');
	const description = entry.getByTestId('node-creator-item-description').first();
	const listed = (await description.isVisible()) ? clean(await description.innerText()) : '';
	await item.click();
	const createCard = page
		.getByTestId('node-creator-item-name')
		.filter({ hasText: /^\s*Create a card\s*$/ })
		.first();
	await createCard.waitFor();
	const header = clean(await page.getByTestId('nodes-list-header').first().innerText());
	await createCard.click();
	const ndv = page.getByTestId('ndv');
	await ndv.waitFor();
	return { listed, header, ndv };
}

async function newNodeChecks(checks, page, info, sandbox) {
	const productNames = sandbox.sim.state.products.map((p) => `${p.productName} (${p.productCode})`);
	const workflowId = await createWorkflow(sandbox.n8n, {
		name: 'A new workflow',
		nodes: [manualTrigger()],
		connections: {},
		settings: { executionOrder: 'v1' },
	});
	let added;
	await checks.run(
		'node search: "Cardepass" shows the action node\'s description, not the trigger\'s',
		async () => {
			await editor.openWorkflow(page, `${info.url}/workflow/${workflowId}`);
			added = await addCreateCardThroughSearch(page);
			// n8n 1.x shows no description for any node in its global search (its node list leaves it empty
			// there); 2.x shows one, and it must be the action node's.
			const shown =
				page.line === '1.x' && added.listed === '' ? true : ACTION_DESCRIPTION.test(added.listed);
			expect(
				shown && !/^Starts the workflow/.test(added.listed),
				`the search result reads "${added.listed}"`,
			);
			return `"${added.listed}"`;
		},
	);
	await checks.run(
		'a new Card → Create node: Product and Currency list options once n8n fills in the credential, no error',
		async () => {
			expect(added, 'the node was not added');
			const { ndv } = added;
			const products = await editor.openDropdown(page, ndv, 'productCode');
			await page.keyboard.press('Escape');
			expect(
				JSON.stringify(products) === JSON.stringify(productNames),
				`Product lists ${JSON.stringify(products)}`,
			);
			await editor.chooseOption(page, ndv, 'productCode', '(PROD001)');
			const currencies = await editor.openDropdown(page, ndv, 'cardCurrency');
			await page.keyboard.press('Escape');
			expect(currencies.length > 0, 'Currency lists nothing');
			const text = await ndv.innerText();
			expect(!FETCH_ERROR.test(text), 'the panel shows "Error fetching options"');
			await editor.closeNode(page);
			return `Product: ${products.join(', ')}; Currency: ${currencies.join(', ')}`;
		},
	);
}

async function credentialDialogChecks(checks, page, info) {
	await checks.run(
		"credential: Client ID's hint says the Environment is chosen below",
		async () => {
			const modal = await editor.openCredential(page, info.credential.url);
			const text = clean(await modal.innerText());
			expect(text.includes(CLIENT_ID_HINT), `the dialog does not say "${CLIENT_ID_HINT}"`);
			return `"${CLIENT_ID_HINT}"`;
		},
	);
	await checks.run(
		"credential: a Base URL without /openapi (the host only) passes n8n's test",
		async () => {
			const hostOnly = info.simulator.baseUrl.replace(/\/openapi$/, '');
			const setBaseUrl = async (value) => {
				const modal = await editor.openCredential(page, info.credential.url);
				await modal.getByTestId('parameter-input-baseUrl').locator('input').fill(value);
				return await editor.saveClientSecret(page, modal, info.simulator.clientSecret);
			};
			const banner = await setBaseUrl(hostOnly);
			const restored = await setBaseUrl(info.simulator.baseUrl);
			expect(banner.ok, `with ${hostOnly} n8n showed "${banner.text}" ${banner.detail}`);
			expect(restored.ok, `restoring the Base URL: "${restored.text}"`);
			return `${hostOnly}: "${banner.text}"`;
		},
	);
	await checks.run(
		'webhook credential: the dialog says a passed test only means a secret is entered',
		async () => {
			const tested = editor.waitForCredentialTest(page).catch(() => null);
			await page.goto(info.webhookCredential.url);
			const modal = page.getByTestId('editCredential-modal');
			await modal.waitFor();
			await tested;
			await editor.settle(page);
			const text = clean(await modal.innerText());
			expect(
				/cannot be tested here/.test(text) &&
					/"Connection tested successfully" only means that a secret is entered/.test(text),
				`the dialog reads "${text.slice(0, 300)}"`,
			);
			await page.keyboard.press('Escape');
			return 'the notice explains the banner';
		},
	);
}

async function triggerNoticeCheck(checks, page, info) {
	await checks.run(
		'trigger: the notice says Publish (2.x) / Active (1.x) and that the Production URL must be reachable (WEBHOOK_URL)',
		async () => {
			const workflow = info.workflows.find((w) => w.file === 'declined-payment-alert.json');
			expect(workflow, 'declined-payment-alert.json was not imported');
			await editor.openWorkflow(page, workflow.url);
			const ndv = await editor.openNode(page, 'Declined payment');
			const text = clean(await ndv.innerText());
			await editor.closeNode(page);
			const missing = TRIGGER_NOTICE.filter((word) => !text.includes(word));
			expect(!missing.length, `the panel does not say ${JSON.stringify(missing)}`);
			expect(!/must be active/i.test(text), 'the panel still says "must be active"');
			return TRIGGER_NOTICE.join(', ');
		},
	);
}

async function fundLogExportCheck(checks, page, info, screenshot) {
	await checks.run(
		'fund-log export: Period "Yesterday" and Output "Spreadsheet Rows"; the rows have readable columns and spreadsheet times',
		async () => {
			const workflow = info.workflows.find((w) => w.file === 'nightly-fund-log-export.json');
			expect(workflow, 'nightly-fund-log-export.json was not imported');
			await editor.openWorkflow(page, workflow.url);
			const ndv = await editor.openNode(page, "Yesterday's fund logs");
			const period = await editor.parameterValue(ndv, 'period');
			const output = await editor.parameterValue(ndv, 'output');
			expect(
				period === 'Yesterday' && output === 'Spreadsheet Rows',
				`Period "${period}", Output "${output}"`,
			);
			// Every record, whatever day the sandbox's history falls on.
			await editor.chooseOption(page, ndv, 'period', 'Custom Range');
			await editor.executeStep(page, ndv);
			const error = await editor.outputError(ndv);
			expect(!error, `the node failed: ${error?.message} ${error?.description}`);
			const table = await editor.outputTable(ndv);
			expect(
				JSON.stringify(table.headers) === JSON.stringify(FUND_LOG_COLUMNS),
				`columns ${JSON.stringify(table.headers)}`,
			);
			const times = table.rows.map((row) => row[0]);
			expect(
				times.length > 0 && times.every((time) => SPREADSHEET_TIME.test(time)),
				`Time cells ${JSON.stringify(times.slice(0, 3))}`,
			);
			const file = await screenshot(page, 'fund-log-rows.png');
			await editor.closeNode(page);
			return `${table.rows.length} rows, e.g. Time "${times[0]}", Time Zone "${table.rows[0][1]}"${file ? ` (${file})` : ''}`;
		},
	);
}

async function orderGetCheck(checks, page, info, sandbox) {
	await checks.run(
		'Order → Get: Card Model offers "Any Model"; Order Type names the Card operations ("Create", not "Create Card")',
		async () => {
			const name = 'Look up an order';
			const workflowId = await createWorkflow(sandbox.n8n, {
				name: 'Look up an order',
				nodes: [
					{
						id: crypto.randomUUID(),
						name,
						type: info.nodeType,
						typeVersion: 1,
						position: [0, 0],
						parameters: { resource: 'order', operation: 'get' },
						credentials: {
							cardepassOAuth2Api: { id: info.credential.id, name: info.credential.name },
						},
					},
				],
				connections: {},
				settings: { executionOrder: 'v1' },
			});
			await editor.openWorkflow(page, `${info.url}/workflow/${workflowId}`);
			const ndv = await editor.openNode(page, name);
			const models = await editor.openDropdown(page, ndv, 'cardModel');
			await page.keyboard.press('Escape');
			const types = await editor.openDropdown(page, ndv, 'orderType');
			await page.keyboard.press('Escape');
			await editor.closeNode(page);
			expect(models.includes('Any Model'), `Card Model lists ${JSON.stringify(models)}`);
			expect(
				types.includes('Create') && !types.some((type) => /Create Card/.test(type)),
				`Order Type lists ${JSON.stringify(types)}`,
			);
			return `Card Model: ${models.join(', ')}; Order Type: ${types.join(', ')}`;
		},
	);
}

module.exports = {
	newNodeChecks,
	credentialDialogChecks,
	triggerNoticeCheck,
	fundLogExportCheck,
	orderGetCheck,
	parameterItemText,
};
