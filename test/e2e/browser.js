#!/usr/bin/env node
'use strict';

// node test/e2e/browser.js [--line 2.x|1.x|all]   (default all: 2.x, then 1.x)
// The editor in a real browser: starts the same sandbox as `npm start` (on
// free ports, in a temporary user folder), then drives Debian's Chromium
// through what a user does first: sign in, read the credential dialog's fields,
// test the credential with the right and a wrong secret, open the Card → Create
// node and its dropdowns, open every action of the node (canvas subtitles,
// field order, defaults, hints), top up a card twice with one Customer Order No
// (same output keys), type 0 as the amount (the node's error, no order), and
// execute a workflow; then what a new user meets first: Card → Create added through
// n8n's node search (its description, dropdowns without errors, required amounts), the
// credential dialog's hints and a Base URL without /openapi, the webhook credential saved
// without a test, the trigger's notice, Order → Get's choices, and the fund-log export's
// Period and Spreadsheet Rows. On 2.x it saves docs/images/{credential,node-panel,
// executed-workflow,fund-log-rows}.png. One line per check, then `browser: N passed, M failed`;
// exit 1 on failure. On a failure the page's screenshot and HTML go to a
// temporary folder. Each line gets its own sandbox; about 100 s for 2.x and
// 80 s for 1.x on this machine.

const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Sandbox } = require('../sandbox/sandbox');
const { killDescendants } = require('../sandbox/process-tree');
const { REPO_ROOT } = require('./paths');
const { ensureChromium, launchChromium } = require('./browser/chromium');
const editor = require('./browser/editor');
const { pngSize } = require('./browser/png-size');
const actions = require('./browser/actions');
const firstHour = require('./browser/first-hour');
const { createWorkflow } = require('../sandbox/editor-content');
const { seed } = require('../simulator');

const IMAGES = path.join(REPO_ROOT, 'docs', 'images');
const VIEWPORT = { width: 1440, height: 900 };
const MIN_SIZE = { width: 1280, height: 800 };
const WRONG_SECRET = 'not-the-sandbox-secret';
const EXAMPLE = 'issue-card-and-read-back.json';
// The README's screenshots show the line `npm start` runs.
const SCREENSHOT_LINE = '2.x';
const LINES = ['2.x', '1.x'];
const OUR_CREDENTIAL_FIELDS = ['Environment', 'Base URL', 'Client ID', 'Client Secret'];
// n8n's own, on every credential of 2.x and 1.123.
const N8N_CREDENTIAL_FIELDS = ['Allowed HTTP Request Domains'];
const TOP_UP_CARD = seed.SEED_CARD_IDS.standardNoWithdraw; // minimum top-up 1 on every revision

const log = (message) => console.log(`[browser] ${message}`);

class Checks {
	constructor() {
		this.passed = 0;
		this.failed = 0;
		this.page = null;
		this.debugDir = null;
		this.prefix = '';
	}

	/** Runs one check; prints `ok <name>: <detail>` or `FAIL <name>: <why>`. Resolves with fn's value or undefined. */
	async run(name, fn) {
		name = this.prefix + name;
		try {
			const value = await fn();
			const detail = typeof value === 'string' ? value : value?.detail;
			console.log(`ok   ${name}${detail ? `: ${detail}` : ''}`);
			this.passed++;
			return value;
		} catch (error) {
			this.failed++;
			console.log(`FAIL ${name}: ${error.message.split('\n')[0]}`);
			await this.dump(name, error);
			return undefined;
		}
	}

	async dump(name, error) {
		this.debugDir =
			this.debugDir || fs.mkdtempSync(path.join(os.tmpdir(), 'cardepass-browser-failure-'));
		const base = path.join(
			this.debugDir,
			name
				.replace(/[^\w]+/g, '-')
				.replace(/^-|-$/g, '')
				.slice(0, 60),
		);
		fs.writeFileSync(`${base}.txt`, `${error.stack || error.message}\n`);
		if (this.page && !this.page.isClosed()) {
			await this.page.screenshot({ path: `${base}.png`, fullPage: true }).catch(() => {});
			fs.writeFileSync(`${base}.html`, await this.page.content().catch(() => ''));
		}
		console.log(`     debug: ${base}.{txt,png,html}`);
	}
}

