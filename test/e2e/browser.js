#!/usr/bin/env node
'use strict';

// node test/e2e/browser.js
// The editor in a real browser: starts the same sandbox as `npm start` (on
// free ports, in a temporary user folder), then drives Debian's Chromium
// through what a user does first: sign in, test the credential with the right
// and a wrong secret, open the Card → Create node and its dropdowns, execute a
// workflow. Saves docs/images/{credential,node-panel,executed-workflow}.png.
// One line per check, then `browser: N passed, M failed`; exit 1 on failure.
// On a failure the page's screenshot and HTML go to a temporary folder.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Sandbox } = require('../sandbox/sandbox');
const { killDescendants } = require('../sandbox/process-tree');
const { REPO_ROOT } = require('./paths');
const { ensureChromium, launchChromium } = require('./browser/chromium');
const editor = require('./browser/editor');
const { pngSize } = require('./browser/png-size');

const IMAGES = path.join(REPO_ROOT, 'docs', 'images');
const VIEWPORT = { width: 1440, height: 900 };
const MIN_SIZE = { width: 1280, height: 800 };
const WRONG_SECRET = 'not-the-sandbox-secret';
const EXAMPLE = 'issue-card-and-read-back.json';

const log = (message) => console.log(`[browser] ${message}`);

class Checks {
	constructor() {
		this.passed = 0;
		this.failed = 0;
		this.page = null;
		this.debugDir = null;
	}

	/** Runs one check; prints `ok <name>: <detail>` or `FAIL <name>: <why>`. Resolves with fn's value or undefined. */
	async run(name, fn) {
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
		this.debugDir = this.debugDir || fs.mkdtempSync(path.join(os.tmpdir(), 'cardepass-browser-failure-'));
		const base = path.join(this.debugDir, name.replace(/[^\w]+/g, '-').replace(/^-|-$/g, '').slice(0, 60));
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
	const workflow = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'examples', exampleFile), 'utf8'));
	const node = workflow.nodes.find(
		(n) => /\.cardepass$/.test(n.type) && n.parameters?.resource === 'card' && n.parameters?.operation === 'create',
	);
	if (!node) throw new Error(`examples/${exampleFile} has no Cardepass Card → Create node`);
	return node.name;
}

async function screenshot(page, name) {
	fs.mkdirSync(IMAGES, { recursive: true });
	const file = path.join(IMAGES, name);
	await editor.settle(page);
	await page.screenshot({ path: file });
	return file;
}

