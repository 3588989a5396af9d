'use strict';

// What a user does in the n8n editor (2.x, checked on 2.41.1), as Playwright
// steps. Selectors: n8n's own data-test-id attributes where it has them, else
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
	await page.goto(credentialUrl);
	const modal = page.getByTestId('editCredential-modal');
	await modal.waitFor();
	await tested;
	return modal;
}

function waitForCredentialTest(page) {
	return page.waitForResponse((response) => response.url().endsWith(CREDENTIAL_TEST_PATH) && response.request().method() === 'POST');
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
	if (await success.isVisible()) return { ok: true, text: bannerText(await success.innerText()), detail: '' };
	const more = failure.getByText('More details');
	if (await more.isVisible()) await more.click();
	const text = bannerText(await failure.innerText());
	const headline = text.match(FAILED_TEST)[0];
	return { ok: false, text: headline, detail: text.slice(text.indexOf(headline) + headline.length).trim() };
}

const clean = (text) => text.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
const bannerText = (text) => clean(text.replace(/\bRetry\b/, '')); // the banner's button

/** Opens a workflow in the editor (the page's dialog handler answers a leave-page prompt). */
async function openWorkflow(page, workflowUrl) {
	await page.goto(workflowUrl);
	await page.getByTestId('canvas-node').first().waitFor();
}

function canvasNode(page, name) {
	return page.locator(`[data-test-id="canvas-node"][data-node-name="${name.replace(/"/g, '\\"')}"]`);
}

async function openNode(page, name) {
	await canvasNode(page, name).dblclick();
	const ndv = page.getByTestId('ndv');
	await ndv.waitFor();
	return ndv;
}

async function closeNode(page) {
	await page.getByTestId('ndv-close-button').click();
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
		.evaluate((item) => Promise.all((item.closest('.el-popper') || item).getAnimations({ subtree: true }).map((a) => a.finished)))
		.catch(() => {});
	return (await options.allInnerTexts()).map((text) => text.split('\n')[0].trim());
}

async function chooseOption(page, ndv, name, optionText) {
	await openDropdown(page, ndv, name);
	await page.locator('.el-select-dropdown__item:visible').filter({ hasText: optionText }).first().click();
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
			values.length > 0 && values.every((state) => state === 'success') && edges.length > 0 && edges.every((label) => ITEMS.test(label));
		if (failed || succeeded || Date.now() > deadline) {
			const toast = page.getByText(/Workflow executed successfully|Problem in node|Workflow execution failed/).first();
			await toast.waitFor({ timeout: 10_000 }).catch(() => {});
			const toastText = (await toast.isVisible()) ? clean(await toast.innerText()) : '';
			return { ok: succeeded, nodes: states, edges, toast: toastText };
		}
		await page.waitForTimeout(250);
	}
}

/** Waits (at most 3 s) for the page's finite CSS animations and transitions: toasts sliding in, fades. */
async function settle(page) {
	await page
		.evaluate(() => {
			const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().iterations !== Infinity);
			const done = Promise.all(finite.map((a) => a.finished.catch(() => {})));
			return Promise.race([done, new Promise((resolve) => setTimeout(resolve, 3000))]);
		})
		.catch(() => {});
}

module.exports = {
	settle,
	signIn,
	openCredential,
	saveClientSecret,
	credentialBanner,
	openWorkflow,
	canvasNode,
	openNode,
	closeNode,
	parameterValue,
	openDropdown,
	chooseOption,
	executeWorkflow,
};