function expect(condition, message) {
	if (!condition) throw new Error(message);
}

/** The example's Cardepass node that creates a card (its name as on the canvas). */
function createNodeName(exampleFile) {
	const workflow = JSON.parse(
		fs.readFileSync(path.join(REPO_ROOT, 'examples', exampleFile), 'utf8'),
	);
	const node = workflow.nodes.find(
		(n) =>
			/\.cardepass$/.test(n.type) &&
			n.parameters?.resource === 'card' &&
			n.parameters?.operation === 'create',
	);
	if (!node) throw new Error(`examples/${exampleFile} has no Cardepass Card → Create node`);
	return node.name;
}

async function screenshot(page, name) {
	if (page.line !== SCREENSHOT_LINE) return null;
	fs.mkdirSync(IMAGES, { recursive: true });
	const file = path.join(IMAGES, name);
	await editor.settle(page);
	await page.screenshot({ path: file });
	return file;
}

/** " (docs/images/x.png)" when the screenshot was saved, else nothing. */
const savedAs = (file) => (file ? ` (${path.relative(REPO_ROOT, file)})` : '');

async function credentialChecks(checks, page, info) {
	await checks.run(
		"credential: the dialog shows Environment, Base URL, Client ID and Client Secret, none of n8n's generic OAuth2 fields",
		async () => {
			const modal = await editor.openCredential(page, info.credential.url);
			const labels = await editor.credentialFieldLabels(modal);
			const missing = OUR_CREDENTIAL_FIELDS.filter((label) => !labels.includes(label));
			const extra = labels.filter(
				(label) => !OUR_CREDENTIAL_FIELDS.includes(label) && !N8N_CREDENTIAL_FIELDS.includes(label),
			);
			expect(
				!missing.length && !extra.length,
				`fields ${JSON.stringify(labels)}: missing ${JSON.stringify(missing)}, not ours ${JSON.stringify(extra)}`,
			);
			const first =
				labels[0] === 'Environment'
					? 'Environment first'
					: `Environment is field ${labels.indexOf('Environment') + 1}`;
			return `${labels.join(', ')} (${first})`;
		},
	);
	await checks.run("credential: Save with the right secret passes n8n's test", async () => {
		const modal = await editor.openCredential(page, info.credential.url);
		const banner = await editor.saveClientSecret(page, modal, info.simulator.clientSecret);
		expect(banner.ok, `n8n showed "${banner.text}" ${banner.detail}`);
		const file = await screenshot(page, 'credential.png');
		return `n8n shows "${banner.text}"${savedAs(file)}`;
	});
	if (page.line === '1.x') {
		// As the README says: 1.x tests a credential that holds a token with that token, not with the secret.
		await checks.run(
			"credential: a wrong secret saved over a working one passes n8n 1.x's test (the stored token is reused)",
			async () => {
				const modal = await editor.openCredential(page, info.credential.url);
				const banner = await editor.saveClientSecret(page, modal, WRONG_SECRET);
				expect(banner.ok, `n8n showed "${banner.text}" ${banner.detail}`);
				return `n8n shows "${banner.text}"`;
			},
		);
	} else {
		await checks.run("credential: a wrong secret fails n8n's test", async () => {
			const modal = await editor.openCredential(page, info.credential.url);
			const banner = await editor.saveClientSecret(page, modal, WRONG_SECRET);
			expect(!banner.ok, `n8n showed "${banner.text}" for the wrong secret`);
			return `n8n shows "${banner.text}" / "${banner.detail}"`;
		});
	}
	await checks.run('credential: the right secret again passes', async () => {
		const modal = await editor.openCredential(page, info.credential.url);
		const banner = await editor.saveClientSecret(page, modal, info.simulator.clientSecret);
		expect(banner.ok, `n8n showed "${banner.text}" ${banner.detail}`);
		return `"${banner.text}"`;
	});
}