async function credentialChecks(checks, page, info) {
	await checks.run('credential: Save with the right secret passes n8n\'s test', async () => {
		const modal = await editor.openCredential(page, info.credential.url);
		const banner = await editor.saveClientSecret(page, modal, info.simulator.clientSecret);
		expect(banner.ok, `n8n showed "${banner.text}" ${banner.detail}`);
		await screenshot(page, 'credential.png');
		return `n8n shows "${banner.text}" (docs/images/credential.png)`;
	});
	await checks.run('credential: a wrong secret fails n8n\'s test', async () => {
		const modal = await editor.openCredential(page, info.credential.url);
		const banner = await editor.saveClientSecret(page, modal, WRONG_SECRET);
		expect(!banner.ok, `n8n showed "${banner.text}" for the wrong secret`);
		return `n8n shows "${banner.text}" / "${banner.detail}"`;
	});
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
	const currenciesOf = (code) => [...sim.state.products.find((p) => p.productCode === code).cardCurrency].sort();
	let ndv;
	await checks.run(`node panel: "${nodeName}" shows Resource "Card", Operation "Create"`, async () => {
		expect(workflow, `examples/${EXAMPLE} was not imported`);
		await editor.openWorkflow(page, workflow.url);
		ndv = await editor.openNode(page, nodeName);
		const resource = await editor.parameterValue(ndv, 'resource');
		const operation = await editor.parameterValue(ndv, 'operation');
		expect(resource === 'Card' && operation === 'Create', `Resource "${resource}", Operation "${operation}"`);
		return `in "${workflow.name}"`;
	});
	await checks.run('node panel: the Product dropdown lists the simulator\'s products', async () => {
		expect(ndv, 'the node panel did not open');
		const options = await editor.openDropdown(page, ndv, 'productCode');
		expect(
			JSON.stringify(options) === JSON.stringify(productNames),
			`options ${JSON.stringify(options)}, expected ${JSON.stringify(productNames)}`,
		);
		await screenshot(page, 'node-panel.png');
		await page.keyboard.press('Escape');
		return `${options.join(', ')} (docs/images/node-panel.png)`;
	});
	await checks.run('node panel: the Currency dropdown follows the chosen product', async () => {
		expect(ndv, 'the node panel did not open');
		const seen = [];
		for (const code of ['PROD002', 'PROD001']) {
			await editor.chooseOption(page, ndv, 'productCode', `(${code})`);
			const currencies = (await editor.openDropdown(page, ndv, 'cardCurrency')).sort();
			await page.keyboard.press('Escape');
			expect(JSON.stringify(currencies) === JSON.stringify(currenciesOf(code)), `${code}: currencies ${currencies}`);
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
		expect(run.ok, `node states ${JSON.stringify(run.nodes)}, edge labels ${JSON.stringify(run.edges)}, toast "${run.toast}"`);
		expect(sim.state.cards.size === cardsBefore + 1, `the simulator has ${sim.state.cards.size - cardsBefore} new cards`);
		await page.getByTestId('zoom-to-fit').click();
		await page.waitForTimeout(500); // the fit animates (in script, not CSS)
		await screenshot(page, 'executed-workflow.png');
		return `${Object.keys(run.nodes).length} nodes succeeded, edges ${run.edges.join(' / ')}, toast "${run.toast}", 1 card issued (docs/images/executed-workflow.png)`;
	});
}

async function screenshotCheck(checks) {
	await checks.run('screenshots are at least 1280x800', async () => {
		const sizes = ['credential.png', 'node-panel.png', 'executed-workflow.png'].map((name) => {
			const file = path.join(IMAGES, name);
			expect(fs.existsSync(file), `${name} missing`);
			const { width, height } = pngSize(file);
			expect(width >= MIN_SIZE.width && height >= MIN_SIZE.height, `${name} is ${width}x${height}`);
			return `${name} ${width}x${height}`;
		});
		return sizes.join(', ');
	});
}

async function main() {
	const started = Date.now();
	const checks = new Checks();
	const chromium = await ensureChromium(log);
	if (chromium.skip) {
		console.log(`SKIP browser checks: ${chromium.skip}`);
		console.log('browser: 0 passed, 0 failed');
		return;
	}

	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'cardepass-browser-n8n-'));
	const sandbox = new Sandbox({ n8nPort: 0, simulatorPort: 0, userFolder, log: (m) => console.log(`[sandbox] ${m}`) });
	let browser = null;
	let stopping = null;
	const shutdown = () => {
		stopping = stopping || (async () => {
			if (browser) await browser.close();
			await sandbox.stop();
			await killDescendants();
			if (!checks.failed) fs.rmSync(userFolder, { recursive: true, force: true });
		})();
		return stopping;
	};
	const onSignal = (signal, code) => () => {
		console.log(`\n[browser] ${signal}: stopping`);
		shutdown().finally(() => process.exit(code));
	};
	process.on('SIGINT', onSignal('SIGINT', 130));
	process.on('SIGTERM', onSignal('SIGTERM', 143));

	try {
		const info = await checks.run('sandbox starts (the code of npm start, on free ports)', async () => {
			const value = await sandbox.start();
			return { ...value, detail: `n8n ${value.version} at ${value.url}, simulator ${value.simulator.baseUrl}, ${(value.startMs / 1000).toFixed(1)} s` };
		});
		if (info) {
			browser = await launchChromium(chromium.executablePath, { viewport: VIEWPORT });
			require('playwright-core').selectors.setTestIdAttribute('data-test-id');
			const page = browser.context.pages()[0] || (await browser.context.newPage());
			page.setDefaultTimeout(30_000);
			page.setDefaultNavigationTimeout(60_000);
			page.on('dialog', (dialog) => dialog.accept().catch(() => {}));
			checks.page = page;

			const signedIn = await checks.run(`sign in as ${info.owner.email}`, async () => {
				await editor.signIn(page, info.url, info.owner);
				return `at ${new URL(page.url()).pathname}`;
			});
			if (signedIn) {
				await credentialChecks(checks, page, info);
				const workflow = await nodePanelChecks(checks, page, info, sandbox.sim);
				await executionCheck(checks, page, workflow, sandbox.sim);
				await screenshotCheck(checks);
			}
		}
	} catch (error) {
		checks.failed++;
		console.log(`FAIL browser run: ${error.stack || error.message}`);
	} finally {
		await shutdown();
	}
	if (checks.failed) log(`n8n's log kept in ${sandbox.logFile()}`);
	log(`took ${((Date.now() - started) / 1000).toFixed(1)} s`);
	console.log(`browser: ${checks.passed} passed, ${checks.failed} failed`);
	process.exitCode = checks.failed ? 1 : 0;
}

main();
