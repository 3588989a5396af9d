'use strict';

// What a user does in the n8n editor (checked on 2.41.1 and 1.123.81), as
// Playwright steps. Selectors: n8n's own data-test-id attributes where it has them, else
// visible text. Found by reading the live editor's DOM:
// - opening a saved credential tests it at once; Save stores and tests again;
// - the success banner has data-test-id credentials-config-container-test-success
//   and stays in the DOM (hidden) when a test fails; the failure banner has no
//   test id, only its text and a "More details" link that unfolds the message;
// - canvas nodes carry data-node-name, and after a run a
//   canvas-node-status-success (or -error) mark; edge labels read "1 item".

const CREDENTIAL_TEST_PATH = '/rest/credentials/test';
const FAILED_TEST = /Couldn.t connect with these settings/;
const STICKY = 'n8n-nodes-base.stickyNote';
const ITEMS = /^\d+ items?$/;

async function signIn(page, url, { email, password }) {
	await page.goto(`${url}/signin`);
	await page.getByTestId('emailOrLdapLoginId').locator('input').fill(email);
	await page.getByTestId('password').locator('input').fill(password);
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((address) => !address.pathname.startsWith('/signin'));
}

/** Opens the credential's modal and waits for the test n8n runs when it opens. */
async function openCredential(page, credentialUrl) {
	const tested = waitForCredentialTest(page);
	tested.catch(() => {}); // awaited below; a failed page load must not leave it unhandled
	await page.goto(credentialUrl);
	const modal = page.getByTestId('editCredential-modal');
	await modal.waitFor();
	await tested;
	return modal;
}

function waitForCredentialTest(page) {
	return page.waitForResponse(
		(response) =>
			response.url().endsWith(CREDENTIAL_TEST_PATH) && response.request().method() === 'POST',
	);
}

/**
 * Types a client secret, presses Save (n8n saves, then tests) and reads the banner.
 * @returns {Promise<{ ok: boolean, text: string, detail: string }>}
 */
async function saveClientSecret(page, modal, secret) {
	await modal.getByTestId('parameter-input-clientSecret').locator('input').fill(secret);
	const tested = waitForCredentialTest(page);
	await modal.getByTestId('credential-save-button').click();
	await tested;
	return await credentialBanner(modal);
}

async function credentialBanner(modal) {
	const success = modal.getByTestId('credentials-config-container-test-success');
	const failure = modal.locator('.el-tag:visible').filter({ hasText: FAILED_TEST });
	await success.or(failure).first().waitFor();
	if (await success.isVisible())
		return { ok: true, text: bannerText(await success.innerText()), detail: '' };
	const more = failure.getByText('More details');
	if (await more.isVisible()) await more.click();
	const text = bannerText(await failure.innerText());
	const headline = text.match(FAILED_TEST)[0];
	return {
		ok: false,
		text: headline,
		detail: text.slice(text.indexOf(headline) + headline.length).trim(),
	};
}

const clean = (text) =>
	text
		.replace(/\u00a0/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
const bannerText = (text) => clean(text.replace(/\bRetry\b/, '')); // the banner's button

/** Opens a workflow in the editor (the page's dialog handler answers a leave-page prompt). */
async function openWorkflow(page, workflowUrl) {
	await page.goto(workflowUrl);
	await page.getByTestId('canvas-node').first().waitFor();
}

function canvasNode(page, name) {
	return page.locator(
		`[data-test-id="canvas-node"][data-node-name="${name.replace(/"/g, '\\"')}"]`,
	);
}

async function openNode(page, name) {
	await canvasNode(page, name).dblclick();
	const ndv = page.getByTestId('ndv');
	await ndv.waitFor();
	return ndv;
}

async function closeNode(page) {
	// 2.x has a close button; 1.x a "Back to canvas" link.
	await page.getByTestId('ndv-close-button').or(page.getByTestId('back-to-canvas')).first().click();
	await page.getByTestId('ndv').waitFor({ state: 'hidden' });
}

function parameterInput(ndv, name) {
	return ndv.getByTestId(`parameter-input-${name}`).locator('input').first();
}

/** The shown value of an options parameter (its option's name). */
async function parameterValue(ndv, name) {
	return await parameterInput(ndv, name).inputValue();
}

/** Opens an options parameter's dropdown; resolves with the options' first lines, once loaded. */
async function openDropdown(page, ndv, name) {
	await parameterInput(ndv, name).click();
	const options = page.locator('.el-select-dropdown__item:visible');
	await options.first().waitFor();
	// The list fades in; a screenshot taken meanwhile shows the fields behind it.
	await options
		.first()
		.evaluate((item) =>
			Promise.all(
				(item.closest('.el-popper') || item)
					.getAnimations({ subtree: true })
					.map((a) => a.finished),
			),
		)
		.catch(() => {});
	return (await options.allInnerTexts()).map((text) => text.split('\n')[0].trim());
}

async function chooseOption(page, ndv, name, optionText) {
	await openDropdown(page, ndv, name);
	await page
		.locator('.el-select-dropdown__item:visible')
		.filter({ hasText: optionText })
		.first()
		.click();
	await page.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'hidden' });
}

/**
 * Clicks "Execute workflow" and waits until the run is over: every node (sticky notes aside)
 * shows success and every connection its item count, or a node shows an error.
 * @returns {Promise<{ ok: boolean, nodes: Record<string, 'success'|'error'|'none'>, edges: string[], toast: string }>}
 */