async function nodePanelChecks(checks, page, info, sim) {
	const workflow = info.workflows.find((w) => w.file === EXAMPLE);
	const nodeName = createNodeName(EXAMPLE);
	const productNames = sim.state.products.map((p) => `${p.productName} (${p.productCode})`);
	const currenciesOf = (code) =>
		[...sim.state.products.find((p) => p.productCode === code).cardCurrency].sort();
	let ndv;
	await checks.run(
		`node panel: "${nodeName}" shows Resource "Card", Operation "Create"`,
		async () => {
			expect(workflow, `examples/${EXAMPLE} was not imported`);
			await editor.openWorkflow(page, workflow.url);
			ndv = await editor.openNode(page, nodeName);
			const resource = await editor.parameterValue(ndv, 'resource');
			const operation = await editor.parameterValue(ndv, 'operation');
			expect(
				resource === 'Card' && operation === 'Create',
				`Resource "${resource}", Operation "${operation}"`,
			);
			return `in "${workflow.name}"`;
		},
	);
	await checks.run("node panel: the Product dropdown lists the simulator's products", async () => {
		expect(ndv, 'the node panel did not open');
		const options = await editor.openDropdown(page, ndv, 'productCode');
		expect(
			JSON.stringify(options) === JSON.stringify(productNames),
			`options ${JSON.stringify(options)}, expected ${JSON.stringify(productNames)}`,
		);
		const file = await screenshot(page, 'node-panel.png');
		await page.keyboard.press('Escape');
		return `${options.join(', ')}${savedAs(file)}`;
	});
	await checks.run('node panel: the Currency dropdown follows the chosen product', async () => {
		expect(ndv, 'the node panel did not open');
		const seen = [];
		for (const code of ['PROD002', 'PROD001']) {
			await editor.chooseOption(page, ndv, 'productCode', `(${code})`);
			const currencies = (await editor.openDropdown(page, ndv, 'cardCurrency')).sort();
			await page.keyboard.press('Escape');
			expect(
				JSON.stringify(currencies) === JSON.stringify(currenciesOf(code)),
				`${code}: currencies ${currencies}`,
			);
			seen.push(`${code} → ${currencies.join(', ')}`);
		}
		await editor.chooseOption(page, ndv, 'cardCurrency', 'USD');
		expect((await editor.parameterValue(ndv, 'cardCurrency')) === 'USD', 'USD was not kept');
		return seen.join('; ');
	});
	return workflow;
}

async function executionCheck(checks, page, workflow, sim) {
	await checks.run(`execute "${workflow?.name}" in the editor`, async () => {
		expect(workflow, `examples/${EXAMPLE} was not imported`);
		if (await page.getByTestId('ndv').isVisible()) await editor.closeNode(page);
		else await editor.openWorkflow(page, workflow.url);
		const cardsBefore = sim.state.cards.size;
		const run = await editor.executeWorkflow(page);
		expect(
			run.ok,
			`node states ${JSON.stringify(run.nodes)}, edge labels ${JSON.stringify(run.edges)}, toast "${run.toast}"`,
		);
		expect(
			sim.state.cards.size === cardsBefore + 1,
			`the simulator has ${sim.state.cards.size - cardsBefore} new cards`,
		);
		await page.getByTestId('zoom-to-fit').click();
		await page.waitForTimeout(500); // the fit animates (in script, not CSS)
		const file = await screenshot(page, 'executed-workflow.png');
		return `${Object.keys(run.nodes).length} nodes succeeded, edges ${run.edges.join(' / ')}, toast "${run.toast}", 1 card issued${savedAs(file)}`;
	});
}