async function executeWorkflow(page, { timeoutMs = 90_000 } = {}) {
	await page.getByTestId('execute-workflow-button').click();
	const nodes = page.locator(`[data-test-id="canvas-node"]:not([data-node-type="${STICKY}"])`);
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const states = {};
		for (const node of await nodes.all()) {
			const name = await node.getAttribute('data-node-name');
			const error = await node.getByTestId('canvas-node-status-error').count();
			const success = await node.getByTestId('canvas-node-status-success').count();
			states[name] = error ? 'error' : success ? 'success' : 'none';
		}
		const edges = (await page.getByTestId('edge-label').allInnerTexts()).map(clean);
		const values = Object.values(states);
		const failed = values.includes('error');
		const succeeded =
			values.length > 0 &&
			values.every((state) => state === 'success') &&
			edges.length > 0 &&
			edges.every((label) => ITEMS.test(label));
		if (failed || succeeded || Date.now() > deadline) {
			const toast = page
				.getByText(/Workflow executed successfully|Problem in node|Workflow execution failed/)
				.first();
			await toast.waitFor({ timeout: 10_000 }).catch(() => {});
			const toastText = (await toast.isVisible()) ? clean(await toast.innerText()) : '';
			return { ok: succeeded, nodes: states, edges, toast: toastText };
		}
		await page.waitForTimeout(250);
	}
}

/** The subtitle a canvas node shows under its name. */
async function canvasSubtitle(page, name) {
	return clean(await canvasNode(page, name).locator('[class*="_subtitle_"]').first().innerText());
}

/** The labels of the credential modal's fields, top to bottom (a required field's asterisk dropped). */
async function credentialFieldLabels(modal) {
	const fields = await modal.getByTestId('credential-connection-parameter').allInnerTexts();
	return fields.map((text) => clean(text.split('\n')[0]).replace(/\s*\*$/, ''));
}

/**
 * The node panel's parameters, top to bottom, as shown: name, label, the input's shown value (an options
 * parameter's option name) and the text under it (a hint). Parameters inside collections are left out,
 * and so is the credential (it has no parameter item).
 * @returns {Promise<Array<{ name: string, label: string, value: string, hint: string }>>}
 */
async function shownParameters(ndv) {
	return await ndv.getByTestId('node-parameters').evaluate((root) => {
		// The Settings tab's parameters are in the page too, hidden.
		const items = [...root.querySelectorAll('[data-test-id="parameter-item"]')].filter(
			(item) =>
				item.checkVisibility() && !item.parentElement.closest('[data-test-id="parameter-item"]'),
		);
		return items.map((item) => {
			const input = item.querySelector(
				'[data-test-id^="parameter-input-"]:not([data-test-id="parameter-input-field"])',
			);
			const name = input ? input.getAttribute('data-test-id').slice('parameter-input-'.length) : '';
			const field = input?.querySelector('[role="switch"], input, textarea');
			const lines = item.innerText
				.split('\n')
				.map((line) => line.trim())
				.filter(Boolean);
			const label = lines[0] || '';
			// A hint is the text after the input: what follows the label and the Fixed/Expression toggle.
			const hint = lines
				.slice(1)
				.filter((line) => !['Fixed', 'Expression'].includes(line))
				.join(' ');
			const isSwitch = field?.getAttribute('role') === 'switch';
			const value = !field
				? ''
				: isSwitch
					? field.getAttribute('aria-checked') === 'true'
						? 'on'
						: 'off'
					: field.value;
			return { name, label, value, hint };
		});
	});
}

/**
 * Clicks the node panel's "Execute step" and waits until the output shows items or an error. Call it on a
 * freshly opened workflow: 2.41.1 fails a second "Execute step" in one page ("Cannot read properties of
 * null" naming the trigger), and an earlier output would pass for this run's.
 */
async function executeStep(page, ndv) {
	const output = ndv.getByTestId('output-panel');
	const shown = output.locator('table th').or(output.getByTestId('node-error-message')).first();
	if (await shown.isVisible()) throw new Error('the output panel still shows an earlier run');
	await ndv.getByTestId('node-execute-button').first().click();
	await shown.waitFor({ timeout: 60_000 });
	await settle(page);
}

/** The output panel's table: its column headers (the items' keys) and each row's cells. */
async function outputTable(ndv) {
	const table = ndv.getByTestId('output-panel').locator('table').first();
	const headers = (await table.locator('thead th').allInnerTexts()).map(clean).filter(Boolean);
	const rows = [];
	for (const row of await table.locator('tbody > tr').all())
		rows.push((await row.locator(':scope > td').allInnerTexts()).map(clean));
	return { headers, rows };
}

/** The error the output panel shows: its message and the description under it. */
async function outputError(ndv) {
	const output = ndv.getByTestId('output-panel');
	const message = output.getByTestId('node-error-message').first();
	if (!(await message.isVisible())) return null;
	const description = output.getByTestId('node-error-description').first();
	return {
		message: clean(await message.innerText()),
		description: (await description.isVisible()) ? clean(await description.innerText()) : '',
	};
}

/** Waits (at most 3 s) for the page's finite CSS animations and transitions: toasts sliding in, fades. */
async function settle(page) {
	await page
		.evaluate(() => {
			const finite = document
				.getAnimations()
				.filter((a) => a.effect?.getComputedTiming().iterations !== Infinity);
			const done = Promise.all(finite.map((a) => a.finished.catch(() => {})));
			return Promise.race([done, new Promise((resolve) => setTimeout(resolve, 3000))]);
		})
		.catch(() => {});
}

module.exports = {
	settle,
	waitForCredentialTest,
	signIn,
	openCredential,
	saveClientSecret,
	credentialBanner,
	openWorkflow,
	canvasNode,
	canvasSubtitle,
	credentialFieldLabels,
	openNode,
	closeNode,
	parameterValue,
	openDropdown,
	chooseOption,
	executeWorkflow,
	shownParameters,
	executeStep,
	outputTable,
	outputError,
};