/** Every action as a node of its own: the canvas subtitles, then each node panel. */
async function actionChecks(checks, page, info, sandbox) {
	const list = actions.listActions(actions.nodeDescription());
	const workflowId = await createWorkflow(
		sandbox.n8n,
		actions.actionsWorkflow({
			nodeType: info.nodeType,
			credential: info.credential,
			actions: list,
		}),
	);
	await checks.run(
		`canvas: the ${list.length} actions' subtitles name operation and resource as the dropdowns do`,
		async () => {
			await editor.openWorkflow(page, `${info.url}/workflow/${workflowId}`);
			await page.getByTestId('zoom-to-fit').click();
			await page.waitForTimeout(500); // the fit animates
			const wrong = [];
			for (const action of list) {
				const subtitle = await editor.canvasSubtitle(page, action.nodeName);
				if (subtitle !== `${action.operationName}: ${action.resourceName}`)
					wrong.push(`"${action.nodeName}" shows "${subtitle}"`);
			}
			expect(!wrong.length, wrong.join('; '));
			const topUp = await editor.canvasSubtitle(
				page,
				list.find((a) => a.key === 'card/topUp').nodeName,
			);
			expect(topUp === 'Top Up: Card', `Card → Top Up shows "${topUp}"`);
			return `e.g. "${topUp}"`;
		},
	);
	for (const action of list) {
		await checks.run(`node panel: ${action.nodeName}`, async () => {
			if (await page.getByTestId('ndv').isVisible()) await editor.closeNode(page);
			const ndv = await editor.openNode(page, action.nodeName);
			const shown = await editor.shownParameters(ndv);
			await editor.closeNode(page);
			const problems = actions.panelProblems(action, shown);
			expect(!problems.length, `${problems.join('; ')} (shown: ${actions.describePanel(shown)})`);
			return actions.describePanel(shown);
		});
	}
}

function topUpWorkflow(info) {
	const trigger = 'When clicking ‘Execute workflow’';
	const node = 'Top up a card';
	return {
		name: 'Top up a card',
		nodes: [
			{
				id: crypto.randomUUID(),
				name: trigger,
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: crypto.randomUUID(),
				name: node,
				type: info.nodeType,
				typeVersion: 1,
				position: [260, 0],
				parameters: {
					resource: 'card',
					operation: 'topUp',
					cardId: TOP_UP_CARD,
					topUpAmount: '10',
					customerOrderNo: 'browser-top-up-1',
				},
				credentials: { cardepassOAuth2Api: { id: info.credential.id, name: info.credential.name } },
			},
		],
		connections: { [trigger]: { main: [[{ node, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** The earlierOrder cell of the output table's only row. */
function earlierOrderCell(table) {
	const column = table.headers.indexOf('earlierOrder');
	return column < 0 || table.rows.length !== 1 ? undefined : table.rows[0][column];
}

/** A first and a repeated Top Up with one Customer Order No, then an amount of 0, executed in the node panel. */
async function topUpChecks(checks, page, info, sandbox) {
	const sim = sandbox.sim;
	const workflow = topUpWorkflow(info);
	const workflowId = await createWorkflow(sandbox.n8n, workflow);
	const nodeName = workflow.nodes[1].name;
	// Each run in a freshly opened workflow (see editor.executeStep).
	const openTopUp = async () => {
		await editor.openWorkflow(page, `${info.url}/workflow/${workflowId}`);
		return await editor.openNode(page, nodeName);
	};
	let first;
	await checks.run(
		'Top Up executed in the editor: the output table shows one new order',
		async () => {
			const ndv = await openTopUp();
			await editor.executeStep(page, ndv);
			const error = await editor.outputError(ndv);
			expect(!error, `the node failed: ${error?.message} ${error?.description}`);
			first = await editor.outputTable(ndv);
			const orders = sim.getOrders({ customerOrderNo: 'browser-top-up-1' });
			expect(
				orders.length === 1,
				`the simulator has ${orders.length} orders with that Customer Order No`,
			);
			expect(
				earlierOrderCell(first) === 'false',
				`earlierOrder shows "${earlierOrderCell(first)}"`,
			);
			return `${first.headers.length} columns: ${first.headers.join(', ')}`;
		},
	);
	await checks.run(
		'Top Up again with the same Customer Order No: the earlier order, with the same output keys',
		async () => {
			expect(first, 'the first run did not complete');
			const ndv = await openTopUp();
			await editor.executeStep(page, ndv);
			const error = await editor.outputError(ndv);
			expect(!error, `the node failed: ${error?.message} ${error?.description}`);
			const again = await editor.outputTable(ndv);
			expect(
				JSON.stringify(again.headers) === JSON.stringify(first.headers),
				`columns ${JSON.stringify(again.headers)}, first run ${JSON.stringify(first.headers)}`,
			);
			expect(earlierOrderCell(again) === 'true', `earlierOrder shows "${earlierOrderCell(again)}"`);
			const orders = sim.getOrders({ customerOrderNo: 'browser-top-up-1' });
			expect(
				orders.length === 1,
				`the simulator has ${orders.length} orders with that Customer Order No`,
			);
			return `${again.headers.length} equal columns, earlierOrder true, still 1 order at the simulator`;
		},
	);
	await checks.run(
		"Top Up with an amount of 0: the node's error, no order at the simulator",
		async () => {
			const ndv = await openTopUp();
			const amount = ndv.getByTestId('parameter-input-topUpAmount').locator('input').first();
			await amount.fill('0');
			await ndv
				.getByTestId('parameter-input-customerOrderNo')
				.locator('input')
				.first()
				.fill('browser-top-up-zero');
			await amount.click(); // leave the Customer Order No field, so the editor keeps what was typed
			const posts = sim.apiRequests({ method: 'POST' }).length;
			const ordersBefore = sim.state.orders.length;
			await editor.executeStep(page, ndv);
			const shownAmount = await amount.inputValue();
			const error = await editor.outputError(ndv);
			expect(error, 'the output panel shows no error');
			expect(
				error.message === 'Top Up Amount must be at least 1, got 0',
				`the error reads "${error.message}"`,
			);
			expect(shownAmount === '0', `the amount field shows "${shownAmount}"`);
			const panelText = await ndv.getByTestId('output-panel').innerText();
			expect(
				!/Error code\s*none/i.test(panelText),
				'the error shows "Error code: none", as if Cardepass had refused the amount',
			);
			expect(
				!/From Cardepass/i.test(panelText),
				'the error shows "From Cardepass", as if Cardepass had refused the amount',
			);
			expect(
				/Nothing was sent to Cardepass/.test(error.description ?? ''),
				`the description does not say that nothing was sent: "${error.description}"`,
			);
			const sent = sim.apiRequests({ method: 'POST' }).length - posts;
			expect(
				sent === 0 && sim.state.orders.length === ordersBefore,
				`${sent} POST requests, ${sim.state.orders.length - ordersBefore} new orders`,
			);
			await editor.closeNode(page);
			return `"${error.message}" / "${error.description}"; amount still "0"; no request, no order`;
		},
	);
}

async function screenshotCheck(checks) {
	await checks.run('screenshots are at least 1280x800', async () => {
		const sizes = [
			'credential.png',
			'node-panel.png',
			'executed-workflow.png',
			'fund-log-rows.png',
		].map((name) => {
			const file = path.join(IMAGES, name);
			expect(fs.existsSync(file), `${name} missing`);
			const { width, height } = pngSize(file);
			expect(width >= MIN_SIZE.width && height >= MIN_SIZE.height, `${name} is ${width}x${height}`);
			return `${name} ${width}x${height}`;
		});
		return sizes.join(', ');
	});
}

/** `--line 2.x|1.x|all` → the lines to run, in order. */
function chosenLines(args) {
	const index = args.indexOf('--line');
	const wanted = index >= 0 ? args[index + 1] : 'all';
	if (wanted === 'all') return LINES;
	if (!LINES.includes(wanted))
		throw new Error(`--line takes ${LINES.join(', ')} or all, not "${wanted}"`);
	return [wanted];
}

/** One line: its own sandbox and browser, every check, then both stopped. */
async function runLine(checks, chromium, line, lineCount) {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'cardepass-browser-n8n-'));
	const sandbox = new Sandbox({
		n8nPort: 0,
		simulatorPort: 0,
		userFolder,
		line,
		log: (m) => console.log(`[sandbox] ${m}`),
	});
	const failedBefore = checks.failed;
	checks.prefix = lineCount > 1 ? `[${line}] ` : '';
	let browser = null;
	let stopping = null;
	const shutdown = () => {
		stopping =
			stopping ||
			(async () => {
				if (browser) await browser.close();
				await sandbox.stop();
				await killDescendants();
				if (checks.failed === failedBefore) fs.rmSync(userFolder, { recursive: true, force: true });
			})();
		return stopping;
	};
	const onSignal = (signal, code) => () => {
		console.log(`\n[browser] ${signal}: stopping`);
		shutdown().finally(() => process.exit(code));
	};
	const onInt = onSignal('SIGINT', 130);
	const onTerm = onSignal('SIGTERM', 143);
	process.on('SIGINT', onInt);
	process.on('SIGTERM', onTerm);

	try {
		const info = await checks.run(
			'sandbox starts (the code of npm start, on free ports)',
			async () => {
				const value = await sandbox.start();
				return {
					...value,
					detail: `n8n ${value.version} at ${value.url}, simulator ${value.simulator.baseUrl}, ${(value.startMs / 1000).toFixed(1)} s`,
				};
			},
		);
		if (info) {
			browser = await launchChromium(chromium.executablePath, { viewport: VIEWPORT });
			require('playwright-core').selectors.setTestIdAttribute('data-test-id');
			const page = browser.context.pages()[0] || (await browser.context.newPage());
			page.setDefaultTimeout(30_000);
			page.setDefaultNavigationTimeout(60_000);
			page.on('dialog', (dialog) => dialog.accept().catch(() => {}));
			page.line = line;
			checks.page = page;

			const signedIn = await checks.run(`sign in as ${info.owner.email}`, async () => {
				await editor.signIn(page, info.url, info.owner);
				return `at ${new URL(page.url()).pathname}`;
			});
			if (signedIn) {
				await credentialChecks(checks, page, info);
				await firstHour.credentialDialogChecks(checks, page, info);
				const workflow = await nodePanelChecks(checks, page, info, sandbox.sim);
				await firstHour.newNodeChecks(checks, page, info, sandbox);
				await actionChecks(checks, page, info, sandbox);
				await firstHour.orderGetCheck(checks, page, info, sandbox);
				await firstHour.triggerNoticeCheck(checks, page, info);
				await firstHour.fundLogExportCheck(checks, page, info, async (p, name) =>
					savedAs(await screenshot(p, name))
						.trim()
						.replace(/^\(|\)$/g, ''),
				);
				await topUpChecks(checks, page, info, sandbox);
				await executionCheck(checks, page, workflow, sandbox.sim);
				if (line === SCREENSHOT_LINE) await screenshotCheck(checks);
			}
		}
	} catch (error) {
		checks.failed++;
		console.log(`FAIL ${checks.prefix}browser run: ${error.stack || error.message}`);
	} finally {
		await shutdown();
		process.off('SIGINT', onInt);
		process.off('SIGTERM', onTerm);
	}
	if (checks.failed > failedBefore) log(`n8n's log (${line}) kept in ${sandbox.logFile()}`);
}

async function main() {
	const started = Date.now();
	const checks = new Checks();
	const lines = chosenLines(process.argv.slice(2));
	const chromium = await ensureChromium(log);
	if (chromium.skip) {
		console.log(`SKIP browser checks: ${chromium.skip}`);
		console.log('browser: 0 passed, 0 failed');
		return;
	}
	for (const line of lines) await runLine(checks, chromium, line, lines.length);
	log(`took ${((Date.now() - started) / 1000).toFixed(1)} s`);
	console.log(`browser: ${checks.passed} passed, ${checks.failed} failed`);
	process.exitCode = checks.failed ? 1 : 0;
}

main();
